import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';
import { csv, example, importExamples, importLedger, moduleState } from './test-kit.ts';

const SUMMARY = '/api/v1/reports/major-projects-summary';

function expectSameFigures(actual: Record<string, unknown>, expected: Record<string, unknown>, path = '') {
  expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) {
    const a = actual[k];
    if (typeof v === 'number' && !Number.isInteger(v)) expect(a as number, `${path}${k}`).toBeCloseTo(v, 9);
    else if (v !== null && typeof v === 'object')
      expectSameFigures(a as Record<string, unknown>, v as Record<string, unknown>, `${path}${k}.`);
    else expect(a, `${path}${k}`).toEqual(v);
  }
}

describe.each(KINDS)('major-project ledgers on %s', (kind) => {
  const h = useApp(kind);

  it('imports the spec example and reports exactly major-projects-summary.json', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    await importExamples(admin);
    const res = await admin.get(`${SUMMARY}?year=2024&through=2024-03`);
    expect(res.statusCode).toBe(200);
    const expected = JSON.parse(example('major-projects-summary.json').toString());
    expectSameFigures(res.json(), { ...expected, zone: zone.code });
    // The problem written in MP-003's March report opened one issue.
    const issues = (await admin.get('/api/v1/major-projects/issues')).json();
    expect(
      issues.items.map((i: { projectKey: string; description: string; status: string }) => [
        i.projectKey,
        i.description,
        i.status,
      ]),
    ).toEqual([['MP-003', '用地指标待落实', 'open']]);
  });

  it('changes nothing when the same files are imported again', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    await importExamples(admin);
    const before = moduleState(await snapshot(h.database));
    for (const [ledger, file, rows] of [
      ['major-projects', 'major-projects.csv', 5],
      ['major-projects', 'major-projects-yi.csv', 1],
      ['major-project-progress', 'major-project-progress.csv', 15],
    ] as const) {
      const res = await importLedger(admin, ledger, file, example(file));
      expect(res.json()).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: rows });
    }
    expect(moduleState(await snapshot(h.database))).toEqual(before);
  });

  it('lands nothing from a file with one bad row and lists every problem by row and column', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const before = await snapshot(h.database);
    const file = csv([
      [
        '项目编号',
        '项目名称',
        '建设单位',
        '年度',
        '项目级别',
        '建设性质',
        '总投资（万元）',
        '年度计划投资(万元)',
        '计划开工日期',
      ],
      ['A-1', '好项目', '甲公司', 2025, '区级', '续建', 100, 50, ''],
      ['A-2', '坏项目', '乙公司', 2025, '县级', '新开工', -5, 'abc', ''],
      ['A-1', '好项目', '甲公司', 2025, '区级', '续建', 100, 50, ''],
      ['', '无编号', '丙公司', 2025, '市级', '竣工', 1, 1, ''],
    ]);
    const res = await importLedger(admin, 'major-projects', 'bad.csv', file);
    expect(res.statusCode).toBe(422);
    const problems = res.json().problems.map((p: { row: number; column: string }) => [p.row, p.column]);
    expect(problems).toEqual([
      [3, '项目级别'],
      [3, '总投资（万元）'],
      [3, '年度计划投资(万元)'],
      [3, '计划开工日期'],
      [4, '项目编号'],
      [5, '项目编号'],
    ]);
    expect(res.json().problems[0].message).toContain('省级');
    expect(await snapshot(h.database)).toEqual(before);

    // A progress file naming a project the zone does not have lands nothing either.
    await importLedger(
      admin,
      'major-projects',
      'ok.csv',
      csv([
        ['项目编号', '项目名称', '建设单位', '年度', '项目级别', '建设性质', '总投资(万元)', '年度计划投资(万元)'],
        ['A-1', '好项目', '甲公司', 2025, '区级', '续建', 100, 50],
      ]),
    );
    const mid = await snapshot(h.database);
    const progress = await importLedger(
      admin,
      'major-project-progress',
      'p.csv',
      csv([
        ['项目编号', '填报月份', '本月完成投资(万元)'],
        ['A-1', '2025-01', 10],
        ['NOPE', '2025-01', 10],
        ['A-1', '2099-01', 10],
      ]),
    );
    expect(progress.statusCode).toBe(422);
    // The unknown key (the database's check) is listed along with the future month (the file's own).
    expect(progress.json().problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [3, '项目编号'],
      [4, '填报月份'],
    ]);
    expect(await snapshot(h.database)).toEqual(mid);
    const unknown = await importLedger(
      admin,
      'major-project-progress',
      'p.csv',
      csv([
        ['项目编号', '填报月份', '本月完成投资(万元)'],
        ['A-1', '2025-01', 10],
        ['NOPE', '2025-02', 10],
      ]),
    );
    expect(unknown.json().problems).toEqual([
      { row: 3, column: '项目编号', value: 'NOPE', message: '本园区没有此编号的重大项目' },
    ]);
    expect(await snapshot(h.database)).toEqual(mid);
  });

  it('reads .xlsx with date cells, month cells, 亿元 and full-width headers to the same figures as .csv', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('清单');
    ws.addRow([
      '项目编号',
      '项目名称',
      '建设单位',
      '年度',
      '项目级别',
      '建设性质',
      '总投资（亿元）',
      ' 年度计划投资(亿元) ',
      '计划开工日期',
      '实际开工日期',
      '责任单位',
      '备注',
    ]);
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    ws.addRow([
      'MP-001',
      '集成电路制造基地二期',
      '示例半导体有限公司',
      2024,
      '省级,市级；区级',
      '续建',
      450,
      60,
      null,
      null,
      '经济发展局',
      '三级清单',
    ]);
    ws.addRow([
      'MP-002',
      '生命科学创新园二期',
      '示例园区发展有限公司',
      2024,
      '市级',
      '竣工',
      30,
      8,
      null,
      null,
      '科技局',
      null,
    ]);
    ws.addRow([
      'MP-003',
      '工业压缩机研发制造总部',
      '示例压缩机有限公司',
      2024,
      '区级',
      '新开工',
      12,
      3,
      d('2024-02-10'),
      '2024年2月26日',
      '经济发展局',
      null,
    ]);
    ws.addRow([
      'MP-004',
      '半导体量测设备项目',
      '示例科技有限公司',
      2024,
      '省级',
      '新开工',
      3,
      1.2,
      '2024/3/1',
      null,
      '经济发展局',
      null,
    ]);
    ws.addRow([
      'MP-005',
      '标准厂房三期',
      '示例城投有限公司',
      2024,
      '区级',
      '新开工',
      5,
      2,
      d('2024-06-01'),
      d('2024-01-15'),
      '建设局',
      null,
    ]);
    ws.addRow(['MP-006', '通用航空产教中心', '示例航空有限公司', 2024, '市级', '续建', 6, 1.5, null, null, null, null]);
    const projects = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await importLedger(admin, 'major-projects', 'projects.xlsx', projects);
    expect(res.json()).toMatchObject({ ok: true, created: 6 });
    expect(res.json().warnings.map((w: { column: string }) => w.column)).toEqual(['备注']);

    const wb2 = new ExcelJS.Workbook();
    const ws2 = wb2.addWorksheet('月报');
    ws2.addRow(['项目编号', '填报月份', '本月完成投资（万元）', '形象进度', '存在问题']);
    const csvRows = example('major-project-progress.csv').toString().trim().split('\n').slice(1);
    for (const [i, line] of csvRows.entries()) {
      const [key, month, amount, progress, problem] = line.split(',');
      // Alternate month cells between date cells and text.
      const m = month
        .replace('年', '-')
        .replace('月', '')
        .replace(/-(\d)$/, '-0$1');
      ws2.addRow([key, i % 2 ? new Date(`${m}-01T00:00:00Z`) : month, Number(amount), progress, problem || null]);
    }
    const progress = await importLedger(
      admin,
      'major-project-progress',
      'progress.xlsx',
      Buffer.from(await wb2.xlsx.writeBuffer()),
    );
    expect(progress.json()).toMatchObject({ ok: true, created: 15 });
    const expected = JSON.parse(example('major-projects-summary.json').toString());
    expectSameFigures((await admin.get(`${SUMMARY}?year=2024&through=2024-03`)).json(), {
      ...expected,
      zone: zone.code,
    });
  });

  it('exports both ledgers in their import shape: export → import changes nothing', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    await importExamples(admin);
    const before = moduleState(await snapshot(h.database));
    for (const [ledger, rows] of [
      ['major-projects', 6],
      ['major-project-progress', 15],
    ] as const) {
      const exp = await admin.get(`/api/v1/ledgers/${ledger}/export`);
      expect(exp.statusCode).toBe(200);
      const res = await importLedger(admin, ledger, `${ledger}.xlsx`, exp.rawPayload);
      expect(res.json()).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: rows });
    }
    expect(moduleState(await snapshot(h.database))).toEqual(before);
    const tpl = await admin.get('/api/v1/ledgers/major-projects/template');
    expect(tpl.statusCode).toBe(200);
  });

  it('opens an issue from 存在问题 unless an open issue has the same text; corrections keep history', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    await importExamples(admin);
    const head = ['项目编号', '填报月份', '本月完成投资(万元)', '形象进度', '存在问题'];
    // Same text on another month: no second issue.
    let res = await importLedger(
      admin,
      'major-project-progress',
      'a.csv',
      csv([head, ['MP-003', '2024-04', 100, '桩基', '用地指标待落实']]),
    );
    expect(res.json()).toMatchObject({ ok: true, created: 1 });
    let issues = (await admin.get('/api/v1/major-projects/issues')).json().items;
    expect(issues).toHaveLength(1);
    // A corrected figure with a new problem: the report is updated, the old figure kept, a new issue opened.
    res = await importLedger(
      admin,
      'major-project-progress',
      'b.csv',
      csv([head, ['MP-003', '2024-04', 120, '桩基', '环评批复未下达']]),
    );
    expect(res.json()).toMatchObject({ ok: true, updated: 1 });
    issues = (await admin.get('/api/v1/major-projects/issues')).json().items;
    expect(issues.map((i: { description: string }) => i.description).sort()).toEqual([
      '环评批复未下达',
      '用地指标待落实',
    ]);
    const projects = (await admin.get('/api/v1/major-projects?q=MP-003')).json().items;
    const report = (await admin.get(`/api/v1/major-projects/${projects[0].id}/reports/2024-04`)).json();
    expect(report.completed).toBe('1200000.00');
    expect(report.revisions).toMatchObject([{ version: 1, completed: '1000000.00', problems: '用地指标待落实' }]);
  });
});
