import { monthEnd } from '../../core/dates.ts';
import type { Tx } from '../../db/tx.ts';
import { type Text, t } from '../../server/lang.ts';
import { addMonths, monthOf, monthStart, today } from './common.ts';
import type { Kind, Level } from './schema.ts';
import { dueDateOf, getSettings, SETTINGS_JSON, type Settings, settingsOf } from './settings.ts';
import { PER_PROJECT } from './sql.ts';

/**
 * Supervision (督导): each project on the year's lists gets green, yellow or red
 * from the zone's rules, with the reasons. 超时间进度 = completion rate − share of
 * the year elapsed (through month ÷ 12), except for a new start not yet due to
 * start by then; missing reports count months whose due
 * day has passed; overdue issues are open past their deadline; late milestones are
 * planned before the day and not reached.
 */

export type Colour = 'green' | 'yellow' | 'red';
export type Rule = 'lag' | 'missing' | 'overdue' | 'lateMilestone';

export interface Reason {
  rule: Rule;
  colour: Exclude<Colour, 'green'>;
  value: number;
  threshold: number;
  text: Text;
}

export interface Metrics {
  completionRate: number | null;
  timeShare: number;
  lag: number | null;
  reportsMissing: number;
  overdueIssues: number;
  lateMilestones: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => (x * 100).toFixed(1);

/** The rules, as a pure function: the worst colour any rule gives, and every rule that fired. */
export function judge(m: Metrics, s: Settings): { colour: Colour; reasons: Reason[] } {
  const reasons: Reason[] = [];
  if (m.lag !== null && m.completionRate !== null) {
    // Rounded so that 45 % against 50 % is the 5 % it reads as, not 4.999…%.
    const lag = Math.round(m.lag * 1e9) / 1e9;
    const colour = lag <= s.lagRed ? 'red' : lag <= s.lagYellow ? 'yellow' : null;
    if (colour) {
      // The gap between two rates is in percentage points (百分点), as reports say it: 40 % against 50 % is 10.
      const zh = `投资完成率 ${pct(m.completionRate)}，落后时间进度（${pct(m.timeShare)}）${points(-m.lag)} 个百分点`;
      const en = `Completion ${pct(m.completionRate)} is ${points(-m.lag)} points behind the time line (${pct(m.timeShare)})`;
      reasons.push({
        rule: 'lag',
        colour,
        value: m.lag,
        threshold: colour === 'red' ? s.lagRed : s.lagYellow,
        text: t(zh, en),
      });
    }
  }
  const count = (rule: Exclude<Rule, 'lag'>, value: number, yellow: number, red: number, zh: string, en: string) => {
    const colour = red > 0 && value >= red ? 'red' : yellow > 0 && value >= yellow ? 'yellow' : null;
    if (colour) reasons.push({ rule, colour, value, threshold: colour === 'red' ? red : yellow, text: t(zh, en) });
  };
  count(
    'missing',
    m.reportsMissing,
    s.missingYellow,
    s.missingRed,
    `缺报月报 ${m.reportsMissing} 个月`,
    `${m.reportsMissing} monthly report(s) missing`,
  );
  count(
    'overdue',
    m.overdueIssues,
    s.overdueYellow,
    s.overdueRed,
    `逾期未办结问题 ${m.overdueIssues} 个`,
    `${m.overdueIssues} issue(s) overdue`,
  );
  count(
    'lateMilestone',
    m.lateMilestones,
    s.lateMilestoneYellow,
    s.lateMilestoneRed,
    `节点滞后 ${m.lateMilestones} 个`,
    `${m.lateMilestones} milestone(s) late`,
  );
  const colour: Colour = reasons.some((r) => r.colour === 'red') ? 'red' : reasons.length > 0 ? 'yellow' : 'green';
  return { colour, reasons };
}

/** The last month of `year` whose report was due before `asOf`; `${year - 1}-12` when none is due yet. */
export function dueThrough(year: number, asOf: string, dueDay: number): string {
  let m = addMonths(monthOf(asOf), -1);
  if (dueDateOf(m, dueDay) >= asOf) m = addMonths(m, -1);
  if (m > `${year}-12`) return `${year}-12`;
  if (m < `${year}-01`) return `${year - 1}-12`;
  return m;
}

/** A judged project: its row (without the start date the judging reads) with its metrics, colour and reasons. */
export type SupervisionItem = Omit<SupervisionRow, 'plannedStart'> &
  Metrics & {
    colour: Colour;
    reasons: Reason[];
  };

/** The rows supervision judges, one per project on the year's lists; parameters $1–$3 as PER_PROJECT, $4 the day. */
export const SUPERVISION_ROWS = `
     sup_iss AS (SELECT project_id, count(*)::int AS n FROM major_project_issues
                  WHERE zone_id = $1 AND closed_on IS NULL AND deadline < $4::date GROUP BY project_id),
     sup_ms AS (SELECT project_id, count(*)::int AS n FROM major_project_milestones
                 WHERE zone_id = $1 AND actual_date IS NULL AND planned_date < $4::date GROUP BY project_id),
     sup AS (
       SELECT per.project_id AS "projectId", per.key, per.name, per.kind, per.levels,
              per.department_id AS "departmentId", d.name AS "departmentName",
              per.annual_plan::numeric(20, 2)::text AS "annualPlan", per.completed::numeric(20, 2)::text AS completed,
              CASE WHEN per.annual_plan = 0 THEN NULL ELSE (per.completed / per.annual_plan)::float8 END AS "completionRate",
              to_char(per.planned_start, 'YYYY-MM-DD') AS "plannedStart", per.missing AS "reportsMissing",
              coalesce(sup_iss.n, 0) AS "overdueIssues", coalesce(sup_ms.n, 0) AS "lateMilestones"
         FROM per
         LEFT JOIN departments d ON d.id = per.department_id
         LEFT JOIN sup_iss ON sup_iss.project_id = per.project_id
         LEFT JOIN sup_ms ON sup_ms.project_id = per.project_id)`;

export interface SupervisionRow {
  projectId: string;
  key: string;
  name: string;
  kind: Kind;
  levels: Level[];
  departmentId: string | null;
  departmentName: string | null;
  annualPlan: string;
  completed: string;
  completionRate: number | null;
  plannedStart: string | null;
  reportsMissing: number;
  overdueIssues: number;
  lateMilestones: number;
}

const timeShareOf = (year: number, through: string) =>
  through.startsWith(`${year}-`) ? Number(through.slice(5, 7)) / 12 : 0;

/** Colours and counts for the rows of SUPERVISION_ROWS, worst first. */
export function judgeRows(
  rows: SupervisionRow[],
  settings: Settings,
  o: { year: number; through: string; asOf: string; colour?: Colour },
) {
  const timeShare = timeShareOf(o.year, o.through);
  const order: Record<Colour, number> = { red: 0, yellow: 1, green: 2 };
  const end = monthEnd(o.through);
  // Built field by field: spreading the driver's row objects cost ~1 ms for 150 rows (measured).
  const all: SupervisionItem[] = rows.map((r) => {
    // A new start not yet due to start is judged by its start milestone, not against the time line.
    const notDue = r.kind === 'new' && (r.plannedStart === null || r.plannedStart > end);
    const m: Metrics = {
      completionRate: r.completionRate,
      timeShare,
      lag: r.completionRate === null || notDue ? null : r.completionRate - timeShare,
      reportsMissing: r.reportsMissing,
      overdueIssues: r.overdueIssues,
      lateMilestones: r.lateMilestones,
    };
    const { colour, reasons } = judge(m, settings);
    return {
      projectId: r.projectId,
      key: r.key,
      name: r.name,
      kind: r.kind,
      levels: r.levels,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      annualPlan: r.annualPlan,
      completed: r.completed,
      ...m,
      colour,
      reasons,
    };
  });
  const counts = { green: 0, yellow: 0, red: 0 };
  for (const i of all) counts[i.colour]++;
  // Ties keep the rows' own order (by key, from the statement): a stable sort, no collation per comparison.
  const items = all
    .filter((i) => !o.colour || i.colour === o.colour)
    .sort((a, b) => order[a.colour] - order[b.colour] || (a.lag ?? 0) - (b.lag ?? 0));
  return { year: o.year, through: o.through, asOf: o.asOf, timeShare, counts, items };
}

export async function supervise(
  tx: Tx,
  zoneId: string,
  o: { year: number; through?: string; asOf?: string; colour?: Colour; departmentId?: string },
) {
  const asOf = o.asOf ?? today();
  // Without a month the due day picks it, so the settings come first; with one they ride in the statement.
  let known: Settings | null = null;
  let through = o.through;
  if (!through) {
    known = await getSettings(tx, zoneId);
    through = dueThrough(o.year, asOf, known.reportDueDay);
  }
  const { rows } = await tx.client.query<{ settings: Settings | null; rows: SupervisionRow[] | null }>(
    `WITH ${PER_PROJECT('$1', '$2', '$3')}, ${SUPERVISION_ROWS}
     SELECT ${known ? 'NULL::json' : SETTINGS_JSON('$1')} AS settings,
            (SELECT json_agg(sup ORDER BY sup.key) FROM sup WHERE $5::uuid IS NULL OR sup."departmentId" = $5::uuid)
              AS rows`,
    [zoneId, o.year, monthStart(through), asOf, o.departmentId ?? null],
  );
  const r = rows[0];
  return judgeRows(r.rows ?? [], known ?? settingsOf(r.settings), { year: o.year, through, asOf, colour: o.colour });
}
