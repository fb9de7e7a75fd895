import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createZone } from '../modules/zones/service.ts';
import { createTestDatabase } from '../test/databases.ts';
import { KINDS, makeZone, snapshot, useApp } from '../test/harness.ts';
import { checkDatabase, repairKept } from './check.ts';
import { openDatabase } from './database.ts';
import { asSystem } from './tx.ts';

/**
 * `gaoxin check` finds what is wrong and changes nothing: figures planted in the kept rows are named
 * by zone and project, a zeroed index page on disk is found by amcheck, and a clean database passes.
 * `--repair` puts the kept figures right.
 */

const amcheckInstalled = (db: Parameters<typeof checkDatabase>[0]) =>
  asSystem(db, async (tx) => {
    const { rows } = await tx.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'amcheck'`,
    );
    return rows[0].n > 0;
  });

describe.each(KINDS)('the database check on %s', (kind) => {
  const h = useApp(kind);

  it('passes a whole database, names planted figures, and changes nothing', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const created = await admin.post('/api/v1/major-projects', {
      key: 'CHK-1',
      name: '检查测试项目',
      builder: '衡阳检查有限公司',
      totalInvestment: '500000000.00',
      plannedStartDate: '2026-06-01',
      plan: { year: 2026, levels: ['zone'], kind: 'new', annualPlan: '1000000.00' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const company = await admin.post('/api/v1/investment/companies', { name: '衡阳检查科技有限公司' });
    expect(company.statusCode, company.body).toBe(201);

    const clean = await checkDatabase(h.database);
    expect(clean.problems).toEqual([]);
    expect(clean.tables).toBeGreaterThan(30);
    expect(clean.indexes).toBeGreaterThan(clean.tables);
    // Two list rows (the 2026 plan, and the row without a year is absent: the project has a plan) and one company count.
    expect(clean.keptRows).toBeGreaterThanOrEqual(2);
    expect(await amcheckInstalled(h.database)).toBe(false);

    await asSystem(h.database, async (tx) => {
      await tx.client.query('UPDATE company_totals SET live_companies = live_companies + 3 WHERE zone_id = $1', [
        zone.id,
      ]);
      await tx.client.query(
        `INSERT INTO investment_project_totals (zone_id, live_projects, live_investment) VALUES ($1, 2, 10.50)`,
        [zone.id],
      );
      await tx.client.query(
        `UPDATE major_project_list_rows SET body = replace(body, '检查测试项目', '改掉的名称') WHERE zone_id = $1`,
        [zone.id],
      );
    });
    const before = await snapshot(h.database);
    const found = await checkDatabase(h.database);
    expect(found.problems).toEqual([
      `园区 ${zone.code} 招商项目合计不符 / zone ${zone.code}: kept investment project totals 2 / 10.50, counted 0 / 0`,
      `园区 ${zone.code} 企业数不符 / zone ${zone.code}: kept company count 4, counted 1`,
      `重大项目列表行与项目不符 / major-project list row differs from its project: zone ${zone.code}, project CHK-1, plan year 2026`,
    ]);
    // The check re-rendered the rows to compare them, and rolled that back: the planted figures are still there.
    expect(await snapshot(h.database)).toEqual(before);
    expect(await amcheckInstalled(h.database)).toBe(false);

    // The repair recounts and re-renders: the check is clean and the lists answer the true figures again.
    await repairKept(h.database);
    expect((await checkDatabase(h.database)).problems).toEqual([]);
    expect((await admin.get('/api/v1/investment/companies')).json().total).toBe(1);
    const projects = (await admin.get('/api/v1/investment/projects')).json();
    expect([projects.total, projects.totalInvestment]).toEqual([0, '0.00']);
    const majors = (await admin.get('/api/v1/major-projects?year=2026')).json();
    expect(majors.items.map((m: { name: string }) => m.name)).toEqual(['检查测试项目']);
  });
});

describe.runIf(KINDS.includes('pglite'))('the database check on a damaged embedded folder', () => {
  it('finds an index page zeroed on disk', async () => {
    const t = await createTestDatabase('pglite');
    let db = t.database;
    try {
      const file = await asSystem(db, async (tx) => {
        await createZone(tx, { code: 'DMG', name: '损坏测试园区' });
        const { rows } = await tx.client.query<{ f: string }>(`SELECT pg_relation_filepath('zones_pkey') AS f`);
        return path.join(t.location, 'pgdata', rows[0].f);
      });
      expect((await checkDatabase(db)).problems).toEqual([]);
      await db.close();

      // Block 0 is the B-tree's metapage; block 1 holds the zone's entry.
      const fd = fs.openSync(file, 'r+');
      fs.writeSync(fd, Buffer.alloc(8192), 0, 8192, 8192);
      fs.closeSync(fd);

      db = await openDatabase({ dataDir: t.location });
      const r = await checkDatabase(db);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatch(/^索引 zones_pkey 损坏 \/ index zones_pkey is corrupt: .*zero page/);
    } finally {
      await db.close().catch(() => {});
      fs.rmSync(t.location, { recursive: true, force: true });
    }
  });
});
