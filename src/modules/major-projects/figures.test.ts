import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, useApp } from '../../test/harness.ts';
import { csv, importExamples, importLedger, put } from './test-kit.ts';

const API = '/api/v1/major-projects';
const SUMMARY = '/api/v1/reports/major-projects-summary';
const PROJECT_HEAD = [
  '项目编号',
  '项目名称',
  '建设单位',
  '年度',
  '项目级别',
  '建设性质',
  '总投资(万元)',
  '年度计划投资(万元)',
  '计划开工日期',
  '实际开工日期',
  '责任单位',
];
const PROGRESS_HEAD = ['项目编号', '填报月份', '本月完成投资(万元)'];

describe.each(KINDS)('major-project figures on %s', (kind) => {
  const h = useApp(kind);

  async function zoneWith(projects: (string | number)[][], progress: (string | number)[][]) {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const a = await importLedger(admin, 'major-projects', 'p.csv', csv([PROJECT_HEAD, ...projects]));
    expect(a.statusCode, a.body).toBe(200);
    if (progress.length) {
      const b = await importLedger(admin, 'major-project-progress', 'r.csv', csv([PROGRESS_HEAD, ...progress]));
      expect(b.statusCode, b.body).toBe(200);
    }
    return { zone, admin };
  }

  it('counts a project on several lists once in the totals and once in each of its levels', async () => {
    const { admin } = await zoneWith(
      [
        ['T-1', '三级清单项目', '甲', 2025, '省级、市级、区级', '续建', 1000, 400, '', '', '经济发展局'],
        ['T-2', '区级项目', '乙', 2025, '区级', '续建', 500, 100, '2024-05-01', '2024-05-20', '科技局'],
        ['T-2', '区级项目', '乙', 2024, '市级', '新开工', 500, 300, '2024-05-01', '2024-05-20', '科技局'],
      ],
      [
        ['T-1', '2025-01', 100],
        ['T-2', '2025-01', 10],
        ['T-2', '2024-12', 999],
      ],
    );
    const s = (await admin.get(`${SUMMARY}?year=2025&through=2025-01`)).json();
    expect(s).toMatchObject({ projects: 2, annualPlan: '5000000.00', completed: '1100000.00', completionRate: 0.22 });
    expect(s.byLevel).toEqual({
      province: { projects: 1, annualPlan: '4000000.00', completed: '1000000.00', completionRate: 0.25 },
      city: { projects: 1, annualPlan: '4000000.00', completed: '1000000.00', completionRate: 0.25 },
      zone: { projects: 2, annualPlan: '5000000.00', completed: '1100000.00', completionRate: 0.22 },
    });
    // 2024's list is its own: T-2 was a city-level new start then.
    const last = (await admin.get(`${SUMMARY}?year=2024`)).json();
    expect(last).toMatchObject({
      projects: 1,
      through: '2024-12',
      byLevel: { city: { projects: 1 }, zone: { projects: 0, completionRate: 0 } },
    });
    expect((await admin.get(`${SUMMARY}?year=2025&through=2024-12`)).statusCode).toBe(400);
  });

  it('owes reports from January when continuing or finishing, from the start month for a new start', async () => {
    const { admin } = await zoneWith(
      [
        ['C', '续建', '甲', 2025, '区级', '续建', 10, 10, '', '', ''],
        ['F', '竣工', '甲', 2025, '区级', '竣工', 10, 10, '', '', ''],
        ['N-APR', '四月开工', '甲', 2025, '区级', '新开工', 10, 10, '2025-03-01', '2025-04-20', ''],
        ['N-OLD', '上年已开工', '甲', 2025, '区级', '新开工', 10, 10, '2024-12-01', '2024-12-15', ''],
        ['N-NOT', '未开工', '甲', 2025, '区级', '新开工', 10, 10, '2025-02-01', '', ''],
        ['N-LATER', '七月开工', '甲', 2025, '区级', '新开工', 10, 10, '2025-07-01', '2025-07-02', ''],
      ],
      [
        ['C', '2025-02', 1],
        ['N-APR', '2025-05', 1],
      ],
    );
    const s = (await admin.get(`${SUMMARY}?year=2025&through=2025-05`)).json();
    // C: 4 of 5 months; F: 5; N-APR: April; N-OLD: 5 (from January); N-NOT and N-LATER: none.
    expect(s.reportsMissing).toBe(4 + 5 + 1 + 5);
    const drill = (await admin.get(`${API}/dashboard/missing-reports?year=2025&through=2025-05`)).json();
    expect(drill.total).toBe(15);
    expect(
      drill.items.filter((i: { key: string }) => i.key === 'N-APR').map((i: { month: string }) => i.month),
    ).toEqual(['2025-04']);
    expect(new Set(drill.items.map((i: { key: string }) => i.key))).toEqual(new Set(['C', 'F', 'N-APR', 'N-OLD']));
  });

  it('computes the start rate over new starts planned by the end of the month', async () => {
    const { admin } = await zoneWith(
      [
        ['A', '按期开工', '甲', 2025, '区级', '新开工', 10, 10, '2025-03-01', '2025-03-10', ''],
        ['B', '提前开工', '甲', 2025, '区级', '新开工', 10, 10, '2025-06-30', '2025-02-01', ''],
        ['C', '逾期未开工', '甲', 2025, '区级', '新开工', 10, 10, '2025-04-30', '', ''],
        ['D', '开工晚于截止月', '甲', 2025, '区级', '新开工', 10, 10, '2025-04-01', '2025-05-02', ''],
        ['E', '续建', '甲', 2025, '区级', '续建', 10, 10, '2025-01-01', '2024-01-01', ''],
      ],
      [],
    );
    const s = (await admin.get(`${SUMMARY}?year=2025&through=2025-04`)).json();
    expect(s.newStarts).toEqual({ planned: 3, started: 1, startRate: 1 / 3 });
    const june = (await admin.get(`${SUMMARY}?year=2025&through=2025-06`)).json();
    expect(june.newStarts).toEqual({ planned: 4, started: 3, startRate: 0.75 });
    const notStarted = (
      await admin.get(`${API}/dashboard/projects?year=2025&through=2025-04&figure=newNotStarted`)
    ).json();
    expect(notStarted.items.map((p: { key: string }) => p.key)).toEqual(['C', 'D']);
  });

  it('gives a dashboard whose every figure its drill-downs add up to', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    await importExamples(admin);
    const q = 'year=2024&through=2024-03&asOf=2024-04-10';
    const d = (await admin.get(`${API}/dashboard?${q}`)).json();
    expect(d).toMatchObject({ projects: 6, completed: '1877005000.00', reportsMissing: 1, asOf: '2024-04-10' });
    expect(d.byKind.new).toMatchObject({ projects: 3, newPlanned: 2, newStarted: 1, startRate: 0.5 });
    expect(d.levels.province).toMatchObject({ projects: 2, newPlanned: 1, newStarted: 0, startRate: 0 });
    expect(d.levels.zone).toMatchObject({ projects: 3, newPlanned: 1, newStarted: 1, startRate: 1 });
    expect(d.byKind.finishing).toMatchObject({ projects: 1, reportsMissing: 1 });
    // Departments ranked by completion rate; the trend ends at the year's completed.
    const rates = d.byDepartment.map((x: { completionRate: number }) => x.completionRate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(d.byDepartment.map((x: { rank: number }) => x.rank)).toEqual(
      d.byDepartment.map((_: unknown, i: number) => i + 1),
    );
    expect(d.trend.map((t: { month: string }) => t.month)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(d.trend[2]).toMatchObject({ cumulative: '1877005000.00', timeShare: 0.25 });
    // January: MP-001 50000 + MP-002 9000 + MP-005 800 + MP-006 1000 (万元).
    expect(d.trend[0].completed).toBe('608000000.00');

    const all = (await admin.get(`${API}/dashboard/projects?${q.replace('&asOf=2024-04-10', '')}`)).json();
    expect(all.total).toBe(d.projects);
    const sum = all.items.reduce((s: bigint, p: { completed: string }) => s + BigInt(p.completed.replace('.', '')), 0n);
    expect(sum).toBe(187700500000n);
    const reports = (await admin.get(`${API}/dashboard/reports?year=2024&through=2024-03&month=2024-01`)).json();
    const jan = reports.items.reduce(
      (s: bigint, r: { completed: string }) => s + BigInt(r.completed.replace('.', '')),
      0n,
    );
    expect(jan).toBe(60800000000n);
    const province = (await admin.get(`${API}/dashboard/projects?year=2024&through=2024-03&level=province`)).json();
    expect(province.items.map((p: { key: string }) => p.key)).toEqual(['MP-001', 'MP-004']);
    const missing = (await admin.get(`${API}/dashboard/missing-reports?year=2024&through=2024-03`)).json();
    expect(missing.items.map((m: { key: string; month: string }) => `${m.key} ${m.month}`)).toEqual(['MP-002 2024-02']);
    const dep = d.byDepartment[0];
    const byDep = (
      await admin.get(`${API}/dashboard/projects?year=2024&through=2024-03&departmentId=${dep.departmentId}`)
    ).json();
    expect(byDep.total).toBe(dep.projects);
    const outside = await admin.get(`${API}/dashboard?year=2024&through=2025-01`);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toMatchObject([{ field: 'through', message: 'through 应为该年度内的月份' }]);
    // A malformed month is named once, for its form, not also as a month outside the year.
    const malformed = await admin.get(`${API}/dashboard?year=2024&through=2024/03`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toMatchObject([{ field: 'through', message: '月份格式应为 YYYY-MM' }]);
  });

  it('colours projects green, yellow or red from the rules, with reasons, and follows the admin’s thresholds', async () => {
    const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
    const { zone, admin } = await zoneWith(
      [
        ['GREEN', '按进度', '甲', 2024, '区级', '续建', 5000, 1200, '', '', ''],
        ['LAG', '稍慢', '甲', 2024, '区级', '续建', 5000, 1200, '', '', ''],
        ['SLOW', '严重滞后', '甲', 2024, '区级', '续建', 5000, 1200, '', '', ''],
        ['GAP', '缺报', '甲', 2024, '区级', '续建', 5000, 1200, '', '', ''],
        ['ISSUES', '问题逾期', '甲', 2024, '区级', '续建', 5000, 1200, '', '', ''],
      ],
      [
        ...months.map((m) => ['GREEN', m, 100]),
        ...months.map((m) => ['LAG', m, 80]),
        ...months.map((m) => ['SLOW', m, 30]),
        ...months.filter((m) => m !== '2024-05').map((m) => ['GAP', m, 120]),
        ...months.map((m) => ['ISSUES', m, 100]),
      ],
    );
    const ids = Object.fromEntries(
      (await admin.get(`${API}?year=2024`)).json().items.map((p: { key: string; id: string }) => [p.key, p.id]),
    );
    const deps = (await admin.get('/api/v1/departments')).json().items;
    if (deps.length === 0) await admin.post('/api/v1/departments', { name: '自然资源规划分局' });
    const dep = (await admin.get('/api/v1/departments')).json().items[0];
    for (const text of ['用地报批', '管线迁改']) {
      const i = (await admin.post(`${API}/${ids.ISSUES}/issues`, { description: text, raisedOn: '2024-06-03' })).json();
      await admin.post(`${API}/issues/${i.id}/steps`, {
        version: 1,
        step: 'assign',
        on: '2024-06-03',
        departmentId: dep.id,
        deadlineWorkdays: 10,
      });
    }
    await put(admin, `${API}/${ids.GREEN}/milestones/structure_done`, { plannedDate: '2024-07-31', actualDate: null });
    await put(admin, `${API}/${ids.LAG}/milestones/land_award`, { plannedDate: '2024-06-28', actualDate: null });

    const sup = async (extra = '') =>
      Object.fromEntries(
        (await admin.get(`${API}/supervision?year=2024&asOf=2024-07-10${extra}`))
          .json()
          .items.map((i: { key: string }) => [i.key, i]),
      );
    const s = await sup();
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, (v as { colour: string }).colour]))).toEqual({
      GREEN: 'green',
      LAG: 'yellow',
      SLOW: 'red',
      GAP: 'yellow',
      ISSUES: 'red',
    });
    expect(s.LAG).toMatchObject({ timeShare: 0.5, reportsMissing: 0, lateMilestones: 1 });
    expect(s.LAG.lag).toBeCloseTo(-0.1, 12);
    expect(s.LAG.reasons.map((r: { rule: string }) => r.rule)).toEqual(['lag', 'lateMilestone']);
    expect(s.SLOW.reasons[0].text['zh-CN']).toContain('落后时间进度');
    expect(s.GAP.reasons).toMatchObject([{ rule: 'missing', colour: 'yellow', value: 1 }]);
    expect(s.ISSUES.reasons).toMatchObject([{ rule: 'overdue', colour: 'red', value: 2 }]);
    // Before the June report is due (the 5th of July), June does not count yet.
    const early = (await admin.get(`${API}/supervision?year=2024&asOf=2024-07-03`)).json();
    expect(early).toMatchObject({ through: '2024-05', timeShare: 5 / 12 });

    // Filing the missing report turns the project green.
    await admin.post(`${API}/${ids.GAP}/reports`, { month: '2024-05', completed: '1200000' });
    expect((await sup()).GAP.colour).toBe('green');

    // The admin tunes the rules: lagging by 10 % is tolerated, milestones are not judged.
    const settings = (await admin.get(`${API}/settings`)).json();
    const staff = await zone.as(['staff']);
    expect((await put(staff, `${API}/settings`, { ...settings, lagYellow: -0.15 })).statusCode).toBe(403);
    const bad = await put(admin, `${API}/settings`, { ...settings, lagYellow: -0.2, lagRed: -0.1 });
    expect(bad.statusCode).toBe(422);
    expect(
      (
        await put(admin, `${API}/settings`, {
          ...settings,
          lagYellow: -0.15,
          lateMilestoneYellow: 0,
          lateMilestoneRed: 0,
        })
      ).statusCode,
    ).toBe(200);
    const tuned = await sup();
    expect(tuned.LAG.colour).toBe('green');
    expect(tuned.SLOW.colour).toBe('red');
    // The dashboard judges by the tuned rules too (it reads them in its own statement).
    const supervised = (await admin.get(`${API}/supervision?year=2024&asOf=2024-07-10`)).json();
    const board = (await admin.get(`${API}/dashboard?year=2024&through=${supervised.through}&asOf=2024-07-10`)).json();
    expect(board.supervision.counts).toEqual(supervised.counts);
    // Asked for that month, supervision reads the rules in its one statement: the same answer.
    const withMonth = await admin.get(`${API}/supervision?year=2024&through=${supervised.through}&asOf=2024-07-10`);
    expect(withMonth.json()).toEqual(supervised);
    expect(board.flagged.map((i: { key: string }) => i.key)).toEqual(
      supervised.items.filter((i: { colour: string }) => i.colour !== 'green').map((i: { key: string }) => i.key),
    );
    expect(board.flagged.map((i: { key: string }) => i.key)).not.toContain('LAG');
    expect(
      (await admin.get(`${API}/supervision?year=2024&asOf=2024-07-10&colour=red`))
        .json()
        .items.map((i: { key: string }) => i.key),
    ).toEqual(['SLOW', 'ISSUES']);
  });

  it('sends a supervision notice to a department and records its answer', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    await importExamples(admin);
    const deps = (await admin.get('/api/v1/departments')).json().items;
    const [a, b] = deps;
    const p = (await admin.get(`${API}?q=MP-002`)).json().items[0];
    const sent = await admin.post(`${API}/notices`, {
      projectId: p.id,
      departmentId: a.id,
      title: '关于MP-002缺报月报的督办通知',
      content: '请于3日内补报2月月报并说明原因。',
      replyBy: '2024-03-15',
      sentOn: '2024-03-11',
    });
    expect(sent.statusCode).toBe(201);
    const n = sent.json();
    expect(n).toMatchObject({ status: 'sent', overdue: true, departmentName: a.name, projectKey: 'MP-002' });
    const other = await zone.as(['staff'], { departmentId: b.id });
    expect((await other.post(`${API}/notices/${n.id}/answer`, { version: 1, answer: '不是我们的' })).statusCode).toBe(
      403,
    );
    const mine = await zone.as(['staff'], { departmentId: a.id });
    const answered = await mine.post(`${API}/notices/${n.id}/answer`, {
      version: 1,
      answer: '已补报，系填报人员调整所致。',
      answeredOn: '2024-03-13',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', overdue: false, answeredOn: '2024-03-13' });
    expect((await mine.post(`${API}/notices/${n.id}/answer`, { version: 2, answer: '再答' })).statusCode).toBe(409);
    expect((await mine.get(`${API}/notices?departmentId=${a.id}&status=answered`)).json().total).toBe(1);
  });
});
