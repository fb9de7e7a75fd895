import { z } from 'zod';
import { BoolQuery, Id, Timestamp, Version } from '../../server/schemas.ts';

export const DepartmentKind = z.enum(['internal', 'external', 'agency']);

export const Department = z
  .object({
    id: Id,
    name: z.string(),
    kind: DepartmentKind,
    description: z.string(),
    sortOrder: z.number().int(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Department' });
export type Department = z.infer<typeof Department>;

const name = z.string().trim().min(1).max(100);
const description = z.string().trim().max(2000);
const sortOrder = z.number().int().min(-100000).max(100000);

export const DepartmentCreate = z.strictObject({
  name,
  kind: DepartmentKind.default('internal'),
  description: description.default(''),
  sortOrder: sortOrder.default(0),
});
export type DepartmentCreate = z.infer<typeof DepartmentCreate>;

export const DepartmentUpdate = z.strictObject({
  version: Version,
  name: name.optional(),
  kind: DepartmentKind.optional(),
  description: description.optional(),
  sortOrder: sortOrder.optional(),
});
export type DepartmentUpdate = z.infer<typeof DepartmentUpdate>;

export const DepartmentListQuery = z.strictObject({
  includeDeleted: BoolQuery,
  q: z.string().trim().max(100).optional(),
});

export const DepartmentList = z.object({ items: z.array(Department), total: z.number().int() });

export const VersionQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });
