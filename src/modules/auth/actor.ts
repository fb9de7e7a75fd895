import type { Role } from '../../core/policy.ts';

/** Who is acting: a logged-in user, or the command line acting for the system. */
export interface Actor {
  userId: string | null;
  zoneId: string;
  username: string;
  displayName: string;
  roles: Role[];
  departmentId: string | null;
}

export const cliActor = (zoneId: string): Actor => ({
  userId: null,
  zoneId,
  username: 'cli',
  displayName: '命令行',
  roles: ['admin'],
  departmentId: null,
});
