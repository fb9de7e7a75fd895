import { z } from 'zod';
import { PERMISSIONS } from '../../core/policy.ts';
import { Id } from '../../server/schemas.ts';
import { Password, User } from '../users/api.ts';

export const LoginBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const Zone = z
  .object({ id: Id, code: z.string(), name: z.string(), regionCode: z.string().nullable(), level: z.string() })
  .meta({ id: 'Zone' });

export const Me = z
  .object({
    user: User,
    zone: Zone,
    roles: User.shape.roles,
    permissions: z.array(z.enum(PERMISSIONS)),
    /** The regions (GB/T 2260) the operator let this user oversee: GET /api/v1/rollup answers over them. */
    oversees: z.array(z.string()),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: Password,
});
