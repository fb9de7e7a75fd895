import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { asSystem } from '../db/tx.ts';
import { REPORTS } from '../reports/registry.ts';
import { createTestDatabase } from '../test/databases.ts';
import { KINDS } from '../test/harness.ts';
import { SCALES, seedSynthetic } from './synthetic.ts';

/** The benchmark generator: the sizes it promises, the same rows for the same seed, figures the reports can read. */

async function fingerprint(db: Database) {
  return asSystem(db, async (tx) => {
    const one = async (sql: string) => (await tx.client.query<{ h: string }>(sql)).rows[0].h;
    return {
      companies: await one(
        `SELECT md5(string_agg(id::text || name || coalesce(uscc, ''), ',' ORDER BY id)) AS h FROM companies`,
      ),
      projects: await one(
        `SELECT md5(string_agg(id::text || code || total_investment::text || stage || coalesce(signed_on::text, ''), ',' ORDER BY id)) AS h
           FROM investment_projects`,
      ),
      reports: await one(
        `SELECT md5(string_agg(project_id::text || month::text || completed::text, ',' ORDER BY project_id, month)) AS h FROM major_project_reports`,
      ),
      users: await one(`SELECT string_agg(username, ',' ORDER BY username) AS h FROM users`),
    };
  });
}

describe.each(KINDS)('seed synthetic on %s', (kind) => {
  it('writes the promised sizes, deterministically, and the reports read them', async () => {
    const [a, b] = [await createTestDatabase(kind), await createTestDatabase(kind)];
    try {
      const [za] = await seedSynthetic(a.database, { zones: 1, scale: 'small', seed: 7 });
      await seedSynthetic(b.database, { zones: 1, scale: 'small', seed: 7 });
      expect(za).toMatchObject({ code: 'S001', created: true });
      expect(za.rows).toMatchObject({
        companies: SCALES.small.companies,
        investmentProjects: SCALES.small.projects,
        leads: SCALES.small.leads,
        majorProjects: SCALES.small.majorProjects,
      });
      expect(za.rows.monthlyReports).toBeGreaterThan(1000);
      const fa = await fingerprint(a.database);
      expect(fa.users).toContain('s001_admin');
      expect(await fingerprint(b.database)).toEqual(fa);
      // Seeding again changes nothing; the next zone is S002 with its own users.
      const again = await seedSynthetic(a.database, { zones: 2, scale: 'small', seed: 7 });
      expect(again.map((z) => [z.code, z.created])).toEqual([
        ['S001', false],
        ['S002', true],
      ]);
      const summary = await asSystem(a.database, async (tx) =>
        REPORTS['investment-summary'].run(
          tx,
          { id: za.zoneId, code: 'S001', name: za.name },
          {
            from: '2017-01-01',
            to: '2026-12-31',
          },
        ),
      );
      expect((summary as { signedProjects: number }).signedProjects).toBeGreaterThan(SCALES.small.projects / 2);
    } finally {
      await a.drop();
      await b.drop();
    }
  });
});
