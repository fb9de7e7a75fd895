import { z } from 'zod';
import { ROLES } from '../../core/policy.ts';
import { BoolQuery, Id, rule, Timestamp, Version } from '../../server/schemas.ts';

export const RoleSchema = z.enum(ROLES);

export const User = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    roles: z.array(RoleSchema),
    departmentId: Id.nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    locale: z.enum(['zh-CN', 'en']),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (v) => /^[a-z0-9_.-]{3,64}$/.test(v),
    rule(
      '用户名为 3–64 位小写字母、数字、点、下划线或连字符',
      'Username: 3–64 lowercase letters, digits, dots, underscores or hyphens',
    ),
  );
export const Password = z.string().min(8).max(128);
const roles = z
  .array(RoleSchema)
  .min(1)
  .max(7)
  .transform((r) => [...new Set(r)]);
const displayName = z.string().trim().min(1).max(100);
const phone = z
  .string()
  .trim()
  .refine((v) => /^[0-9+\- ]{3,20}$/.test(v), rule('电话号码格式不正确', 'Invalid phone number'))
  .nullable();
const email = z.email().max(200).nullable();

export const UserCreate = z.strictObject({
  username: Username,
  displayName,
  password: Password,
  roles,
  departmentId: Id.nullable().default(null),
  phone: phone.default(null),
  email: email.default(null),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.strictObject({
  version: Version,
  displayName: displayName.optional(),
  roles: roles.optional(),
  departmentId: Id.nullable().optional(),
  phone: phone.optional(),
  email: email.optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
  /** An admin resets a password; the user's sessions end. */
  password: Password.optional(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const UserListQuery = z.strictObject({
  includeDeleted: BoolQuery,
  q: z.string().trim().max(100).optional(),
  role: RoleSchema.optional(),
  departmentId: Id.optional(),
});

export const UserList = z.object({ items: z.array(User), total: z.number().int() });
