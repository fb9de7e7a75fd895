/**
 * The SQL every major-project figure is built from, so the summary, the
 * dashboard, the supervision colours and the "who has not reported" list apply
 * the same rules. Arguments are placeholders ($n) for the zone id, the plan
 * year and the first day of the `through` month.
 */

/** The last day of the month that starts on `through`. */
export const END = (through: string) => `((${through}::date + interval '1 month' - interval '1 day')::date)`;

/**
 * owed(project_id, kind, month): the (project, month) pairs that owe a monthly
 * report. A continuing or finishing project owes every month of the year up to
 * `through`; a new start owes from the month of its actual start (from January
 * if it started before the year) and nothing before it has started.
 */
export const OWED_MONTHS = (zone: string, year: string, through: string) => `
owed AS (
  SELECT pl.project_id, pl.kind, m::date AS month
    FROM major_project_plans pl
    JOIN major_projects p ON p.id = pl.project_id AND p.deleted_at IS NULL
    LEFT JOIN major_project_milestones s ON s.project_id = pl.project_id AND s.kind = 'start'
   CROSS JOIN LATERAL generate_series(
          (CASE WHEN pl.kind = 'new'
                THEN greatest(make_date(${year}::int, 1, 1), date_trunc('month', s.actual_date::timestamp)::date)
                ELSE make_date(${year}::int, 1, 1) END)::timestamp,
          ${through}::date::timestamp,
          interval '1 month') AS m
   WHERE pl.zone_id = ${zone}::uuid AND pl.year = ${year}::int
     AND (pl.kind <> 'new' OR s.actual_date IS NOT NULL)
)`;

/**
 * per: one row per project on any of the year's lists (counted once), with its
 * levels, kind, department, annual plan, completed investment for the months of
 * the year up to `through`, whether it is a planned / started new start by the
 * end of `through`, and how many owed reports are missing.
 */
export const PER_PROJECT = (zone: string, year: string, through: string) => `
plan AS (
  SELECT p.id AS project_id, p.key, p.name, p.department_id, pl.levels, pl.kind, pl.annual_plan,
         s.planned_date AS planned_start, s.actual_date AS actual_start
    FROM major_project_plans pl
    JOIN major_projects p ON p.id = pl.project_id AND p.deleted_at IS NULL
    LEFT JOIN major_project_milestones s ON s.project_id = p.id AND s.kind = 'start'
   WHERE pl.zone_id = ${zone}::uuid AND pl.year = ${year}::int
),
done AS (
  SELECT r.project_id, sum(r.completed) AS completed
    FROM major_project_reports r
   WHERE r.zone_id = ${zone}::uuid AND r.month >= make_date(${year}::int, 1, 1) AND r.month <= ${through}::date
   GROUP BY r.project_id
),
${OWED_MONTHS(zone, year, through)},
missing AS (
  SELECT o.project_id, count(*)::int AS n
    FROM owed o
   WHERE NOT EXISTS (SELECT 1 FROM major_project_reports r
                      WHERE r.project_id = o.project_id AND r.month = o.month
                        -- The year's months only: lets the plan read them by (zone, month), not ten years of reports.
                        AND r.zone_id = ${zone}::uuid AND r.month >= make_date(${year}::int, 1, 1)
                        AND r.month <= ${through}::date)
   GROUP BY o.project_id
),
per AS (
  SELECT plan.*, coalesce(done.completed, 0) AS completed,
         coalesce(plan.kind = 'new' AND plan.planned_start <= ${END(through)}, false) AS new_planned,
         coalesce(plan.kind = 'new' AND plan.planned_start <= ${END(through)}
                  AND plan.actual_start <= ${END(through)}, false) AS new_started,
         coalesce(missing.n, 0) AS missing
    FROM plan LEFT JOIN done USING (project_id) LEFT JOIN missing USING (project_id)
)`;

/** The figures of a group of `per` rows. */
export const FIGURES = `
  count(*)::int AS projects,
  coalesce(sum(annual_plan), 0)::numeric(20, 2)::text AS "annualPlan",
  coalesce(sum(completed), 0)::numeric(20, 2)::text AS completed,
  CASE WHEN coalesce(sum(annual_plan), 0) = 0 THEN 0
       ELSE (sum(completed) / sum(annual_plan))::float8 END AS "completionRate",
  count(*) FILTER (WHERE new_planned)::int AS "newPlanned",
  count(*) FILTER (WHERE new_started)::int AS "newStarted",
  CASE WHEN count(*) FILTER (WHERE new_planned) = 0 THEN 0
       ELSE (count(*) FILTER (WHERE new_started))::float8 / count(*) FILTER (WHERE new_planned) END AS "startRate",
  coalesce(sum(missing), 0)::int AS "reportsMissing"`;

export interface Figures {
  projects: number;
  annualPlan: string;
  completed: string;
  completionRate: number;
  newPlanned: number;
  newStarted: number;
  startRate: number;
  reportsMissing: number;
}
