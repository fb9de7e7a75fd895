import { describe, expect, it } from 'vitest';
import { can, permissionsOf } from './policy.ts';

describe('policy', () => {
  it('gives the admin the organisation and the audit log', () => {
    expect(can(['admin'], 'user.write')).toBe(true);
    expect(can(['admin'], 'audit.read')).toBe(true);
  });
  it('lets a leader read but not change users', () => {
    expect(can(['leader'], 'user.read')).toBe(true);
    expect(can(['leader'], 'user.write')).toBe(false);
    expect(can(['leader'], 'report.sign')).toBe(true);
  });
  it('keeps outside parties away from the organisation', () => {
    for (const r of ['agency', 'owner', 'enterprise'] as const) {
      expect(can([r], 'department.read')).toBe(false);
      expect(can([r], 'user.read')).toBe(false);
    }
  });
  it('unions the permissions of several roles', () => {
    expect(permissionsOf(['staff', 'leader'])).toContain('report.sign');
    expect(permissionsOf(['staff', 'leader'])).toContain('department.read');
    expect(permissionsOf(['staff'])).not.toContain('user.read');
  });
});
