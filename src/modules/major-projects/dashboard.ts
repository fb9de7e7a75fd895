import type { Tx } from '../../db/tx.ts';
import type { ReportZone } from '../../reports/report.ts';
import { monthStart, today } from './common.ts';
import { type SummaryOptions, summaryOf } from './report-summary.ts';
import { KINDS, type Kind, LEVELS, type Level } from './schema.ts';
import { SETTINGS_JSON, type Settings, settingsOf } from './settings.ts';
import { FIGURES, type Figures, PER_PROJECT } from './sql.ts';
import { judgeRows, SUPERVISION_ROWS, type SupervisionRow } from './supervision.ts';

/**
 * The year's dashboard and the records behind each of its figures. Every
 * figure comes from the SQL in sql.ts; the web shows what these return.
 */

export interface DrillFilter {
  level?: Level;
  kind?: Kind;
  departmentId?: string;
}

/** A WHERE on `per` rows for a drill-down; parameters from $4 on. */
function perFilter(f: DrillFilter, values: unknown[]) {
  const where: string[] = [];
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (f.level) where.push(`${add(f.level)} = ANY (per.levels)`);
  if (f.kind) where.push(`per.kind = ${add(f.kind)}`);
  if (f.departmentId) where.push(`per.department_id = ${add(f.departmentId)}::uuid`);
  return where.length ? where.join(' AND ') : 'true';
}

/**
 * Every figure of the dashboard in one statement, the zone's supervision settings included: `per` is
 * computed once (a CTE used several times is materialised) instead of once per breakdown.
 */
export async function dashboard(tx: Tx, zone: ReportZone, o: SummaryOptions & { asOf?: string }) {
  const asOf = o.asOf ?? today();
  const { rows } = await tx.client.query<{
    settings: Settings | null;
    levels: (Figures & { level: Level | null })[];
    byKind: (Figures & { kind: Kind })[] | null;
    byDepartment: (Figures & { departmentId: string | null; departmentName: string | null })[] | null;
    trend: { month: string; completed: string; cumulative: string; cumulativeRate: number; timeShare: number }[];
    supervision: SupervisionRow[] | null;
    overdue: number;
  }>(
    `WITH ${PER_PROJECT('$1', '$2', '$3')}, ${SUPERVISION_ROWS},
     months AS (SELECT m::date AS month FROM generate_series(make_date($2::int, 1, 1)::timestamp, $3::date::timestamp,
                                                              interval '1 month') AS m),
     monthly AS (
       SELECT months.month, coalesce(sum(r.completed), 0) AS completed
         FROM months LEFT JOIN major_project_reports r
           ON r.zone_id = $1 AND r.month = months.month AND r.project_id IN (SELECT project_id FROM per)
          AND r.month >= make_date($2::int, 1, 1) AND r.month <= $3::date
        GROUP BY months.month),
     total AS (SELECT coalesce(sum(annual_plan), 0) AS plan FROM per),
     trend AS (
       SELECT to_char(month, 'YYYY-MM') AS month, completed::numeric(20, 2)::text AS completed,
              (sum(completed) OVER (ORDER BY month))::numeric(20, 2)::text AS cumulative,
              CASE WHEN total.plan = 0 THEN 0 ELSE ((sum(completed) OVER (ORDER BY month)) / total.plan)::float8 END
                AS "cumulativeRate",
              extract(month FROM month)::float8 / 12 AS "timeShare"
         FROM monthly CROSS JOIN total),
     levels AS (
       SELECT NULL AS level, ${FIGURES} FROM per
       UNION ALL
       SELECT lv AS level, ${FIGURES} FROM per CROSS JOIN LATERAL unnest(per.levels) AS lv GROUP BY lv),
     kinds AS (SELECT per.kind, ${FIGURES} FROM per GROUP BY per.kind),
     departments_ AS (
       SELECT per.department_id AS "departmentId", min(d.name) AS "departmentName", ${FIGURES}
         FROM per LEFT JOIN departments d ON d.id = per.department_id
        GROUP BY per.department_id)
     SELECT ${SETTINGS_JSON('$1')} AS settings,
            (SELECT json_agg(levels) FROM levels) AS levels,
            (SELECT json_agg(kinds) FROM kinds) AS "byKind",
            (SELECT json_agg(x ORDER BY x."completionRate" DESC, x."departmentName" NULLS LAST) FROM departments_ x)
              AS "byDepartment",
            (SELECT json_agg(trend ORDER BY trend.month) FROM trend) AS trend,
            (SELECT json_agg(sup ORDER BY sup.key) FROM sup) AS supervision,
            (SELECT count(*)::int FROM major_project_issues i JOIN major_projects p ON p.id = i.project_id
              WHERE i.zone_id = $1 AND p.deleted_at IS NULL AND i.closed_on IS NULL AND i.deadline < $4::date)
              AS overdue`,
    [zone.id, o.year, monthStart(o.through), asOf],
  );
  const r = rows[0];
  const sup = judgeRows(r.supervision ?? [], settingsOf(r.settings), { year: o.year, through: o.through, asOf });
  const pick = <K extends string, R extends Figures>(keys: readonly K[], found: R[] | null, by: (row: R) => unknown) =>
    Object.fromEntries(
      keys.map((k) => {
        const row = found?.find((x) => by(x) === k);
        return [k, row ? figuresOf(row) : emptyFigures()];
      }),
    ) as Record<K, Figures>;
  return {
    ...summaryOf(zone, o, r.levels),
    levels: pick(LEVELS, r.levels, (x) => x.level),
    asOf,
    byKind: pick(KINDS, r.byKind, (x) => x.kind),
    byDepartment: (r.byDepartment ?? []).map((d, i) => ({
      departmentId: d.departmentId,
      departmentName: d.departmentName,
      ...figuresOf(d),
      rank: i + 1,
    })),
    trend: r.trend,
    supervision: { timeShare: sup.timeShare, counts: sup.counts },
    flagged: sup.items.filter((i) => i.colour !== 'green'),
    overdueIssues: r.overdue,
  };
}

