import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../core/uscc.ts';
import type { Database } from '../../db/database.ts';
import { asSystem, inZone } from '../../db/tx.ts';
import { createTestDatabase, databaseKinds } from '../../test/databases.ts';
import { snapshot } from '../../test/harness.ts';
import { csv, example, exportFile, importFile, newZone, report, sheetOf, xlsx } from './test-support.ts';

const KINDS = await databaseKinds();
const HEAD = ['项目编号', '项目名称', '投资方', '招商渠道', '阶段', '签约日期', '总投资(万元)'];

describe.each(KINDS)('investment ledgers on %s', (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const t = await createTestDatabase(kind);
    db = t.database;
    drop = t.drop;
  }, 60_000);
  afterAll(async () => drop?.());

  it('gives exactly the spec example figures for the spec example files', async () => {
    const zone = await newZone(db);
    const a = await importFile(db, zone.id, 'projects', example('investment-projects.csv'), 'investment-projects.csv');
    expect(a.problems).toEqual([]);
    expect(a).toMatchObject({ ok: true, rows: 6, created: 6 });
    // The 备注 column is unknown: imported with a warning on the header row.
    expect(a.warnings).toMatchObject([{ row: 1, column: '备注' }]);
    const b = await importFile(db, zone.id, 'projects', example('investment-projects-yi.csv'), 'yi.csv');
    expect(b).toMatchObject({ ok: true, created: 1 });
    const c = await importFile(db, zone.id, 'fx', example('foreign-capital.csv'), 'foreign-capital.csv');
    expect(c).toMatchObject({ ok: true, created: 2 });
    const expected = JSON.parse(example('investment-summary.json').toString('utf8'));
    const got = await report(db, { ...zone, code: 'EX' }, '2024-01-01', '2024-06-30');
    expect(got).toEqual(expected);
    // Row-level security: another zone sees none of these rows in any investment table.
    const other = await newZone(db);
    const counts = await inZone(db, other.id, async (tx) => {
      const { rows } = await tx.client.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables
          WHERE table_schema = 'public' AND (table_name LIKE 'investment\\_%' OR table_name LIKE 'compan%')`,
      );
      const out: Record<string, number> = {};
      for (const { t } of rows) out[t] = (await tx.client.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
      return out;
    });
    expect(Object.keys(counts)).toHaveLength(20);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it('changes nothing when the same files are imported again', async () => {
    const zone = await newZone(db);
    await importFile(db, zone.id, 'projects', example('investment-projects.csv'), 'a.csv');
    await importFile(db, zone.id, 'fx', example('foreign-capital.csv'), 'fx.csv');
    const before = await snapshot(db);
    const again = await importFile(db, zone.id, 'projects', example('investment-projects.csv'), 'a.csv');
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 6 });
    const fx = await importFile(db, zone.id, 'fx', example('foreign-capital.csv'), 'fx.csv');
    expect(fx).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
    const after = await snapshot(db);
    // Only the import log and the audit of the two imports grew.
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed.sort()).toEqual(['audit_log', 'ledger_imports']);
  });

  it('lands nothing from a file with bad rows and lists every problem with row, column, value and reason', async () => {
    const zone = await newZone(db, [{ name: '经济合作局' }]);
    const file = csv([
      [
        '项目编号',
        '项目名称',
        '投资方',
        '统一社会信用代码',
        '招商渠道',
        '引荐单位',
        '阶段',
        '签约日期',
        '总投资（万元）',
      ],
      ['G-1', '好项目一', '好企业一', '', '全员招商', '经济合作局', '签约', '2024-03-01', '1,000'],
      ['B-1', '坏项目', '坏企业', '91430100AY4CL12TH5', '走后门', '不存在局', '开工', '', '-5'],
      ['G-2', '好项目二', '好企业二', '', '大数据', '', '在谈', '', '800.5'],
      ['G-1', '重复编号', '好企业三', '', '其他', '', '签约', '2024/2/30', 'abc'],
      ['G-3', '空\u0000字符', '好企业四', '', '其他', '', '在谈', '', '1'],
    ]);
    const before = await snapshot(db);
    const out = await importFile(db, zone.id, 'projects', file, 'bad.csv');
    expect(out.ok).toBe(false);
    const got = out.problems.map((p) => [p.row, p.column, p.value]);
    expect(got).toEqual(
      expect.arrayContaining([
        [3, '统一社会信用代码', '91430100AY4CL12TH5'],
        [3, '招商渠道', '走后门'],
        [3, '总投资（万元）', '-5'],
        [3, '签约日期', ''],
        // Only the database knows the zone's units: checked along with the cells.
        [3, '引荐单位', '不存在局'],
        [5, '签约日期', '2024/2/30'],
        [5, '总投资（万元）', 'abc'],
        [5, '项目编号', 'G-1'],
        [6, '项目名称', '空\\0字符'],
      ]),
    );
    expect(out.problems.every((p) => p.reason['zh-CN'] && p.reason.en)).toBe(true);
    // One problem per bad cell: the invalid date on row 5 is not also reported as missing.
    expect(out.problems.filter((p) => p.row === 5 && p.column === '签约日期')).toHaveLength(1);
    expect(out.problems.some((p) => p.row === 2 || p.row === 4)).toBe(false);
    expect(out.problems.find((p) => p.column === '签约日期' && p.row === 3)?.reason['zh-CN']).toContain('开工');
    expect(await snapshot(db)).toEqual(before);
    // Fixing the cells leaves one problem only the database sees: the unknown department.
    const fixed = csv([
      ['项目编号', '项目名称', '投资方', '招商渠道', '引荐单位', '阶段', '签约日期', '总投资(万元)'],
      ['G-1', '好项目一', '好企业一', '全员招商', '经济合作局', '签约', '2024-03-01', '1,000'],
      ['B-1', '坏项目', '坏企业', '其他', '不存在局', '开工', '2024-01-05', '5'],
    ]);
    const second = await importFile(db, zone.id, 'projects', fixed, 'fixed.csv');
    expect(second.problems.map((p) => [p.row, p.column, p.value])).toEqual([[3, '引荐单位', '不存在局']]);
    expect(await snapshot(db)).toEqual(before);
  });

  it("lists the problems only the database sees along with the cells' own, and writes nothing", async () => {
    const zone = await newZone(db, [{ name: '经济合作局' }]);
    // A company the zone has under one code; the file gives it another.
    const registered = csv([
      ['项目编号', '项目名称', '投资方', '统一社会信用代码', '招商渠道', '阶段', '总投资(万元)'],
      ['OLD-1', '旧项目', '已登记企业', '91430100AY4CL12TH4', '其他', '在谈', '1'],
    ]);
    expect(await importFile(db, zone.id, 'projects', registered, 'r.csv')).toMatchObject({ ok: true, created: 1 });
    const head = ['项目编号', '项目名称', '投资方', '统一社会信用代码', '招商渠道', '引荐单位', '阶段', '总投资(万元)'];
    // A valid code, other than the registered one: only the database can object to it.
    const body = '91430100500000001';
    const other = '91430100500000002';
    const third = '91430100500000003';
    const real = csv([
      head,
      ['M-1', '坏单元格', '企业一', '', '其他', '经济合作局', '在谈', 'abc'],
      ['M-2', '未知单位', '企业二', '', '其他', '不存在局', '在谈', '10'],
      ['M-3', '代码冲突', '已登记企业', `${body}${usccCheckChar(body)}`, '其他', '', '在谈', '10'],
      ['M-4', '好行', '企业四', '', '其他', '经济合作局', '在谈', '10'],
      // One name, two codes within the file: the file's own problem, not also a clash with the database.
      ['M-5', '同名一', '同名企业', `${other}${usccCheckChar(other)}`, '其他', '', '在谈', '10'],
      ['M-6', '同名二', '同名企业', `${third}${usccCheckChar(third)}`, '其他', '', '在谈', '10'],
    ]);
    const before = await snapshot(db);
    for (const dryRun of [false, true]) {
      const out = await importFile(db, zone.id, 'projects', real, 'm.csv', dryRun);
      expect(out).toMatchObject({ ok: false, created: 0, updated: 0, unchanged: 0 });
      expect(out.problems.map((p) => [p.row, p.column, p.value])).toEqual([
        [2, '总投资(万元)', 'abc'],
        [3, '引荐单位', '不存在局'],
        [4, '投资方', '已登记企业'],
        [7, '统一社会信用代码', `${third}${usccCheckChar(third)}`],
      ]);
      expect(out.problems[2].reason['zh-CN']).toContain('91430100AY4CL12TH4');
      expect(await snapshot(db)).toEqual(before);
    }
    // The same in a zone with no units yet (one the import would give them): only the cell's problem.
    const bare = await newZone(db);
    const alone = await importFile(db, bare.id, 'projects', real, 'm.csv');
    expect(alone.problems.map((p) => [p.row, p.column])).toEqual([
      [2, '总投资(万元)'],
      [7, '统一社会信用代码'],
    ]);
    expect(await inZone(db, bare.id, async (tx) => (await tx.client.query('SELECT id FROM departments')).rows)).toEqual(
      [],
    );
  });

  it('requires the signing date from 签约 on, but not for a project dropped before signing', async () => {
    const zone = await newZone(db);
    const file = csv([
      HEAD,
      ['S-1', '终止未签', '企业甲', '其他', '终止', '', '100'],
      ['S-2', '终止已签', '企业乙', '其他', '终止', '2024-02-02', '100'],
      ['S-3', '投产', '企业丙', '其他', '投产', '', '100'],
      ['S-4', '在谈', '企业丁', '其他', '在谈', '2024-02-02', '100'],
    ]);
    const out = await importFile(db, zone.id, 'projects', file, 's.csv');
    expect(out.problems.map((p) => [p.row, p.column])).toEqual([
      [4, '签约日期'],
      [5, '签约日期'],
    ]);
  });

  it('reads .xlsx from exceljs: date cells, number cells, text dates, units, full-width brackets, separators', async () => {
    const zone = await newZone(db);
    const file = await xlsx([
      [
        '项目名称',
        '项目编号',
        '投资方',
        '招商渠道',
        '阶段',
        '签约日期',
        '总投资（亿元）',
        '外资金额（美元）',
        ' 三类500强 ',
      ],
      [
        '日期单元格',
        'X-1',
        '企业一',
        '驻点招商',
        '签约',
        new Date(Date.UTC(2024, 2, 15)),
        2,
        1500000,
        '世界500强；民营500强',
      ],
      ['文本日期', 'X-2', '企业二', 'squad', 'signed', '2024年5月20日', '1.2345', null, null],
      ['斜杠日期', 'X-3', '企业三', '以商招商', '落地', '2024/6/1', 0.5, '12,000.5', '中国500强'],
    ]);
    const out = await importFile(db, zone.id, 'projects', file, 'x.xlsx');
    expect(out.problems).toEqual([]);
    expect(out.created).toBe(3);
    const rows = await inZone(db, zone.id, async (tx) => {
      const r = await tx.client.query(
        `SELECT code, signed_on, total_investment, foreign_investment_usd, channel, stage FROM investment_projects ORDER BY code`,
      );
      return r.rows;
    });
    expect(rows).toEqual([
      {
        code: 'X-1',
        signed_on: '2024-03-15',
        total_investment: '200000000.00',
        foreign_investment_usd: '1500000.00',
        channel: 'squad',
        stage: 'signed',
      },
      {
        code: 'X-2',
        signed_on: '2024-05-20',
        total_investment: '123450000.00',
        foreign_investment_usd: null,
        channel: 'squad',
        stage: 'signed',
      },
      {
        code: 'X-3',
        signed_on: '2024-06-01',
        total_investment: '50000000.00',
        foreign_investment_usd: '12000.50',
        channel: 'investor_referral',
        stage: 'landed',
      },
    ]);
    const r = await report(db, zone, '2024-01-01', '2024-12-31');
    expect(r).toMatchObject({
      signedProjects: 3,
      signedAtLeast200M: 1,
      signedTop500: 2,
      signedInvestment: '373450000.00',
    });
  });

  it('reads CSV with and without a BOM, and 元 amounts', async () => {
    const zone = await newZone(db);
    const rows = [
      ['项目编号', '项目名称', '投资方', '招商渠道', '阶段', '签约日期', '总投资(元)'],
      ['C-1', '元项目', '企业元', '其他', '签约', '2024-01-02', '200,000,000.00'],
    ];
    const withBom = await importFile(db, zone.id, 'projects', csv(rows, { bom: true }), 'bom.csv');
    expect(withBom).toMatchObject({ ok: true, created: 1 });
    const noBom = await importFile(db, zone.id, 'projects', csv(rows), 'nobom.csv');
    expect(noBom).toMatchObject({ ok: true, created: 0, unchanged: 1 });
    expect((await sheetOf(csv(rows, { bom: true }), 'a.csv')).headers[0]).toBe('项目编号');
    expect(await report(db, zone, '2024-01-01', '2024-01-31')).toMatchObject({ signedAtLeast200M: 1 });
  });

  it('exports in the import shape: re-importing the export changes nothing', async () => {
    const zone = await newZone(db);
    await importFile(db, zone.id, 'projects', example('investment-projects.csv'), 'a.csv');
    await importFile(db, zone.id, 'projects', example('investment-projects-yi.csv'), 'b.csv');
    await importFile(db, zone.id, 'fx', example('foreign-capital.csv'), 'fx.csv');
    const projects = await exportFile(db, zone.id, 'projects');
    expect(projects.table.rows).toHaveLength(7);
    const fx = await exportFile(db, zone.id, 'fx');
    const before = await snapshot(db);
    const p = await importFile(db, zone.id, 'projects', projects.data, 'export.xlsx');
    expect(p).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 7, warnings: [] });
    const f = await importFile(db, zone.id, 'fx', fx.data, 'fx.xlsx');
    expect(f).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
    const after = await snapshot(db);
    expect(
      Object.keys(after)
        .filter((k) => after[k] !== before[k])
        .sort(),
    ).toEqual(['audit_log', 'ledger_imports']);
    // The export itself imports into an empty zone with the same figures.
    const copy = await newZone(db);
    expect((await importFile(db, copy.id, 'projects', projects.data, 'e.xlsx')).problems).toEqual([]);
    expect((await importFile(db, copy.id, 'fx', fx.data, 'f.xlsx')).problems).toEqual([]);
    const a = await report(db, zone, '2024-01-01', '2024-06-30');
    const b = await report(db, copy, '2024-01-01', '2024-06-30');
    expect({ ...b, zone: a.zone }).toEqual(a);
  });

  it('records a stage event when an import changes the stage, and updates by key', async () => {
    const zone = await newZone(db);
    const v1 = csv([HEAD, ['K-1', '项目', '企业', '其他', '签约', '2024-03-01', '100']]);
    await importFile(db, zone.id, 'projects', v1, 'v1.csv');
    const v2 = csv([HEAD, ['K-1', '项目改名', '企业', '其他', '开工', '2024-03-01', '150']]);
    expect(await importFile(db, zone.id, 'projects', v2, 'v2.csv')).toMatchObject({ updated: 1, created: 0 });
    const events = await inZone(db, zone.id, async (tx) => {
      const r = await tx.client.query(
        `SELECT e.from_stage, e.to_stage, e.happened_on, e.source FROM investment_stage_events e ORDER BY e.id`,
      );
      return r.rows;
    });
    expect(events.map((e) => [e.from_stage, e.to_stage, e.source])).toEqual([
      [null, 'signed', 'ledger'],
      ['signed', 'started', 'ledger'],
    ]);
    expect(events[0].happened_on).toBe('2024-03-01');
  });

  it('counts a company on two 500强 lists once and finds companies by USCC before name', async () => {
    const zone = await newZone(db);
    const file = csv([
      [
        '项目编号',
        '项目名称',
        '投资方',
        '统一社会信用代码',
        '三类500强',
        '招商渠道',
        '阶段',
        '签约日期',
        '总投资(万元)',
      ],
      ['T-1', '一期', '双榜集团', '91430100AY4CL12TH4', '世界500强、中国500强', '其他', '签约', '2024-01-10', '100'],
      [
        'T-2',
        '二期',
        '双榜集团（新名称）',
        '91430100AY4CL12TH4',
        '世界500强,中国500强',
        '其他',
        '签约',
        '2024-01-11',
        '100',
      ],
      ['T-3', '三期', '无榜企业', '', '', '其他', '签约', '2024-01-12', '100'],
      // The other list separators the spec allows: full-width comma and semicolon, in another order.
      ['T-4', '四期', '双榜集团', '91430100AY4CL12TH4', '中国500强，世界500强', '其他', '签约', '2024-01-13', '100'],
      ['T-5', '五期', '双榜集团', '91430100AY4CL12TH4', '世界500强;中国500强', '其他', '签约', '2024-01-14', '100'],
    ]);
    expect((await importFile(db, zone.id, 'projects', file, 't.csv')).problems).toEqual([]);
    const r = await report(db, zone, '2024-01-01', '2024-01-31');
    expect(r).toMatchObject({ signedProjects: 5, signedTop500: 4 });
    const companies = await inZone(db, zone.id, async (tx) => {
      return (await tx.client.query('SELECT name, uscc FROM companies ORDER BY name')).rows;
    });
    expect(companies).toEqual([
      { name: '双榜集团', uscc: '91430100AY4CL12TH4' },
      { name: '无榜企业', uscc: null },
    ]);
  });

  it('writes a ledger of several chunks whole or not at all, and analyzes what it wrote', async () => {
    const zone = await newZone(db, [{ name: '经济合作局' }]);
    const uscc = (n: number) => {
      const body = `914301005${String(n).padStart(8, '0')}`;
      return `${body}${usccCheckChar(body)}`;
    };
    const head = [
      '项目编号',
      '项目名称',
      '投资方',
      '统一社会信用代码',
      '招商渠道',
      '引荐单位',
      '阶段',
      '签约日期',
      '总投资(万元)',
    ];
    // 4,500 rows: three of the writing pass's chunks, investors repeating, a date cell on every third row.
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => [
        `BIG-${String(i).padStart(5, '0')}`,
        `项目${i}`,
        `投资企业${i % 900}`,
        i % 900 < 800 ? uscc(i % 900) : null,
        '全员招商',
        i % 2 ? '经济合作局' : null,
        i % 3 ? '签约' : '落地',
        i % 3 ? '2024-05-06' : new Date(Date.UTC(2024, 4, 6)),
        1000 + i,
      ]);
    // A company the zone already has under another code: the investor of the file's last row.
    await importFile(
      db,
      zone.id,
      'projects',
      csv([head, ['OLD-1', '旧项目', '投资企业0X', uscc(99_999), '其他', '', '在谈', '', '1']]),
      'o.csv',
    );
    const bad = rows(4500);
    bad[4499][2] = '投资企业0X';
    bad[4499][3] = uscc(12_345);
    const before = await snapshot(db);
    const refused = await importFile(db, zone.id, 'projects', await xlsx([head, ...bad]), 'bad.xlsx');
    expect(refused.ok).toBe(false);
    expect(refused.problems.map((p) => [p.row, p.column])).toEqual([[4501, '投资方']]);
    // The investors are resolved before any chunk is written: the last row's problem stops it all.
    expect(await snapshot(db)).toEqual(before);
    const file = await xlsx([head, ...rows(4500)]);
    const done = await importFile(db, zone.id, 'projects', file, 'big.xlsx');
    expect(done).toMatchObject({ ok: true, rows: 4500, created: 4500, problems: [] });
    const counts = await inZone(db, zone.id, async (tx) => {
      const q = async (sql: string) => (await tx.client.query<{ n: number }>(sql)).rows[0].n;
      return {
        projects: await q('SELECT count(*)::int AS n FROM investment_projects'),
        events: await q(`SELECT count(*)::int AS n FROM investment_stage_events WHERE source = 'ledger'`),
        companies: await q('SELECT count(*)::int AS n FROM companies'),
        audited: await q(
          `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'investment_project' AND action = 'create'`,
        ),
        signed: await q(`SELECT count(*)::int AS n FROM investment_projects WHERE signed_on = '2024-05-06'`),
      };
    });
    expect(counts).toEqual({ projects: 4501, events: 4501, companies: 901, audited: 4501, signed: 4500 });
    // The audit entry of a new project is the row as the API shows it.
    const audit = await inZone(db, zone.id, async (tx) => {
      const r = await tx.client.query(
        `SELECT a.after, p.created_at FROM audit_log a JOIN investment_projects p ON p.id::text = a.entity_id
          WHERE p.code = 'BIG-00001' AND a.action = 'create'`,
      );
      return r.rows[0];
    });
    expect(audit.after).toMatchObject({
      code: 'BIG-00001',
      totalInvestment: '10010000.00',
      stage: 'signed',
      signedOn: '2024-05-06',
      referrerDepartmentId: zone.deps.经济合作局,
      version: 1,
      deletedAt: null,
      createdAt: audit.created_at.toISOString(),
    });
    // Statistics after the import (the embedded database never gathers them by itself).
    const stats = await asSystem(db, async (tx) => {
      const r = await tx.client.query<{ reltuples: number; n: number }>(
        `SELECT c.reltuples::int AS reltuples, (SELECT count(*)::int FROM investment_projects) AS n
           FROM pg_class c WHERE c.relname = 'investment_projects'`,
      );
      return r.rows[0];
    });
    expect(stats.reltuples).toBe(stats.n);
    const snap = await snapshot(db);
    expect(await importFile(db, zone.id, 'projects', file, 'big.xlsx')).toMatchObject({ ok: true, unchanged: 4500 });
    const after = await snapshot(db);
    expect(
      Object.keys(after)
        .filter((k) => after[k] !== snap[k])
        .sort(),
    ).toEqual(['audit_log', 'ledger_imports']);
  }, 120_000);

  it('checks the foreign capital ledger: known projects, positive amounts, 美元 or 万美元', async () => {
    const zone = await newZone(db);
    await importFile(
      db,
      zone.id,
      'projects',
      csv([HEAD, ['F-1', '外资项目', '外企', '其他', '签约', '2024-01-01', '100']]),
      'p.csv',
    );
    const bad = csv([
      ['登记编号', '项目编号', '到位日期', '到位金额(美元)'],
      ['R-1', 'F-1', '2024-02-01', '0'],
      ['R-2', 'NOPE', '2024-02-01', '10'],
    ]);
    const before = await snapshot(db);
    const b1 = await importFile(db, zone.id, 'fx', bad, 'bad.csv');
    // The amount as the cell has it, and the unknown project (the database's check) along with it.
    expect(b1.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [2, '到位金额(美元)', '0'],
      [3, '项目编号', 'NOPE'],
    ]);
    const b2 = await importFile(
      db,
      zone.id,
      'fx',
      csv([
        ['登记编号', '项目编号', '到位日期', '到位金额(美元)'],
        ['R-2', 'NOPE', '2024-02-01', '10'],
      ]),
      'b.csv',
    );
    expect(b2.problems.map((p) => [p.row, p.column, p.value])).toEqual([[2, '项目编号', 'NOPE']]);
    expect(await snapshot(db)).toEqual(before);
    const ok = csv([
      ['登记编号', '项目编号', '到位日期', '到位金额(美元)'],
      ['R-1', 'F-1', '2024-02-01', '1,234.56'],
    ]);
    expect(await importFile(db, zone.id, 'fx', ok, 'ok.csv')).toMatchObject({ ok: true, created: 1 });
    expect((await report(db, zone, '2024-02-01', '2024-02-01')).foreignCapitalUtilisedUsd).toBe('1234.56');
  });
});
