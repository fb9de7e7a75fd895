import { describe, expect, it } from 'vitest';
import { type Client, KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';
import { coordinator, csv, example, importExamples, importLedger, put } from './test-kit.ts';

const API = '/api/v1/major-projects';

describe.each(KINDS)('who acts on which major project, on %s', (kind) => {
  const h = useApp(kind);

  async function setUp() {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    await importExamples(admin);
    const deps = (await admin.get('/api/v1/departments')).json().items as { id: string; name: string }[];
    const dep = (name: string) => {
      const d = deps.find((x) => x.name === name);
      if (!d) throw new Error(`no department ${name}`);
      return d.id;
    };
    const items: { id: string; key: string }[] = (await admin.get(`${API}?year=2024`)).json().items;
    const id = Object.fromEntries(items.map((p) => [p.key, p.id]));
    const staffOf = (name: string) => zone.as(['staff'], { departmentId: dep(name) });
    return { zone, admin, dep, id, staffOf };
  }

  const report = (c: Client, projectId: string, month = '2024-05') =>
    c.post(`${API}/${projectId}/reports`, { month, completed: '1000.00', progress: '主体施工' });

  it('lets staff act on their department’s projects only, while everyone reads all of them', async () => {
    const { admin, id, dep, staffOf, zone } = await setUp();
    const kj = await staffOf('科技局'); // responsible for MP-002
    const noDepartment = await zone.as(['staff']);
    expect((await kj.get(`${API}/${id['MP-001']}`)).statusCode).toBe(200);
    expect((await report(kj, id['MP-002'])).statusCode).toBe(201);

    const before = await snapshot(h.database);
    const refused = [
      await report(kj, id['MP-001']),
      await report(noDepartment, id['MP-002']),
      await kj.patch(`${API}/${id['MP-001']}`, { version: 1, name: '改名' }),
      await put(kj, `${API}/${id['MP-001']}/plans/2025`, { levels: ['zone'], kind: 'continuing', annualPlan: '1' }),
      await put(kj, `${API}/${id['MP-001']}/milestones/start`, { plannedDate: '2024-01-01', actualDate: null }),
      await put(kj, `${API}/${id['MP-001']}/task-force`, { members: [] }),
      await kj.delete(`${API}/${id['MP-001']}`),
    ];
    for (const res of refused) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().title).toContain('本部门');
    }
    // Creating: for one's own department only.
    const project = (departmentId: string | null, key: string) => ({
      key,
      name: '科创中心',
      builder: '示例建设有限公司',
      totalInvestment: '100000000',
      departmentId,
    });
    const other = await kj.post(API, project(dep('建设局'), 'KJ-1'));
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0].field).toBe('departmentId');
    expect((await noDepartment.post(API, project(null, 'KJ-2'))).statusCode).toBe(422);
    expect(await snapshot(h.database)).toEqual(before);
    expect((await kj.post(API, project(dep('科技局'), 'KJ-3'))).statusCode).toBe(201);
    // The admin acts on all.
    expect((await report(admin, id['MP-001'])).statusCode).toBe(201);
  });

  it('opens a project to the departments and people on its task force (专班)', async () => {
    const { admin, id, dep, staffOf, zone } = await setUp();
    const js = await staffOf('建设局');
    const named = await zone.as(['staff']);
    expect((await report(js, id['MP-001'])).statusCode).toBe(403);
    const tf = await put(admin, `${API}/${id['MP-001']}/task-force`, {
      members: [
        { name: '王建国', role: '副组长', departmentId: dep('建设局'), phone: null, userId: null },
        { name: '李明', role: '成员', departmentId: null, phone: null, userId: named.userId },
      ],
    });
    expect(tf.statusCode, tf.body).toBe(200);
    expect((await report(js, id['MP-001'])).statusCode).toBe(201);
    expect((await report(named, id['MP-001'], '2024-06')).statusCode).toBe(201);
  });

  it('lets the coordinating department (统筹部门) act on every project once the admin names it', async () => {
    const { zone, id } = await setUp();
    const jf = await zone.as(['staff'], {
      departmentId: (await (await zone.as(['admin'])).post('/api/v1/departments', { name: '重大项目办' })).json().id,
    });
    expect((await report(jf, id['MP-005'])).statusCode).toBe(403);
    const coordinating = await coordinator(zone, '重大项目办');
    expect((await report(coordinating, id['MP-005'])).statusCode).toBe(201);
    // The session of a member made before the change follows the setting too.
    expect((await report(jf, id['MP-002'])).statusCode).toBe(201);
  });

  it('has an issue handled by its responsible department and reviewed by the project’s team', async () => {
    const { admin, id, dep, staffOf } = await setUp();
    const kj = await staffOf('科技局'); // MP-002's department
    const js = await staffOf('建设局'); // the department the issue is assigned to
    const zr = await staffOf('经济发展局'); // neither
    let issue = (
      await kj.post(`${API}/${id['MP-002']}/issues`, { description: '施工用电增容', category: 'utilities' })
    ).json();
    const step = async (c: Client, body: Record<string, unknown>) => {
      const res = await c.post(`${API}/issues/${issue.id}/steps`, { version: issue.version, ...body });
      if (res.statusCode === 200) issue = res.json();
      return res.statusCode;
    };
    expect(await step(zr, { step: 'assign', departmentId: dep('建设局'), deadlineWorkdays: 5 })).toBe(403);
    expect(await step(admin, { step: 'assign', departmentId: dep('建设局'), deadlineWorkdays: 5 })).toBe(200);
    expect(await step(zr, { step: 'handle' })).toBe(403);
    expect(await step(js, { step: 'handle' })).toBe(200);
    expect(await step(js, { step: 'respond', note: '已协调供电公司' })).toBe(200);
    expect(await step(js, { step: 'review', passed: true })).toBe(403);
    expect(await step(kj, { step: 'review', passed: true })).toBe(200);
    expect(await step(kj, { step: 'close' })).toBe(200);
    expect(issue.status).toBe('closed');
  });

  it('takes a department’s progress ledger for its own projects only, and the whole list from the coordinators', async () => {
    const { staffOf } = await setUp();
    const kj = await staffOf('科技局'); // MP-002 only
    const header = ['项目编号', '填报月份', '本月完成投资(万元)', '形象进度', '存在问题'];
    const before = await snapshot(h.database);
    const mixed = await importLedger(
      kj,
      'major-project-progress',
      'progress.csv',
      csv([header, ['MP-002', '2024-06', '100', '装修', ''], ['MP-001', '2024-06', '100', '封顶', '']]),
    );
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().problems).toMatchObject([{ row: 3, column: '项目编号', value: 'MP-001' }]);
    const list = await importLedger(kj, 'major-projects', 'major-projects.csv', example('major-projects.csv'));
    expect(list.statusCode).toBe(403);
    expect(await snapshot(h.database)).toEqual(before);
    const own = await importLedger(
      kj,
      'major-project-progress',
      'progress.csv',
      csv([header, ['MP-002', '2024-06', '100', '装修', '']]),
    );
    expect(own.statusCode, own.body).toBe(200);
  });
});
