import type { Database } from '../../src/db/database.ts';
import { asSystem } from '../../src/db/tx.ts';
import { AT_LEAST_200M } from '../../src/modules/investment/report-summary.ts';
import { END } from '../../src/modules/major-projects/sql.ts';
import { REPORTS } from '../../src/reports/registry.ts';
import { median, round, timeRuns } from '../lib/stats.ts';

/**
 * The national rollup: both summaries' headline figures for every zone at
 * once, as an upper-level office would ask for them. The platform has no
 * rollup endpoint yet, so this is the one statement such an endpoint would
 * run (the reports' definitions, grouped by zone), timed through the driver
 * and checked against the per-zone reports.
 */

/** $1 from, $2 to (investment period); $3 plan year, $4 first day of the `through` month. */
export const ROLLUP_SQL = `
-- 500强 as TOP500_SQL says it (the company or its parent on a list), as one set of company ids.
WITH top_direct AS (SELECT DISTINCT company_id AS id FROM company_top500),
top_all AS (
  SELECT id FROM top_direct
  UNION
  SELECT c.id FROM companies c WHERE c.parent_id IS NOT NULL AND c.parent_id IN (SELECT id FROM top_direct)),
inv AS (
  SELECT p.zone_id, count(*)::int AS "signedProjects", round(sum(p.total_investment), 2)::text AS "signedInvestment",
         (count(*) FILTER (WHERE p.total_investment >= ${AT_LEAST_200M}))::int AS "signedAtLeast200M",
         (count(*) FILTER (WHERE p.company_id IN (SELECT id FROM top_all)))::int AS "signedTop500"
    FROM investment_projects p
   WHERE p.deleted_at IS NULL AND p.signed_on BETWEEN $1 AND $2
   GROUP BY p.zone_id),
fx AS (
  SELECT f.zone_id, round(sum(f.amount_usd), 2)::text AS usd
    FROM investment_foreign_capital f
   WHERE f.deleted_at IS NULL AND f.arrived_on BETWEEN $1 AND $2
     AND f.project_id NOT IN (SELECT id FROM investment_projects WHERE deleted_at IS NOT NULL)
   GROUP BY f.zone_id),
-- The months a project owes (the rule of sql.ts OWED_MONTHS: from January, or from a new start's start
-- month) are counted, not listed; a zone's missing reports are the months owed less the reports filed
-- in them, so the year's reports are read once and summed per zone, not per project.
plan AS (
  SELECT pl.zone_id, pl.project_id, pl.kind, pl.annual_plan, s.planned_date, s.actual_date,
         CASE WHEN pl.kind <> 'new' THEN make_date($3::int, 1, 1)
              WHEN s.actual_date IS NOT NULL
              THEN greatest(make_date($3::int, 1, 1), date_trunc('month', s.actual_date::timestamp)::date)
         END AS first_month
    FROM major_project_plans pl
    JOIN major_projects p ON p.id = pl.project_id AND p.deleted_at IS NULL
    LEFT JOIN major_project_milestones s ON s.project_id = pl.project_id AND s.kind = 'start'
   WHERE pl.year = $3::int),
rep AS (
  SELECT plan.zone_id, sum(r.completed) AS completed,
         count(*) FILTER (WHERE r.month >= plan.first_month)::int AS filed
    FROM plan JOIN major_project_reports r ON r.project_id = plan.project_id
   WHERE r.month >= make_date($3::int, 1, 1) AND r.month <= $4::date
   GROUP BY plan.zone_id),
major AS (
  SELECT zone_id, count(*)::int AS projects, coalesce(sum(annual_plan), 0)::numeric(20, 2)::text AS "annualPlan",
         count(*) FILTER (WHERE kind = 'new' AND planned_date <= ${END('$4')})::int AS "newPlanned",
         count(*) FILTER (WHERE kind = 'new' AND planned_date <= ${END('$4')} AND actual_date <= ${END('$4')})::int
           AS "newStarted",
         coalesce(sum(greatest(0, (extract(year FROM $4::date) * 12 + extract(month FROM $4::date))
                                - (extract(year FROM first_month) * 12 + extract(month FROM first_month)) + 1)), 0)::int
           AS owed
    FROM plan GROUP BY zone_id)
SELECT z.code, coalesce(inv."signedProjects", 0) AS "signedProjects", coalesce(inv."signedInvestment", '0.00') AS "signedInvestment",
       coalesce(inv."signedAtLeast200M", 0) AS "signedAtLeast200M", coalesce(inv."signedTop500", 0) AS "signedTop500",
       coalesce(fx.usd, '0.00') AS "foreignCapitalUtilisedUsd",
       coalesce(major.projects, 0) AS projects, coalesce(major."annualPlan", '0.00') AS "annualPlan",
       coalesce(rep.completed, 0)::numeric(20, 2)::text AS completed, coalesce(major."newPlanned", 0) AS "newPlanned",
       coalesce(major."newStarted", 0) AS "newStarted",
       (coalesce(major.owed, 0) - coalesce(rep.filed, 0))::int AS "reportsMissing"
  FROM zones z LEFT JOIN inv ON inv.zone_id = z.id LEFT JOIN fx ON fx.zone_id = z.id
  LEFT JOIN major ON major.zone_id = z.id LEFT JOIN rep ON rep.zone_id = z.id
 ORDER BY z.code`;

interface RollupRow {
  code: string;
  signedProjects: number;
  signedInvestment: string;
  foreignCapitalUtilisedUsd: string;
  projects: number;
  completed: string;
  reportsMissing: number;
}

export async function nationalRollup(db: Database, year: number, runs: number) {
  const args = [`${year}-01-01`, `${year}-12-31`, year, `${year}-12-01`];
  const rows = await asSystem(db, async (tx) => (await tx.client.query<RollupRow>(ROLLUP_SQL, args)).rows);
  // The rollup must agree with each zone's own reports (checked on the first and the last zone).
  for (const row of [rows[0], rows[rows.length - 1]]) {
    const z = await asSystem(db, async (tx) => {
      const { rows: found } = await tx.client.query<{ id: string; code: string; name: string }>(
        'SELECT id, code, name FROM zones WHERE code = $1',
        [row.code],
      );
      const zone = found[0];
      const inv = (await REPORTS['investment-summary'].run(tx, zone, { from: args[0], to: args[1] })) as RollupRow;
      const major = (await REPORTS['major-projects-summary'].run(tx, zone, {
        year,
        through: `${year}-12`,
      })) as RollupRow;
      return { inv, major };
    });
    const want = [
      z.inv.signedProjects,
      z.inv.signedInvestment,
      z.inv.foreignCapitalUtilisedUsd,
      z.major.projects,
      z.major.completed,
      z.major.reportsMissing,
    ];
    const got = [
      row.signedProjects,
      row.signedInvestment,
      row.foreignCapitalUtilisedUsd,
      row.projects,
      row.completed,
      row.reportsMissing,
    ];
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      throw new Error(`national rollup disagrees with ${row.code}'s reports: ${JSON.stringify({ want, got })}`);
    }
  }
  const times = await timeRuns(() => asSystem(db, (tx) => tx.client.query(ROLLUP_SQL, args)), runs, 1);
  return {
    zones: rows.length,
    nationalRollupP50Ms: round(median(times)),
    nationalRollupMaxMs: round(Math.max(...times)),
  };
}
