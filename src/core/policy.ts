/**
 * Who may do what: the one place that says it. The API checks these before
 * any service runs; the web asks /api/v1/me for the same list to hide what the
 * API would refuse.
 */
export const ROLES = ['admin', 'leader', 'staff', 'agency', 'owner', 'enterprise', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'zone.read',
  'department.read',
  'department.write',
  'user.read',
  'user.write',
  'audit.read',
  'report.read',
  'report.sign',
  'investment.read',
  'investment.write',
  'major.read',
  'major.write',
  'major.report',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  leader: ['zone.read', 'department.read', 'user.read', 'report.read', 'report.sign', 'investment.read', 'major.read'],
  staff: [
    'zone.read',
    'department.read',
    'report.read',
    'investment.read',
    'investment.write',
    'major.read',
    'major.write',
  ],
  // Outside parties see only their own records (the services narrow the rows);
  // the zone's organisation is not theirs to browse.
  agency: ['zone.read', 'investment.read', 'investment.write'],
  owner: ['zone.read', 'major.read', 'major.report'],
  enterprise: ['zone.read'],
  viewer: ['zone.read', 'department.read', 'report.read', 'investment.read', 'major.read'],
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of GRANTS[r] ?? []) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => GRANTS[r]?.includes(permission));
}

export const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);
