import { describe, expect, it } from 'vitest';
import type { Role } from '../../core/policy.ts';
import { type Client, KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';

describe.each(KINDS)('departments on %s', (kind) => {
  const h = useApp(kind);

  it('creates, reads, updates with a version, soft-deletes and restores', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const created = await admin.post('/api/v1/departments', { name: '经济合作局', description: '招商' });
    expect(created.statusCode).toBe(201);
    const dep = created.json();
    expect(dep).toMatchObject({ name: '经济合作局', kind: 'internal', version: 1, deletedAt: null });

    const updated = await admin.patch(`/api/v1/departments/${dep.id}`, { version: 1, name: '投资促进局' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: '投资促进局', version: 2 });

    const stale = await admin.patch(`/api/v1/departments/${dep.id}`, { version: 1, name: '旧名' });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`/api/v1/departments/${dep.id}`)).json().name).toBe('投资促进局');

    expect((await admin.delete(`/api/v1/departments/${dep.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/departments/${dep.id}`)).statusCode).toBe(404);
    const withDeleted = await admin.get('/api/v1/departments?includeDeleted=true');
    expect(withDeleted.json().items.map((d: { id: string }) => d.id)).toContain(dep.id);
    expect((await admin.get('/api/v1/departments')).json().items).toHaveLength(0);

    const restored = await admin.post(`/api/v1/departments/${dep.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ deletedAt: null, version: 4 });
  });

  it('records every write in the audit log with before and after', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = (await admin.post('/api/v1/departments', { name: '科技局' })).json();
    await admin.patch(`/api/v1/departments/${dep.id}`, { version: 1, description: '科技创新' });
    await admin.delete(`/api/v1/departments/${dep.id}`);
    const log = (await admin.get(`/api/v1/audit?entity=department&entityId=${dep.id}`)).json().items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    const upd = log[1];
    expect(upd.before.description).toBe('');
    expect(upd.after.description).toBe('科技创新');
    expect(upd.actorId).toBe(admin.userId);
  });

  it('refuses a duplicate live name with 409 and names the field', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    await admin.post('/api/v1/departments', { name: '财政局' });
    const dup = await admin.post('/api/v1/departments', { name: '财政局' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('name');
  });

  it('words validation problems per field in Chinese by default and English on request', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const before = await snapshot(h.database);
    const zh = await admin.post('/api/v1/departments', { name: '', sortOrder: 'x' });
    expect(zh.statusCode).toBe(400);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    const fields = zh
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['name', 'sortOrder']);
    expect(zh.json().title).toBe('提交的内容有误');
    admin.lang = 'en';
    const en = await admin.post('/api/v1/departments', { name: '' });
    expect(en.json().errors[0].message).toMatch(/at least 1 character/);
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('lets staff read but not write, and keeps outside parties out', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = (await admin.post('/api/v1/departments', { name: '审批服务部' })).json();
    const staff = await zone.as(['staff']);
    expect((await staff.get('/api/v1/departments')).statusCode).toBe(200);
    expect((await staff.post('/api/v1/departments', { name: 'x' })).statusCode).toBe(403);
    expect((await staff.patch(`/api/v1/departments/${dep.id}`, { version: 1, name: 'y' })).statusCode).toBe(403);
    expect((await staff.delete(`/api/v1/departments/${dep.id}`)).statusCode).toBe(403);
    for (const role of ['agency', 'owner', 'enterprise'] as const) {
      const c = await zone.as([role]);
      expect((await c.get('/api/v1/departments')).statusCode).toBe(403);
      expect((await c.get(`/api/v1/departments/${dep.id}`)).statusCode).toBe(403);
    }
    const leader = await zone.as(['leader']);
    expect((await leader.get(`/api/v1/departments/${dep.id}`)).statusCode).toBe(200);
    expect((await leader.post('/api/v1/departments', { name: 'z' })).statusCode).toBe(403);
    const both = await zone.as(['staff', 'admin']);
    expect((await both.post('/api/v1/departments', { name: '多角色新建' })).statusCode).toBe(201);
  });

  it('allows and refuses per role, every action, writing nothing when refused', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const target = (await admin.post('/api/v1/departments', { name: '建设局' })).json();
    const gone = (await admin.post('/api/v1/departments', { name: '撤并的局' })).json();
    expect((await admin.delete(`/api/v1/departments/${gone.id}`)).statusCode).toBe(204);
    let n = 0;
    const tryAll = async (c: Client) => ({
      list: (await c.get('/api/v1/departments')).statusCode,
      get: (await c.get(`/api/v1/departments/${target.id}`)).statusCode,
      create: (await c.post('/api/v1/departments', { name: `新部门${++n}` })).statusCode,
      update: (await c.patch(`/api/v1/departments/${target.id}`, { version: 1, name: '改名局' })).statusCode,
      remove: (await c.delete(`/api/v1/departments/${target.id}`)).statusCode,
      restore: (await c.post(`/api/v1/departments/${gone.id}/restore`)).statusCode,
    });
    const refused = { list: 403, get: 403, create: 403, update: 403, remove: 403, restore: 403 };
    const readOnly = { ...refused, list: 200, get: 200 };
    const expected: [Role, Record<string, number>][] = [
      ['leader', readOnly],
      ['staff', readOnly],
      ['viewer', readOnly],
      ['agency', refused],
      ['owner', refused],
      ['enterprise', refused],
    ];
    for (const [role, want] of expected) {
      const c = await zone.as([role]);
      const before = await snapshot(h.database);
      expect(await tryAll(c), role).toEqual(want);
      expect(await snapshot(h.database), role).toEqual(before);
    }
    expect(await tryAll(admin)).toEqual({ list: 200, get: 200, create: 201, update: 200, remove: 204, restore: 200 });
  });
});
