import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';

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
});
