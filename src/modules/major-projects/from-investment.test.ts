import { describe, expect, it } from 'vitest';
import { type Client, KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';

const API = '/api/v1/major-projects';
const INV = '/api/v1/investment/projects';
const SUMMARY = '/api/v1/reports/major-projects-summary';

const plan = { year: 2026, levels: ['city', 'zone'], kind: 'continuing', annualPlan: '300000000.00' };

/** A signed investment project (or in talks, with stage 'negotiating'). */
async function investment(client: Client, code: string, extra: Record<string, unknown> = {}) {
  const res = await client.post(INV, {
    code,
    name: `项目${code}`,
    companyName: `投资方${code}有限公司`,
    channel: 'staff',
    totalInvestment: '1800000000.00',
    stage: 'signed',
    stageOn: '2025-03-15',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; version: number };
}

const fields = (res: { json: () => { errors?: { field: string }[] } }) => res.json().errors?.map((e) => e.field);

describe.each(KINDS)('investment projects put on major-project lists on %s', (kind) => {
  const h = useApp(kind);

  it('keeps the key, name, investor, total, department, stage history and the links both ways', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = (await admin.post('/api/v1/departments', { name: '经济发展局' })).json();
    const staff = await zone.as(['staff'], { departmentId: dep.id });
    const inv = await investment(staff, 'ZS-2025-007', {
      responsibleDepartmentId: dep.id,
      description: '年产 5 万吨正极材料',
    });
    const moved = await staff.post(`${INV}/${inv.id}/stage`, { stage: 'started', date: '2025-06-02' });
    expect(moved.statusCode, moved.body).toBe(200);

    const res = await staff.post(`${API}/from-investment`, { investmentProjectId: inv.id, plan });
    expect(res.statusCode, res.body).toBe(201);
    const major = res.json();
    expect(major).toMatchObject({
      key: 'ZS-2025-007',
      name: '项目ZS-2025-007',
      builder: '投资方ZS-2025-007有限公司',
      totalInvestment: '1800000000.00',
      departmentId: dep.id,
      description: '年产 5 万吨正极材料',
      actualStartDate: '2025-06-02',
      investmentProject: { id: inv.id, code: 'ZS-2025-007', name: '项目ZS-2025-007', stage: 'started' },
      plans: [{ year: 2026, levels: ['city', 'zone'], kind: 'continuing', annualPlan: '300000000.00' }],
    });
    expect((await staff.get(`${API}/${major.id}`)).json().investmentProject.id).toBe(inv.id);
    expect((await staff.get(`${INV}/${inv.id}`)).json().majorProject).toEqual({
      id: major.id,
      key: 'ZS-2025-007',
      name: '项目ZS-2025-007',
    });

    // The story runs on: the investment project's dated stages, then the listing.
    const history = (await staff.get(`${API}/${major.id}/history`)).json().items;
    const stages = history.filter((e: { entity: string }) => e.entity === 'investment_project.stage');
    expect(stages.map((e: { happenedOn: string; after: { stage: string } }) => [e.happenedOn, e.after.stage])).toEqual([
      ['2025-06-02', 'started'],
      ['2025-03-15', 'signed'],
    ]);
    const created = history.find(
      (e: { action: string; entity: string }) => e.action === 'create' && e.entity === 'major_project',
    );
    expect(created).toMatchObject({ happenedOn: null, after: { investmentProject: { id: inv.id } } });
    expect(history.indexOf(created)).toBeLessThan(history.indexOf(stages[0]));
    // A later stage of the investment project shows there too.
    await staff.post(`${INV}/${inv.id}/stage`, { stage: 'completed', date: '2025-12-01' });
    const again = (await staff.get(`${API}/${major.id}/history`)).json().items;
    expect(again[0]).toMatchObject({ entity: 'investment_project.stage', happenedOn: '2025-12-01' });
    const audit = (await admin.get(`/api/v1/audit?entity=major_project&entityId=${major.id}`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['create']);

    // On the city's and the zone's lists, counted once in the totals and once in each level.
    const s = (await admin.get(`${SUMMARY}?year=2026&through=2026-01`)).json();
    expect(s).toMatchObject({ projects: 1, annualPlan: '300000000.00' });
    expect(s.byLevel.city.projects).toBe(1);
    expect(s.byLevel.zone.projects).toBe(1);
    expect(s.byLevel.province.projects).toBe(0);
  });

  it("lists it for the caller's own department when the investment project's is another's", async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = (await admin.post('/api/v1/departments', { name: '经济发展局' })).json();
    const otherDep = (await admin.post('/api/v1/departments', { name: '科技局' })).json();
    const kjj = await zone.as(['staff'], { departmentId: otherDep.id });
    const inv2 = await investment(kjj, 'ZS-2025-008', { responsibleDepartmentId: dep.id });
    const theirs = await kjj.post(`${API}/from-investment`, { investmentProjectId: inv2.id, plan });
    expect(theirs.statusCode).toBe(422);
    expect(fields(theirs)).toEqual(['departmentId']);
    const own = await kjj.post(`${API}/from-investment`, {
      investmentProjectId: inv2.id,
      plan,
      departmentId: otherDep.id,
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().departmentId).toBe(otherDep.id);
  });

  it('takes 竣工 and 投产 reached as an investment project as milestones', async () => {
    const zone = await makeZone(h);
    const staff = await zone.as(['admin']);
    const inv = await investment(staff, 'ZS-OP-1');
    await staff.post(`${INV}/${inv.id}/stage`, { stage: 'operating', date: '2025-09-30' });
    const res = await staff.post(`${API}/from-investment`, {
      investmentProjectId: inv.id,
      plan,
      actualStartDate: null,
    });
    expect(res.statusCode, res.body).toBe(201);
    const major = res.json();
    expect(major.actualStartDate).toBeNull();
    const ms = (await staff.get(`${API}/${major.id}/milestones`)).json().items;
    const actual = Object.fromEntries(
      ms.map((m: { kind: string; actualDate: string | null }) => [m.kind, m.actualDate]),
    );
    expect(actual).toMatchObject({ start: null, completion: '2025-09-30', operation: '2025-09-30' });
  });

  it('refuses what cannot be listed, with the field named, and writes nothing', async () => {
    const zone = await makeZone(h);
    const staff = await zone.as(['admin']);
    const from = (body: Record<string, unknown>) => staff.post(`${API}/from-investment`, { plan, ...body });

    const talks = await investment(staff, 'T-1', { stage: 'negotiating', stageOn: '2025-01-02' });
    const dropped = await investment(staff, 'D-1');
    await staff.post(`${INV}/${dropped.id}/stage`, { stage: 'dropped', date: '2025-04-01', reason: '企业撤资' });
    const before = await snapshot(h.database);
    for (const id of [talks.id, dropped.id]) {
      const res = await from({ investmentProjectId: id });
      expect(res.statusCode).toBe(422);
      expect(fields(res)).toEqual(['investmentProjectId']);
    }
    expect((await from({ investmentProjectId: talks.id })).json().errors[0].message).toContain('在谈');
    expect(await snapshot(h.database)).toEqual(before);
    // A new start needs its planned start date, as on create.
    const signed = await investment(staff, 'S-1');
    const mid = await snapshot(h.database);
    const noStart = await from({ investmentProjectId: signed.id, plan: { ...plan, kind: 'new' } });
    expect(noStart.statusCode, noStart.body).toBe(422);
    expect(fields(noStart)).toEqual(['plannedStartDate']);
    const bad = await from({ investmentProjectId: signed.id, plan: { ...plan, levels: [] }, extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(await snapshot(h.database)).toEqual(mid);

    // Once only: a second time is a conflict, even when the major project was deleted.
    const ok = await from({ investmentProjectId: signed.id });
    expect(ok.statusCode).toBe(201);
    const twice = await from({ investmentProjectId: signed.id, plan: { ...plan, year: 2027 } });
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual(['investmentProjectId']);
    expect((await staff.delete(`${API}/${ok.json().id}?version=1`)).statusCode).toBe(204);
    expect((await staff.get(`${INV}/${signed.id}`)).json().majorProject).toBeNull();
    const deleted = await from({ investmentProjectId: signed.id });
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json().errors[0].message).toContain('已删除');

    // The code is the key: a major project already holding it is named.
    const direct = await staff.post(API, { key: 'K-9', name: '直接新建项目', builder: '甲', totalInvestment: '1.00' });
    expect(direct.statusCode).toBe(201);
    const clash = await investment(staff, 'K-9');
    const taken = await from({ investmentProjectId: clash.id });
    expect(taken.statusCode).toBe(409);
    expect(fields(taken)).toEqual(['key']);
    expect(taken.json().errors[0].message).toContain('直接新建项目');
    const spaced = await investment(staff, 'ZS 2025 8');
    const unfit = await from({ investmentProjectId: spaced.id });
    expect(unfit.statusCode).toBe(422);
    expect(fields(unfit)).toEqual(['key']);
  });

  it("answers 404 for another zone's investment project and 403 to an agency", async () => {
    const zone = await makeZone(h);
    const other = await makeZone(h);
    const staff = await zone.as(['admin']);
    const admin = await zone.as(['admin']);
    const theirs = await investment(await other.as(['staff']), 'X-1');
    const agencyDep = (await admin.post('/api/v1/departments', { name: '招商咨询公司', kind: 'agency' })).json();
    const agency = await zone.as(['agency'], { departmentId: agencyDep.id });
    const own = await investment(agency, 'A-1', { referrerDepartmentId: agencyDep.id });
    expect((await agency.get(`${INV}/${own.id}`)).json().majorProject).toBeNull();

    const before = await snapshot(h.database);
    const foreign = await staff.post(`${API}/from-investment`, { investmentProjectId: theirs.id, plan });
    expect(foreign.statusCode).toBe(404);
    const refused = await agency.post(`${API}/from-investment`, { investmentProjectId: own.id, plan });
    expect(refused.statusCode).toBe(403);
    expect(await snapshot(h.database)).toEqual(before);
  });
});
