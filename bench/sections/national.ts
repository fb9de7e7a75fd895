import type { Database } from '../../src/db/database.ts';
import { asSystem } from '../../src/db/tx.ts';
import type { Rollup } from '../../src/modules/rollup/api.ts';
import { grantRegion } from '../../src/modules/rollup/grants.ts';
import { zonesIn } from '../../src/modules/rollup/service.ts';
import { ROLLUP_SQL } from '../../src/modules/rollup/sql.ts';
import { REPORTS } from '../../src/reports/registry.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { zonePrefix } from '../../src/seed/synthetic.ts';
import { BenchClient } from '../lib/http.ts';
import type { Child } from '../lib/processes.ts';
import { median, round, timeRuns } from '../lib/stats.ts';

/**
 * The national rollup: both summaries' headline figures for every zone at once, as an upper-level office
 * asks for them — GET /api/v1/rollup by a viewer the operator let oversee the whole country (000000),
 * timed by its server time, beside the same statement run directly through the driver. The answer is
 * checked against the first and the last zone's own reports.
 */
export async function nationalRollup(db: Database, server: Child, year: number, runs: number) {
  const viewer = `${zonePrefix(1)}viewer`;
  await asSystem(db, (tx) => grantRegion(tx, viewer, '000000'));
  const client = await BenchClient.login(server.url, viewer, DEMO_PASSWORD);
  const url = `/api/v1/rollup?year=${year}&through=${year}-12`;
  const answer = await client.get<Rollup>(url);
  for (const row of [answer.zones[0], answer.zones[answer.zones.length - 1]]) {
    const z = await asSystem(db, async (tx) => {
      const { rows } = await tx.client.query<{ id: string; code: string; name: string }>(
        'SELECT id, code, name FROM zones WHERE code = $1',
        [row.zone],
      );
      const zone = rows[0];
      const inv = (await REPORTS['investment-summary'].run(tx, zone, { from: answer.from, to: answer.to })) as Record<
        string,
        unknown
      >;
      const major = (await REPORTS['major-projects-summary'].run(tx, zone, {
        year,
        through: answer.through,
      })) as Record<string, unknown>;
      return { inv, major };
    });
    const want = [
      z.inv.signedProjects,
      z.inv.signedInvestment,
      z.inv.signedTop500,
      z.inv.foreignCapitalUtilisedUsd,
      z.major.projects,
      z.major.annualPlan,
      z.major.completed,
      z.major.completionRate,
      z.major.newStarts,
      z.major.reportsMissing,
    ];
    const got = [
      row.signedProjects,
      row.signedInvestment,
      row.signedTop500,
      row.foreignCapitalUtilisedUsd,
      row.projects,
      row.annualPlan,
      row.completed,
      row.completionRate,
      row.newStarts,
      row.reportsMissing,
    ];
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      throw new Error(`national rollup disagrees with ${row.zone}'s reports: ${JSON.stringify({ want, got })}`);
    }
  }
  const serverMs: number[] = [];
  await timeRuns(
    async () => {
      const r = await client.call('GET', url);
      if (r.status !== 200) throw new Error(`GET ${url}: ${r.status}`);
      serverMs.push(r.serverMs);
    },
    runs,
    1,
  );
  const timed = serverMs.slice(1);
  const ids = await asSystem(db, async (tx) => (await zonesIn(tx, ['000000'])).map((z) => z.id));
  const args = [answer.from, answer.to, year, `${answer.through}-01`, ids];
  const sqlTimes = await timeRuns(() => asSystem(db, (tx) => tx.client.query(ROLLUP_SQL, args)), runs, 1);
  return {
    zones: answer.total.zones,
    nationalRollupP50Ms: round(median(timed)),
    nationalRollupMaxMs: round(Math.max(...timed)),
    nationalRollupSqlP50Ms: round(median(sqlTimes)),
  };
}
