import { AT_LEAST_200M } from '../investment/report-summary.ts';
import { END } from '../major-projects/sql.ts';

/**
 * Both summaries' headline figures (shared/spec/reports.md) for many zones in one statement, as an
 * upper-level office asks for them: one row per zone and a last row (zone NULL) of the totals. A
 * project belongs to one zone, so a total is the zones' sum and still counts each project once.
 *
 * $1 from, $2 to (the investment period); $3 plan year, $4 first day of the `through` month;
 * $5 the zones' ids (uuid[]). Amounts are summed as numeric and sent as text, to the 分.
 */
export const ROLLUP_SQL = `
-- 500强 as TOP500_SQL says it (the company or its parent on a list), as one set of company ids.
WITH top_direct AS (SELECT DISTINCT company_id AS id FROM company_top500 WHERE zone_id = ANY($5::uuid[])),
top_all AS (
  SELECT id FROM top_direct
  UNION
  SELECT c.id FROM companies c
   WHERE c.zone_id = ANY($5::uuid[]) AND c.parent_id IS NOT NULL AND c.parent_id IN (SELECT id FROM top_direct)),
inv AS (
  SELECT p.zone_id, count(*) AS signed, sum(p.total_investment) AS investment,
         count(*) FILTER (WHERE p.total_investment >= ${AT_LEAST_200M}) AS at_least_200m,
         count(*) FILTER (WHERE p.company_id IN (SELECT id FROM top_all)) AS top500
    FROM investment_projects p
   WHERE p.zone_id = ANY($5::uuid[]) AND p.deleted_at IS NULL AND p.signed_on BETWEEN $1 AND $2
   GROUP BY p.zone_id),
fx AS (
  SELECT f.zone_id, sum(f.amount_usd) AS usd
    FROM investment_foreign_capital f
   WHERE f.zone_id = ANY($5::uuid[]) AND f.deleted_at IS NULL AND f.arrived_on BETWEEN $1 AND $2
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
   WHERE pl.zone_id = ANY($5::uuid[]) AND pl.year = $3::int),
rep AS (
  SELECT plan.zone_id, sum(r.completed) AS completed,
         count(*) FILTER (WHERE r.month >= plan.first_month) AS filed
    FROM plan JOIN major_project_reports r ON r.project_id = plan.project_id
   WHERE r.month >= make_date($3::int, 1, 1) AND r.month <= $4::date
   GROUP BY plan.zone_id),
major AS (
  SELECT zone_id, count(*) AS projects, sum(annual_plan) AS annual_plan,
         count(*) FILTER (WHERE kind = 'new' AND planned_date <= ${END('$4')}) AS new_planned,
         count(*) FILTER (WHERE kind = 'new' AND planned_date <= ${END('$4')} AND actual_date <= ${END('$4')})
           AS new_started,
         sum(greatest(0, (extract(year FROM $4::date) * 12 + extract(month FROM $4::date))
                       - (extract(year FROM first_month) * 12 + extract(month FROM first_month)) + 1)) AS owed
    FROM plan GROUP BY zone_id),
per_zone AS (
  SELECT z.code, z.name, z.region_code,
         coalesce(inv.signed, 0) AS signed, coalesce(inv.investment, 0) AS investment,
         coalesce(inv.at_least_200m, 0) AS at_least_200m, coalesce(inv.top500, 0) AS top500,
         coalesce(fx.usd, 0) AS usd,
         coalesce(major.projects, 0) AS projects, coalesce(major.annual_plan, 0) AS annual_plan,
         coalesce(rep.completed, 0) AS completed,
         coalesce(major.new_planned, 0) AS new_planned, coalesce(major.new_started, 0) AS new_started,
         coalesce(major.owed, 0) - coalesce(rep.filed, 0) AS missing
    FROM zones z LEFT JOIN inv ON inv.zone_id = z.id LEFT JOIN fx ON fx.zone_id = z.id
    LEFT JOIN major ON major.zone_id = z.id LEFT JOIN rep ON rep.zone_id = z.id
   WHERE z.id = ANY($5::uuid[]))
-- Each zone's row and the totals' row (the empty grouping set) are the same expressions.
SELECT code AS zone, name, region_code AS "regionCode", count(*)::int AS zones,
       coalesce(sum(signed), 0)::int AS "signedProjects",
       coalesce(sum(investment), 0)::numeric(20, 2)::text AS "signedInvestment",
       coalesce(sum(at_least_200m), 0)::int AS "signedAtLeast200M",
       coalesce(sum(top500), 0)::int AS "signedTop500",
       coalesce(sum(usd), 0)::numeric(20, 2)::text AS "foreignCapitalUtilisedUsd",
       coalesce(sum(projects), 0)::int AS projects,
       coalesce(sum(annual_plan), 0)::numeric(20, 2)::text AS "annualPlan",
       coalesce(sum(completed), 0)::numeric(20, 2)::text AS completed,
       CASE WHEN coalesce(sum(annual_plan), 0) = 0 THEN 0
            ELSE (sum(completed) / sum(annual_plan))::float8 END AS "completionRate",
       coalesce(sum(new_planned), 0)::int AS "newPlanned",
       coalesce(sum(new_started), 0)::int AS "newStarted",
       CASE WHEN coalesce(sum(new_planned), 0) = 0 THEN 0
            ELSE sum(new_started)::float8 / sum(new_planned) END AS "startRate",
       coalesce(sum(missing), 0)::int AS "reportsMissing"
  FROM per_zone
 GROUP BY GROUPING SETS ((code, name, region_code), ())
 ORDER BY code NULLS LAST`;

/**
 * Whether a grant's region covers a zone's (GB/T 2260): 000000 the whole country, XX0000 a province's
 * zones, XXXX00 a prefecture's, any other code that county's. A zone without a region code is only
 * in the whole country's.
 */
export const COVERS = (grant: string, zoneRegion: string) => `(
  ${grant} = '000000'
  OR (${grant} LIKE '__0000' AND left(${zoneRegion}, 2) = left(${grant}, 2))
  OR (${grant} LIKE '____00' AND ${grant} NOT LIKE '__0000' AND left(${zoneRegion}, 4) = left(${grant}, 4))
  OR ${zoneRegion} = ${grant})`;