/** The figures of a row, in the order of Figures (json_agg keeps SQL's names). */
const figuresOf = (f: Figures): Figures => ({
  projects: f.projects,
  annualPlan: f.annualPlan,
  completed: f.completed,
  completionRate: f.completionRate,
  newPlanned: f.newPlanned,
  newStarted: f.newStarted,
  startRate: f.startRate,
  reportsMissing: f.reportsMissing,
});

const emptyFigures = (): Figures => ({
  projects: 0,
  annualPlan: '0.00',
  completed: '0.00',
  completionRate: 0,
  newPlanned: 0,
  newStarted: 0,
  startRate: 0,
  reportsMissing: 0,
});

export type ProjectFigure = 'all' | 'newPlanned' | 'newStarted' | 'newNotStarted' | 'missing';

/** The projects behind a figure (all, the planned / started / not started new starts, those missing reports). */
export async function projectsBehind(
  tx: Tx,
  zoneId: string,
  o: SummaryOptions & DrillFilter & { figure?: ProjectFigure },
) {
  const values: unknown[] = [zoneId, o.year, monthStart(o.through)];
  const cond = perFilter(o, values);
  const figure = {
    all: 'true',
    newPlanned: 'per.new_planned',
    newStarted: 'per.new_started',
    newNotStarted: 'per.new_planned AND NOT per.new_started',
    missing: 'per.missing > 0',
  }[o.figure ?? 'all'];
  const { rows } = await tx.client.query(
    `WITH ${PER_PROJECT('$1', '$2', '$3')}
     SELECT per.project_id AS "projectId", per.key, per.name, per.levels, per.kind,
            per.department_id AS "departmentId", d.name AS "departmentName",
            per.annual_plan::numeric(20, 2)::text AS "annualPlan", per.completed::numeric(20, 2)::text AS completed,
            CASE WHEN per.annual_plan = 0 THEN 0 ELSE (per.completed / per.annual_plan)::float8 END AS "completionRate",
            per.planned_start AS "plannedStartDate", per.actual_start AS "actualStartDate",
            per.new_planned AS "newPlanned", per.new_started AS "newStarted", per.missing AS "reportsMissing"
       FROM per LEFT JOIN departments d ON d.id = per.department_id
      WHERE ${cond} AND ${figure}
      ORDER BY per.key`,
    values,
  );
  return { year: o.year, through: o.through, items: rows, total: rows.length };
}

/** The (project, month) pairs behind `reportsMissing`. */
export async function missingBehind(tx: Tx, zoneId: string, o: SummaryOptions & DrillFilter) {
  const values: unknown[] = [zoneId, o.year, monthStart(o.through)];
  const cond = perFilter(o, values);
  const { rows } = await tx.client.query(
    `WITH ${PER_PROJECT('$1', '$2', '$3')}
     SELECT per.project_id AS "projectId", per.key, per.name, per.kind, d.name AS "departmentName",
            to_char(o.month, 'YYYY-MM') AS month
       FROM owed o JOIN per ON per.project_id = o.project_id
       LEFT JOIN departments d ON d.id = per.department_id
      WHERE ${cond}
        AND NOT EXISTS (SELECT 1 FROM major_project_reports r WHERE r.project_id = o.project_id AND r.month = o.month)
      ORDER BY o.month, per.key`,
    values,
  );
  return { year: o.year, through: o.through, items: rows, total: rows.length };
}

/** The monthly reports behind `completed` (all months up to `through`, or one month of the trend). */
export async function reportsBehind(tx: Tx, zoneId: string, o: SummaryOptions & DrillFilter & { month?: string }) {
  const values: unknown[] = [zoneId, o.year, monthStart(o.through)];
  const cond = perFilter(o, values);
  values.push(o.month ? monthStart(o.month) : null);
  const month = `$${values.length}`;
  const { rows } = await tx.client.query(
    `WITH ${PER_PROJECT('$1', '$2', '$3')}
     SELECT r.id, per.project_id AS "projectId", per.key, per.name, to_char(r.month, 'YYYY-MM') AS month,
            r.completed::text AS completed, r.progress, r.problems, r.filed_by_name AS "filedByName"
       FROM major_project_reports r JOIN per ON per.project_id = r.project_id
      WHERE ${cond} AND r.month >= make_date($2::int, 1, 1) AND r.month <= $3::date
        AND (${month}::date IS NULL OR r.month = ${month}::date)
      ORDER BY r.month, per.key`,
    values,
  );
  return { year: o.year, through: o.through, items: rows, total: rows.length };
}
