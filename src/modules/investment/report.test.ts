import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';
import { upload } from '../major-projects/test-kit.ts';
import { example, importFile, sheetOf } from './test-support.ts';

const R = '/api/v1/reports/investment-summary';

describe.each(KINDS)('investment summary over HTTP on %s', (kind) => {
  const h = useApp(kind);

  async function exampleZone() {
    const zone = await makeZone(h);
    await importFile(h.database, zone.id, 'projects', example('investment-projects.csv'), 'a.csv');
    await importFile(h.database, zone.id, 'projects', example('investment-projects-yi.csv'), 'b.csv');
    await importFile(h.database, zone.id, 'fx', example('foreign-capital.csv'), 'c.csv');
    return zone;
  }

  it('answers the same figures as the command line, and every figure opens the records behind it', async () => {
    const zone = await exampleZone();
    const leader = await zone.as(['leader']);
    const q = 'from=2024-01-01&to=2024-06-30';
    const summary = (await leader.get(`${R}?${q}`)).json();
    const expected = JSON.parse(example('investment-summary.json').toString('utf8'));
    expect(summary).toEqual({ ...expected, zone: zone.code });
    const codes = async (extra: string) => {
      const res = await leader.get(`${R}/records?${q}&${extra}`);
      if (res.statusCode !== 200) throw new Error(res.body);
      const r = res.json();
      return { total: r.total, sum: r.sum, codes: r.projects.map((p: { code: string }) => p.code) };
    };
    expect(await codes('figure=signedProjects')).toEqual({
      total: 5,
      sum: summary.signedInvestment,
      codes: ['EX-007', 'EX-001', 'EX-002', 'EX-003', 'EX-004'],
    });
    expect((await codes('figure=signedAtLeast200M')).codes.sort()).toEqual(['EX-001', 'EX-003', 'EX-007']);
    expect((await codes('figure=signedTop500')).codes.sort()).toEqual(['EX-001', 'EX-003']);
    expect(await codes('figure=signedProjects&channel=agency')).toMatchObject({
      codes: ['EX-002'],
      sum: '199999900.00',
    });
    expect((await codes('figure=signedProjects&stage=dropped')).codes).toEqual(['EX-004']);
    for (const [channel, v] of Object.entries(summary.byChannel) as [
      string,
      { projects: number; investment: string },
    ][]) {
      expect(await codes(`channel=${channel}`)).toMatchObject({ total: v.projects, sum: v.investment });
    }
    for (const [stage, n] of Object.entries(summary.byStage)) expect((await codes(`stage=${stage}`)).total).toBe(n);
    const fx = (await leader.get(`${R}/records?${q}&figure=foreignCapitalUtilisedUsd`)).json();
    expect(fx).toMatchObject({ total: 1, sum: '1200000.00', arrivals: [{ code: 'FX-EX-1', projectCode: 'EX-003' }] });
  });

  it('gives the dashboard its breakdowns and validates the period', async () => {
    const zone = await exampleZone();
    const viewer = await zone.as(['viewer']);
    const d = (await viewer.get('/api/v1/investment/dashboard?from=2024-01-01&to=2024-06-30')).json();
    expect(d.summary.signedProjects).toBe(5);
    expect(d.byMonth.map((m: { key: string }) => m.key)).toEqual([
      '2024-01',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
    expect(d.byIndustry.find((i: { key: string }) => i.key === '互联网科技')).toEqual({
      key: '互联网科技',
      projects: 1,
      investment: '1500000000.00',
    });
    expect(d.pipeline.reduce((n: number, s: { projects: number }) => n + s.projects, 0)).toBe(7);
    const bad = await viewer.get(`${R}?from=2024-06-30&to=2024-01-01`);
    expect(bad.statusCode).toBe(400);
    const bad2 = await viewer.get(`${R}/records?from=2024-02-30&to=2024-03-01&figure=nope`);
    expect(bad2.statusCode).toBe(400);
    expect(
      bad2
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['figure', 'from']);
    // A malformed date is named once, not also as a period that ends before it starts.
    for (const url of [
      `${R}?from=2024/01/01&to=2024-12-31`,
      `/api/v1/reports/investment-summary?from=2024/01/01&to=2024-12-31`,
    ]) {
      const malformed = await viewer.get(url);
      expect(malformed.statusCode, url).toBe(400);
      expect(
        malformed.json().errors.map((e: { field: string }) => e.field),
        url,
      ).toEqual(['from']);
    }
    expect((await viewer.get(`${R}?from=2024-06-30&to=2024-01-01`)).json().errors).toMatchObject([{ field: 'to' }]);
    // A period with nothing signed: zeros with two decimals, empty breakdowns.
    const empty = (await viewer.get(`${R}?from=2030-01-01&to=2030-12-31`)).json();
    expect(empty).toMatchObject({
      signedProjects: 0,
      signedInvestment: '0.00',
      foreignCapitalUtilisedUsd: '0.00',
      byChannel: {},
      byStage: {},
    });
  });

  it('serves the empty template and the export over HTTP; the export uploads back unchanged', async () => {
    const zone = await exampleZone();
    const admin = await zone.as(['admin']);
    const L = '/api/v1/ledgers/investment-projects';
    const tpl = await admin.get(`${L}/template`);
    expect(tpl.statusCode).toBe(200);
    const empty = await sheetOf(tpl.rawPayload, 't.xlsx');
    expect(empty.headers).toEqual(
      expect.arrayContaining(['项目编号', '投资方', '招商渠道', '总投资(万元)', '签约日期']),
    );
    expect(empty.rows).toEqual([]);
    const before = await snapshot(h.database);
    for (const [ledger, rows] of [
      ['investment-projects', 7],
      ['foreign-capital', 2],
    ] as const) {
      const exp = await admin.get(`/api/v1/ledgers/${ledger}/export`);
      expect(exp.statusCode).toBe(200);
      const url = `/api/v1/ledgers/${ledger}/import`;
      const preview = await upload(admin, `${url}?dryRun=true`, 'e.xlsx', exp.rawPayload);
      expect(preview.json()).toMatchObject({ ok: true, dryRun: true, unchanged: rows });
      const back = await upload(admin, url, 'e.xlsx', exp.rawPayload);
      expect(back.json()).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: rows, problems: [] });
    }
    const after = await snapshot(h.database);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed.sort()).toEqual(['audit_log', 'ledger_imports']);
  });
});
