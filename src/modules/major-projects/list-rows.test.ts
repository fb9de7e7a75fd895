import { describe, expect, it } from 'vitest';
import { asSystem } from '../../db/tx.ts';
import { KINDS, makeZone, useApp } from '../../test/harness.ts';
import { coordinator, importExamples, put } from './test-kit.ts';

/**
 * The list's rows are rendered on write (migration 0015) and the list and details read them. Whatever
 * writes a project, its plans, its start or its department's name, the kept rows must equal a fresh
 * rendering of every project, and the API must show the change.
 */
const API = '/api/v1/major-projects';

describe.each(KINDS)('the major-project list rows kept on write, on %s', (kind) => {
  const h = useApp(kind);

  /** Kept rows that differ from a fresh rendering (the rendering replaces them, so each check starts fresh). */
  const stale = () =>
    asSystem(h.database, async (tx) => {
      await tx.client.query('CREATE TEMP TABLE kept_before ON COMMIT DROP AS SELECT * FROM major_project_list_rows');
      await tx.client.query('SELECT major_list_rows_refresh(ARRAY(SELECT id FROM major_projects))');
      const cols = 'project_id, plan_year, zone_id, key, deleted, body';
      const { rows } = await tx.client.query<{ side: string; key: string; plan_year: number }>(
        `(SELECT 'kept' AS side, ${cols} FROM kept_before EXCEPT SELECT 'kept', ${cols} FROM major_project_list_rows)
         UNION ALL
         (SELECT 'fresh', ${cols} FROM major_project_list_rows EXCEPT SELECT 'fresh', ${cols} FROM kept_before)`,
      );
      return rows.map((r) => `${r.side} ${r.key} ${r.plan_year}`).sort();
    });

  it('equal a fresh rendering after creates, edits, plans, starts, a renamed department, delete, restore and imports', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const staff = await coordinator(zone);
    const dept = (await admin.post('/api/v1/departments', { name: '重点项目办' })).json();
    const a = (
      await staff.post(API, {
        key: 'L-1',
        name: '智能装备产业园',
        builder: '衡阳智能装备有限公司',
        totalInvestment: '1200000000.50',
        departmentId: dept.id,
        plannedStartDate: '2026-03-01',
        plan: { year: 2026, levels: ['zone'], kind: 'new', annualPlan: '300000000.00' },
      })
    ).json();
    const b = (
      await staff.post(API, { key: 'L-2', name: '物流园', builder: '衡阳物流有限公司', totalInvestment: '8000.00' })
    ).json();
    expect(await stale()).toEqual([]);
    // B is on no year's list: it has a row of its own, with no plan, in the list without a year only.
    const noYear = (await staff.get(API)).json();
    expect(noYear.items.map((p: { key: string; plan: unknown }) => [p.key, p.plan === null])).toEqual([
      ['L-1', false],
      ['L-2', true],
    ]);
    expect((await staff.get(`${API}?year=2026`)).json().items.map((p: { key: string }) => p.key)).toEqual(['L-1']);

    // Plans added and changed, an edit, the start reached, the department renamed.
    expect(
      (await put(staff, `${API}/${a.id}/plans/2025`, { levels: ['city'], kind: 'new', annualPlan: '1.00' })).statusCode,
    ).toBe(200);
    expect(
      (await put(staff, `${API}/${b.id}/plans/2026`, { levels: ['zone'], kind: 'continuing', annualPlan: '2.00' }))
        .statusCode,
    ).toBe(200);
    const edited = await staff.patch(`${API}/${a.id}`, { version: a.version, name: '智能装备产业园（一期）' });
    expect(edited.statusCode).toBe(200);
    const start = await put(staff, `${API}/${a.id}/milestones/start`, {
      plannedDate: '2026-03-01',
      actualDate: '2026-03-20',
    });
    expect(start.statusCode).toBe(200);
    const renamed = await admin.patch(`/api/v1/departments/${dept.id}`, {
      version: dept.version,
      name: '重大项目服务中心',
    });
    expect(renamed.statusCode).toBe(200);
    expect(await stale()).toEqual([]);
    const year = (await staff.get(`${API}?year=2026`)).json();
    expect(year.total).toBe(2);
    expect(year.items[0]).toMatchObject({
      key: 'L-1',
      name: '智能装备产业园（一期）',
      departmentName: '重大项目服务中心',
      plannedStartDate: '2026-03-01',
      actualStartDate: '2026-03-20',
      plan: { year: 2026, levels: ['zone'], kind: 'new', annualPlan: '300000000.00', version: 1 },
      version: edited.json().version,
    });
    expect(year.items[1]).toMatchObject({ key: 'L-2', plan: { year: 2026, kind: 'continuing', annualPlan: '2.00' } });
    const y2025 = (await staff.get(`${API}?year=2025`)).json();
    expect(y2025.items.map((p: { key: string; plan: { annualPlan: string } }) => [p.key, p.plan.annualPlan])).toEqual([
      ['L-1', '1.00'],
    ]);

    // A plan removed, a project deleted and restored.
    expect((await staff.delete(`${API}/${a.id}/plans/2025`)).statusCode).toBe(204);
    expect((await staff.get(`${API}?year=2025`)).json().total).toBe(0);
    const current = (await staff.get(`${API}/${b.id}`)).json();
    expect((await staff.delete(`${API}/${b.id}?version=${current.version}`)).statusCode).toBe(204);
    expect((await staff.get(`${API}?year=2026`)).json().total).toBe(1);
    expect((await staff.get(`${API}?year=2026&includeDeleted=true`)).json().total).toBe(2);
    expect(await stale()).toEqual([]);
    expect((await staff.post(`${API}/${b.id}/restore`)).statusCode).toBe(200);

    // The ledgers: new projects and lists in bulk, existing ones updated.
    await importExamples(staff);
    expect(await stale()).toEqual([]);
    const all = (await staff.get(API)).json();
    expect(all.total).toBeGreaterThan(2);
    expect(all.items.map((p: { key: string }) => p.key)).toEqual(
      [...all.items.map((p: { key: string }) => p.key)].sort(),
    );
  });

  it('are what the list reads: a kept row changed behind the triggers shows, and the check finds it', async () => {
    const zone = await makeZone(h);
    const staff = await coordinator(zone);
    const created = await staff.post(API, {
      key: 'S-1',
      name: '原名',
      builder: '某公司',
      totalInvestment: '1.00',
      plannedStartDate: '2026-01-05',
      plan: { year: 2026, levels: ['zone'], kind: 'new', annualPlan: '1.00' },
    });
    expect(created.statusCode).toBe(201);
    await asSystem(h.database, (tx) =>
      tx.client.query(
        `UPDATE major_project_list_rows SET body = replace(body, '"原名"', '"改过"') WHERE zone_id = $1`,
        [zone.id],
      ),
    );
    expect((await staff.get(`${API}?year=2026`)).json().items[0].name).toBe('改过');
    expect(await stale()).toEqual(['fresh S-1 2026', 'kept S-1 2026']);
    expect((await staff.get(`${API}?year=2026`)).json().items[0].name).toBe('原名');
  });
});
