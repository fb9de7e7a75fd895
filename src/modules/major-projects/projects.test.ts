import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';
import { coordinator, importExamples, put } from './test-kit.ts';

const API = '/api/v1/major-projects';

const newProject = (over: Record<string, unknown> = {}) => ({
  key: 'ZD-2026-001',
  name: '新能源电池材料产业园',
  builder: '衡阳新材料有限公司',
  totalInvestment: '2500000000.00',
  plannedStartDate: '2026-03-01',
  plan: { year: 2026, levels: ['zone', 'city'], kind: 'new', annualPlan: '600000000.00' },
  ...over,
});

describe.each(KINDS)('major projects API on %s', (kind) => {
  const h = useApp(kind);

  it('creates, reads, updates with a version, soft-deletes and restores a project', async () => {
    const zone = await makeZone(h);
    const staff = await coordinator(zone);
    const res = await staff.post(API, newProject());
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      key: 'ZD-2026-001',
      totalInvestment: '2500000000.00',
      plannedStartDate: '2026-03-01',
      actualStartDate: null,
      version: 1,
      plans: [{ year: 2026, levels: ['city', 'zone'], kind: 'new', annualPlan: '600000000.00' }],
    });
    const upd = await staff.patch(`${API}/${p.id}`, {
      version: 1,
      name: '新能源电池材料产业园（一期）',
      actualStartDate: '2026-03-18',
    });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ version: 2, actualStartDate: '2026-03-18' });
    expect((await staff.patch(`${API}/${p.id}`, { version: 1, name: '旧' })).statusCode).toBe(409);
    expect((await staff.post(API, newProject())).statusCode).toBe(409);
    const bad = await staff.post(
      API,
      newProject({ key: 'X 1', totalInvestment: '-1', plannedStartDate: '2026-02-30' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['key', 'plannedStartDate', 'totalInvestment']);
    const noStart = await staff.post(API, newProject({ key: 'N-1', plannedStartDate: null }));
    expect(noStart.statusCode).toBe(422);
    expect(noStart.json().errors[0].field).toBe('plannedStartDate');

    expect((await staff.delete(`${API}/${p.id}?version=2`)).statusCode).toBe(204);
    expect((await staff.get(`${API}/${p.id}`)).statusCode).toBe(404);
    expect((await staff.get(`${API}?year=2026`)).json().total).toBe(0);
    expect((await staff.get(`${API}?includeDeleted=true`)).json().total).toBe(1);
    const restored = await staff.post(`${API}/${p.id}/restore`);
    expect(restored.statusCode).toBe(200);
    const history = (await staff.get(`${API}/${p.id}/history`)).json().items;
    expect(history.map((e: { action: string; entity: string }) => `${e.action} ${e.entity}`)).toEqual(
      expect.arrayContaining([
        'restore major_project',
        'delete major_project',
        'update major_project',
        'create major_project',
        'create major_project.plan',
        'create major_project.milestone',
      ]),
    );
  });

  it('keeps yearly lists per year: levels, kind and plan, listed and filtered', async () => {
    const zone = await makeZone(h);
    const staff = await coordinator(zone);
    const p = (await staff.post(API, newProject())).json();
    const plan = await put(staff, `${API}/${p.id}/plans/2027`, {
      levels: ['province', 'zone', 'province'],
      kind: 'continuing',
      annualPlan: '900000000',
    });
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toMatchObject({ year: 2027, levels: ['province', 'zone'], annualPlan: '900000000.00' });
    expect((await put(staff, `${API}/${p.id}/plans/2027`, { levels: [], kind: 'x', annualPlan: '1' })).statusCode).toBe(
      400,
    );
    expect((await staff.get(`${API}?year=2027&level=province`)).json().items[0].plan.kind).toBe('continuing');
    expect((await staff.get(`${API}?year=2026&level=province`)).json().total).toBe(0);
    expect((await staff.get(`${API}?year=2026&kind=new`)).json().total).toBe(1);
    expect((await staff.delete(`${API}/${p.id}/plans/2027`)).statusCode).toBe(204);
    expect((await staff.delete(`${API}/${p.id}/plans/2027`)).statusCode).toBe(404);
    expect((await staff.get(`${API}/${p.id}/plans`)).json().items.map((x: { year: number }) => x.year)).toEqual([2026]);
  });

  it('reads a project whole: plans newest first, owners by username, the task force in its order', async () => {
    const zone = await makeZone(h);
    const staff = await coordinator(zone);
    const admin = await zone.as(['admin']);
    const dept = (await admin.post('/api/v1/departments', { name: '重点项目服务中心' })).json();
    const p = (await staff.post(API, newProject())).json();
    await put(staff, `${API}/${p.id}/plans/2027`, { levels: ['city'], kind: 'continuing', annualPlan: '1.5' });
    await put(staff, `${API}/${p.id}/plans/2025`, { levels: ['zone'], kind: 'new', annualPlan: '2' });
    const [a, b] = [await zone.as(['owner']), await zone.as(['owner'])];
    expect((await put(staff, `${API}/${p.id}/owners`, { userIds: [b.userId, a.userId] })).statusCode).toBe(200);
    const members = [
      { name: '王建国', role: '专班组长', departmentId: dept.id, phone: '0734-8888888', userId: null },
      { name: '李敏', role: '联络员', departmentId: null, phone: null, userId: staff.userId },
    ];
    expect((await put(staff, `${API}/${p.id}/task-force`, { members })).statusCode).toBe(200);

    const d = (await staff.get(`${API}/${p.id}`)).json();
    expect(d.plans).toEqual([
      { year: 2027, levels: ['city'], kind: 'continuing', annualPlan: '1.50', version: 1 },
      { year: 2026, levels: ['city', 'zone'], kind: 'new', annualPlan: '600000000.00', version: 1 },
      { year: 2025, levels: ['zone'], kind: 'new', annualPlan: '2.00', version: 1 },
    ]);
    expect(d.plan).toMatchObject({ year: 2027 });
    const usernames = d.owners.map((o: { username: string }) => o.username);
    expect(usernames).toEqual([...usernames].sort());
    expect(d.owners.map((o: { userId: string }) => o.userId).sort()).toEqual([a.userId, b.userId].sort());
    expect(d.taskForce).toEqual([
      { ...members[0], departmentName: '重点项目服务中心' },
      { ...members[1], departmentName: null },
    ]);
    expect(d.investmentProject).toBeNull();
  });

  it('records milestones with durations in Chinese working days', async () => {
    const zone = await makeZone(h);
    const staff = await coordinator(zone);
    const p = (await staff.post(API, newProject({ plannedStartDate: '2024-10-14' }))).json();
    const putMs = (kind: string, body: Record<string, unknown>) =>
      put(staff, `${API}/${p.id}/milestones/${kind}`, body);
    expect((await putMs('land_requisition', { plannedDate: '2024-09-20', actualDate: '2024-09-27' })).statusCode).toBe(
      200,
    );
    // Listing the land: 8 working days after requisition across 国庆 2024 (9/29 Sun and 10/12 Sat are worked);
    // 5 working days late (10/9, 10/10, 10/11, 10/12, 10/14).
    await putMs('land_listing', { plannedDate: '2024-10-08', actualDate: '2024-10-14' });
    await putMs('start', { plannedDate: '2024-10-14', actualDate: null });
    const res = await staff.get(`${API}/${p.id}/milestones?asOf=2024-10-21`);
    const items = Object.fromEntries(res.json().items.map((m: { kind: string }) => [m.kind, m]));
    expect(items.land_requisition).toMatchObject({ delayWorkdays: 5, sincePreviousWorkdays: null, late: false });
    expect(items.land_listing).toMatchObject({ sincePreviousWorkdays: 8, delayWorkdays: 5 });
    expect(items.start).toMatchObject({ late: true, delayWorkdays: 5 });
    expect(items.operation).toMatchObject({ plannedDate: null, version: 0, late: false });
    expect((await putMs('start', { plannedDate: '2024-10-14', actualDate: null, version: 9 })).statusCode).toBe(409);
    expect((await putMs('start', { plannedDate: '2024-10-14', actualDate: '2099-01-01' })).statusCode).toBe(422);
    expect((await staff.get(`${API}/${p.id}`)).json().plannedStartDate).toBe('2024-10-14');
    const wd = await staff.get('/api/v1/calendar/workdays?from=2024-09-27&to=2024-10-14');
    expect(wd.json()).toEqual({ from: '2024-09-27', to: '2024-10-14', workdays: 8, covered: true });
    expect((await staff.get('/api/v1/calendar/workdays?from=2024-09-30&add=1')).json().to).toBe('2024-10-08');
  });

  it('lets an admin add a year to the calendar, which deadlines then follow', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const staff = await zone.as(['staff']);
    const year = {
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: [{ name: '国庆节', from: '2027-10-01', to: '2027-10-07' }],
      workdays: ['2027-09-26'],
    };
    expect((await put(staff, '/api/v1/calendar/years/2027', year)).statusCode).toBe(403);
    expect((await admin.get('/api/v1/calendar/workdays?from=2027-09-30&add=1')).json()).toMatchObject({
      to: '2027-10-01',
      covered: false,
    });
    const bad = await put(admin, '/api/v1/calendar/years/2027', { ...year, workdays: ['2027-09-27'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('workdays.0');
    const ok = await put(admin, '/api/v1/calendar/years/2027', year);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ year: 2027, origin: 'zone', version: 1 });
    expect((await admin.get('/api/v1/calendar/workdays?from=2027-09-30&add=1')).json()).toMatchObject({
      to: '2027-10-08',
      covered: true,
    });
    const years = (await staff.get('/api/v1/calendar/years'))
      .json()
      .items.map((y: { year: number; origin: string }) => `${y.year}:${y.origin}`);
    expect(years).toEqual(['2023:official', '2024:official', '2025:official', '2026:official', '2027:zone']);
    // Another zone keeps the official calendar only.
    const other = await (await makeZone(h)).as(['admin']);
    expect((await other.get('/api/v1/calendar/workdays?from=2027-09-30&add=1')).json().to).toBe('2027-10-01');
  });

  it('shows an owner only the projects linked to them: others answer 404 and change nothing', async () => {
    const zone = await makeZone(h);
    const staff = await coordinator(zone);
    await importExamples(staff);
    const owner = await zone.as(['owner']);
    const otherOwner = await zone.as(['owner']);
    const all = (await staff.get(`${API}?year=2024`)).json().items;
    const mine = all.find((p: { key: string }) => p.key === 'MP-003');
    const theirs = all.find((p: { key: string }) => p.key === 'MP-005');
    expect((await put(staff, `${API}/${mine.id}/owners`, { userIds: [owner.userId] })).statusCode).toBe(200);
    expect((await put(staff, `${API}/${theirs.id}/owners`, { userIds: [otherOwner.userId] })).statusCode).toBe(200);
    expect((await put(staff, `${API}/${theirs.id}/owners`, { userIds: [staff.userId] })).statusCode).toBe(422);

    expect((await owner.get(`${API}?year=2024`)).json().items.map((p: { key: string }) => p.key)).toEqual(['MP-003']);
    expect((await owner.get(`${API}/${mine.id}`)).statusCode).toBe(200);
    const before = await snapshot(h.database);
    for (const res of [
      await owner.get(`${API}/${theirs.id}`),
      await owner.get(`${API}/${theirs.id}/reports`),
      await owner.get(`${API}/${theirs.id}/milestones`),
      await owner.get(`${API}/${theirs.id}/files`),
      await owner.get(`${API}/${theirs.id}/issues`),
      await owner.post(`${API}/${theirs.id}/reports`, { month: '2024-04', completed: '1.00' }),
      await owner.post(`${API}/${theirs.id}/issues`, { description: '不是我的项目' }),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    // Owners do not manage projects, and see no zone-wide figures.
    expect((await owner.patch(`${API}/${mine.id}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    expect((await owner.get('/api/v1/reports/major-projects-summary?year=2024')).statusCode).toBe(403);
    expect((await owner.get('/api/v1/ledgers/major-projects/export')).statusCode).toBe(403);
    expect((await owner.get(`${API}/dashboard?year=2024`)).statusCode).toBe(403);
    const issues = (await owner.get(`${API}/issues`)).json().items;
    expect(issues.every((i: { projectKey: string }) => i.projectKey === 'MP-003')).toBe(true);
    expect(await snapshot(h.database)).toEqual(before);
    // Their own project's report they may file.
    const filed = await owner.post(`${API}/${mine.id}/reports`, {
      month: '2024-04',
      completed: '5000000',
      progress: '桩基完成',
    });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ month: '2024-04', completed: '5000000.00', source: 'web' });
  });

  it('walls zones apart: another zone’s project answers 404 and its key is unknown to imports', async () => {
    const a = await makeZone(h);
    const b = await makeZone(h);
    const adminA = await a.as(['admin']);
    const adminB = await b.as(['admin']);
    const p = (await adminA.post(API, newProject())).json();
    const before = await snapshot(h.database);
    expect((await adminB.get(`${API}/${p.id}`)).statusCode).toBe(404);
    expect((await adminB.patch(`${API}/${p.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await adminB.delete(`${API}/${p.id}`)).statusCode).toBe(404);
    expect(
      (await put(adminB, `${API}/${p.id}/plans/2026`, { levels: ['zone'], kind: 'new', annualPlan: '1' })).statusCode,
    ).toBe(404);
    expect((await adminB.post(`${API}/${p.id}/reports`, { month: '2026-01', completed: '1' })).statusCode).toBe(404);
    expect((await adminB.get(`${API}?year=2026`)).json().total).toBe(0);
    expect((await adminB.get('/api/v1/reports/major-projects-summary?year=2026')).json().projects).toBe(0);
    expect(await snapshot(h.database)).toEqual(before);
    // The same key may be used by each zone.
    expect((await adminB.post(API, newProject())).statusCode).toBe(201);
  });

  it('appears in the OpenAPI document with its schemas', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    for (const path of [
      '/api/v1/major-projects',
      '/api/v1/major-projects/{id}',
      '/api/v1/major-projects/{id}/reports/{month}',
      '/api/v1/major-projects/{id}/files',
      '/api/v1/major-projects/issues/{issueId}/steps',
      '/api/v1/major-projects/dashboard',
      '/api/v1/major-projects/dashboard/projects',
      '/api/v1/major-projects/supervision',
      '/api/v1/calendar/years/{year}',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const dashboard = JSON.stringify(doc.paths['/api/v1/major-projects/dashboard'].get.responses['200']);
    // Named schemas are referenced by their id (the app's OpenAPI transform fills components).
    expect(dashboard).toContain('MajorProjectsDashboard');
    const steps = JSON.stringify(doc.paths['/api/v1/major-projects/issues/{issueId}/steps'].post.requestBody);
    for (const step of ['assign', 'handle', 'respond', 'review', 'close', 'deadlineWorkdays'])
      expect(steps).toContain(step);
  });
});
