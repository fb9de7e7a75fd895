import { z } from 'zod';

/** Shared pieces of request and response schemas. */
export const Id = z.uuid();
export const IdParams = z.object({ id: Id });
export const Version = z.number().int().min(1);
export const Timestamp = z.string();

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** `?includeDeleted=true` on lists that hold soft-deleted records. */
export const BoolQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const errorResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
  429: Problem,
} as const;

/** A refinement's message in both languages; the error handler picks one per request. */
export const rule = (zh: string, en: string) => ({ message: zh, params: { en } });
