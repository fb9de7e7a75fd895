import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sumAmounts } from '../../core/money.ts';
import { asSystem, inZone } from '../../db/tx.ts';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo.ts';
import { Client, KINDS, snapshot, useApp } from '../../test/harness.ts';
import { grantRegion, listGrants, revokeRegion } from './grants.ts';

/**
 * The upper-level rollup: a viewer reads every zone of the regions the operator granted, each zone's
 * figures equal to that zone's own reports, and the totals their exact sum; nobody else reads it, and
 * no zone user can grant a region.
 */
const YEAR = 2026;
const Q = `year=${YEAR}&through=${YEAR}-10`;

/** Three demo zones: two in 湖南 (衡阳 430400, 湘潭 430300), one in 江苏 (无锡 320200), one without a region. */
const ZONES = [
  { code: 'HN1', name: '衡阳高新区', regionCode: '430481' },
  { code: 'HN2', name: '湘潭高新区', regionCode: '430302' },
  { code: 'JS1', name: '无锡高新区', regionCode: '320214' },
  { code: 'NR1', name: '无区划园区' },
];

describe.each(KINDS)('the regional rollup, on %s', (kind) => {
  const h = useApp(kind);

  const login = async (username: string) => {
    const c = new Client(h.app);
    const res = await c.post('/api/v1/auth/login', { username, password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    return c;
  };
  const seeded = async () => {
    for (const [i, z] of ZONES.entries()) {
      await seedDemo(h.database, { seed: 7 + i, zone: z, usernamePrefix: `${z.code.toLowerCase()}.` });
    }
  };
  const grant = (username: string, region: string) => asSystem(h.database, (tx) => grantRegion(tx, username, region));

  it('shows a prefecture’s viewer its zones, each equal to the zone’s own reports', async () => {
    await seeded();
    // seedDemo grants each zone's 市级查看 its prefecture: 衡阳's covers HN1 only.
    const viewer = await login('hn1.viewer');
    expect((await viewer.get('/api/v1/me')).json().oversees).toEqual(['430400']);
    const res = await viewer.get(`/api/v1/rollup?${Q}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      regions: ['430400'],
      year: YEAR,
      through: `${YEAR}-10`,
      from: `${YEAR}-01-01`,
      to: `${YEAR}-10-31`,
    });
    expect(r.zones.map((z: { zone: string }) => z.zone)).toEqual(['HN1']);

    // The zone's own reports, read by its admin through the same API.
    const admin = await login('hn1.admin');
    const inv = (await admin.get(`/api/v1/reports/investment-summary?from=${r.from}&to=${r.to}`)).json();
    const major = (await admin.get(`/api/v1/reports/major-projects-summary?${Q}`)).json();
    expect(inv.signedProjects).toBeGreaterThan(0);
    expect(major.projects).toBeGreaterThan(0);
    const row = r.zones[0];
    expect(row).toEqual({
      zone: 'HN1',
      name: '衡阳高新区',
      regionCode: '430481',
      signedProjects: inv.signedProjects,
      signedInvestment: inv.signedInvestment,
      signedAtLeast200M: inv.signedAtLeast200M,
      signedTop500: inv.signedTop500,
      foreignCapitalUtilisedUsd: inv.foreignCapitalUtilisedUsd,
      projects: major.projects,
      annualPlan: major.annualPlan,
      completed: major.completed,
      completionRate: major.completionRate,
      newStarts: major.newStarts,
      reportsMissing: major.reportsMissing,
    });
    const { zone: _z, name: _n, regionCode: _r, ...figures } = row;
    expect(r.total).toEqual({ zones: 1, ...figures });
  });

  it('sums a province’s zones exactly, and the whole country includes zones without a region', async () => {
    await grant('hn1.viewer', '430000');
    const viewer = await login('hn1.viewer');
    const r = (await viewer.get(`/api/v1/rollup?${Q}`)).json();
    expect(r.regions).toEqual(['430000', '430400']);
    expect(r.zones.map((z: { zone: string }) => z.zone)).toEqual(['HN1', 'HN2']);
    const [a, b] = r.zones;
    expect(r.total).toMatchObject({
      zones: 2,
      signedProjects: a.signedProjects + b.signedProjects,
      signedInvestment: sumAmounts([a.signedInvestment, b.signedInvestment]),
      foreignCapitalUtilisedUsd: sumAmounts([a.foreignCapitalUtilisedUsd, b.foreignCapitalUtilisedUsd]),
      projects: a.projects + b.projects,
      annualPlan: sumAmounts([a.annualPlan, b.annualPlan]),
      completed: sumAmounts([a.completed, b.completed]),
      reportsMissing: a.reportsMissing + b.reportsMissing,
      newStarts: {
        planned: a.newStarts.planned + b.newStarts.planned,
        started: a.newStarts.started + b.newStarts.started,
      },
    });
    // The rate is the total's own (completed ÷ plan), not an average of the zones' rates.
    expect(r.total.completionRate).toBeCloseTo(Number(r.total.completed) / Number(r.total.annualPlan), 12);

    await grant('hn1.viewer', '000000');
    // The home page's list of regions, in code order.
    expect((await viewer.get('/api/v1/me')).json().oversees).toEqual(['000000', '430000', '430400']);
    const all = (await viewer.get(`/api/v1/rollup?${Q}`)).json();
    expect(all.zones.map((z: { zone: string }) => z.zone)).toEqual(['HN1', 'HN2', 'JS1', 'NR1']);
    expect(all.total.zones).toBe(4);
    // A province's grant does not reach another province: 无锡's viewer sees 无锡 alone.
    const js = (await (await login('js1.viewer')).get(`/api/v1/rollup?${Q}`)).json();
    expect(js.zones.map((z: { zone: string }) => z.zone)).toEqual(['JS1']);
    expect(js.zones[0]).toEqual(all.zones[2]);
  });

  it('answers 403 to anyone without a grant, and no zone user can write a grant', async () => {
    const admin = await login('hn2.admin');
    expect((await admin.get('/api/v1/me')).json().oversees).toEqual([]);
    const res = await admin.get(`/api/v1/rollup?${Q}`);
    expect(res.statusCode).toBe(403);
    expect((await admin.get(`/api/v1/rollup/xlsx?${Q}`)).statusCode).toBe(403);
    expect((await new Client(h.app).get(`/api/v1/rollup?${Q}`)).statusCode).toBe(401);

    // Row-level security: inside a zone, the grants of the zone are readable and none is writable.
    const before = await snapshot(h.database);
    const zoneId = (await admin.get('/api/v1/me')).json().zone.id;
    const userId = (await admin.get('/api/v1/me')).json().user.id;
    await expect(
      inZone(h.database, zoneId, (tx) =>
        tx.client.query(`INSERT INTO viewer_regions (zone_id, user_id, region_code) VALUES ($1, $2, '000000')`, [
          zoneId,
          userId,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await inZone(h.database, zoneId, async (tx) => {
      const u = await tx.client.query(`UPDATE viewer_regions SET region_code = '000000'`);
      const d = await tx.client.query('DELETE FROM viewer_regions');
      const seen = await tx.client.query<{ region_code: string }>('SELECT region_code FROM viewer_regions');
      return { updated: u.rowCount, deleted: d.rowCount, seen: seen.rows.map((x) => x.region_code) };
    });
    expect(updated).toEqual({ updated: 0, deleted: 0, seen: ['430300'] });
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('refuses bad options with the field named, in the user’s language', async () => {
    const viewer = await login('hn2.viewer');
    const bad = async (query: string, field: string) => {
      const res = await viewer.get(`/api/v1/rollup?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        query,
      ).toContain(field);
    };
    await bad('through=2026-06', 'year');
    await bad('year=2026&through=2025-06', 'through');
    await bad('year=2026&through=2026-13', 'through');
    await bad('year=2026&from=2026-07-01&to=2026-06-30', 'to');
    await bad('year=2026&from=2026-02-30', 'from');
    await bad('year=abc', 'year');
  });

  it('exports the same figures as .xlsx, a row per zone and the total last', async () => {
    const viewer = await login('hn1.viewer');
    const r = (await viewer.get(`/api/v1/rollup?${Q}`)).json();
    const res = await viewer.get(`/api/v1/rollup/xlsx?${Q}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(1 + r.zones.length + 1);
    expect(ws.getRow(2).getCell(1).value).toBe('HN1');
    expect(String(ws.getRow(2).getCell(5).value)).toBe(r.zones[0].signedInvestment);
    const last = ws.getRow(ws.rowCount);
    expect(String(last.getCell(1).value)).toContain('合计');
    expect(String(last.getCell(5).value)).toBe(r.total.signedInvestment);
  });

  it('ends with a revoke, and every grant and revoke is in the viewer’s zone’s audit log', async () => {
    expect((await asSystem(h.database, listGrants)).map((g) => `${g.username} ${g.region} ${g.zones}`)).toEqual([
      'hn1.viewer 000000 4',
      'hn1.viewer 430000 2',
      'hn1.viewer 430400 1',
      'hn2.viewer 430300 1',
      'js1.viewer 320200 1',
    ]);
    for (const region of ['000000', '430000', '430400']) {
      expect(await asSystem(h.database, (tx) => revokeRegion(tx, 'hn1.viewer', region))).toBe(true);
    }
    expect(await asSystem(h.database, (tx) => revokeRegion(tx, 'hn1.viewer', '430400'))).toBe(false);
    const viewer = await login('hn1.viewer');
    expect((await viewer.get('/api/v1/me')).json().oversees).toEqual([]);
    expect((await viewer.get(`/api/v1/rollup?${Q}`)).statusCode).toBe(403);
    const audit = (await (await login('hn1.admin')).get('/api/v1/audit?entity=viewer_region&limit=50')).json();
    expect(
      audit.items.map(
        (e: { action: string; after: { region?: string }; before: { region?: string } }) =>
          `${e.action} ${(e.after ?? e.before).region}`,
      ),
    ).toEqual(
      expect.arrayContaining(['create 430400', 'create 430000', 'create 000000', 'delete 000000', 'delete 430400']),
    );
    await expect(asSystem(h.database, (tx) => grantRegion(tx, 'nobody', '430000'))).rejects.toThrow(/nobody/);
    await expect(asSystem(h.database, (tx) => grantRegion(tx, 'hn1.viewer', '4304'))).rejects.toThrow(/six digits/);
  });
});
