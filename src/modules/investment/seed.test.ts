import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { asSystem, inZone } from '../../db/tx.ts';
import { seedDemo } from '../../seed/demo.ts';
import { COMPANIES, PROJECT_PLAN } from '../../seed/investment-data.ts';
import { createTestDatabase, databaseKinds } from '../../test/databases.ts';
import { snapshot } from '../../test/harness.ts';
import { cliActor } from '../auth/actor.ts';
import { findZone } from '../zones/service.ts';
import { listProjects } from './project-read.ts';
import { listTargets } from './targets.ts';
import { exportFile, importFile, report } from './test-support.ts';
import { STAGES } from './vocab.ts';

const KINDS = await databaseKinds();

describe.each(KINDS)('the demo zone`s investment records on %s', (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let zone: { id: string; code: string; name: string };
  beforeAll(async () => {
    const t = await createTestDatabase(kind);
    db = t.database;
    drop = t.drop;
    await seedDemo(db, { password: 'Demo-password-1' });
    zone = (await asSystem(db, (tx) => findZone(tx, 'HY'))) as typeof zone;
  }, 120_000);
  afterAll(async () => drop?.());

  it('has projects in every stage and 2025 figures that match the plan they were seeded from', async () => {
    const stages = await inZone(db, zone.id, async (tx) => {
      const r = await tx.client.query<{ stage: string }>('SELECT DISTINCT stage FROM investment_projects');
      return r.rows.map((x) => x.stage).sort();
    });
    expect(stages).toEqual([...STAGES].sort());
    // The same figures computed independently from the seed's plan, in decimals.
    const in2025 = PROJECT_PLAN.filter((p) => p.signedOn?.startsWith('2025'));
    const top = (name: string): boolean => {
      const c = COMPANIES.find((x) => x.name === name);
      return Boolean(c?.top500?.length || (c?.parent && top(c.parent)));
    };
    const r = await report(db, zone, '2025-01-01', '2025-12-31');
    expect(r).toMatchObject({
      signedProjects: in2025.length,
      signedInvestment: in2025.reduce((s, p) => s.plus(p.total), new Decimal(0)).toFixed(2),
      signedAtLeast200M: in2025.filter((p) => new Decimal(p.total).gte(2e8)).length,
      signedTop500: in2025.filter((p) => top(p.company)).length,
    });
    expect(r.signedTop500).toBeGreaterThanOrEqual(5);
    expect(new Decimal(r.foreignCapitalUtilisedUsd).gt(0)).toBe(true);
    const targets = await inZone(db, zone.id, (tx) => listTargets(tx, cliActor(zone.id), 2025));
    expect(targets.items).toHaveLength(5);
    expect(targets.items.every((t) => t.completionRate > 0)).toBe(true);
  });

  it('shows the agency only what it brought', async () => {
    const mine = PROJECT_PLAN.filter((p) => p.referrer === '深圳鹏程招商咨询有限公司')
      .map((p) => p.code)
      .sort();
    const list = await inZone(db, zone.id, async (tx) => {
      const { rows } = await tx.client.query<{ id: string }>(
        `SELECT u.department_id AS id FROM users u WHERE u.username = 'agency'`,
      );
      const actor = { ...cliActor(zone.id), roles: ['agency' as const], departmentId: rows[0].id };
      return listProjects(tx, actor, { sort: 'code', page: 1, pageSize: 100 });
    });
    expect(list.items.map((p) => p.code)).toEqual(mine);
  });

  it('exports the seeded ledgers so that importing them back changes nothing', async () => {
    const projects = await exportFile(db, zone.id, 'projects');
    const fx = await exportFile(db, zone.id, 'fx');
    const before = await snapshot(db);
    const p = await importFile(db, zone.id, 'projects', projects.data, 'p.xlsx');
    expect(p).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: PROJECT_PLAN.length });
    const f = await importFile(db, zone.id, 'fx', fx.data, 'f.xlsx');
    expect(f).toMatchObject({ ok: true, created: 0, updated: 0 });
    const after = await snapshot(db);
    expect(
      Object.keys(after)
        .filter((k) => after[k] !== before[k])
        .sort(),
    ).toEqual(['audit_log', 'ledger_imports']);
  });
});
