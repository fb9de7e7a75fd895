import { z } from 'zod';
import type { Tx } from '../../db/tx.ts';
import type { ReportDef, ReportZone } from '../../reports/report.ts';
import { t } from '../../server/lang.ts';
import { rule } from '../../server/schemas.ts';
import { MonthIn } from './api.ts';
import { defaultThrough, monthStart } from './common.ts';
import { LEVELS, type Level } from './schema.ts';
import { FIGURES, type Figures, PER_PROJECT } from './sql.ts';

/** `major-projects-summary` of shared/spec/reports.md. */

export const SummaryOptions = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    through: MonthIn.optional(),
  })
  .transform((o) => ({ year: o.year, through: o.through ?? defaultThrough(o.year) }))
  .refine((o) => o.through.startsWith(`${o.year}-`), {
    ...rule('through 应为该年度内的月份', 'through must be a month of the year'),
    path: ['through'],
  });
export type SummaryOptions = z.infer<typeof SummaryOptions>;

export interface LevelFigures {
  projects: number;
  annualPlan: string;
  completed: string;
  completionRate: number;
}

export interface Summary {
  zone: string;
  year: number;
  through: string;
  projects: number;
  annualPlan: string;
  completed: string;
  completionRate: number;
  byLevel: Record<Level, LevelFigures>;
  newStarts: { planned: number; started: number; startRate: number };
  reportsMissing: number;
}

/** The totals (a project on several lists once) and each level's (a project in every level it is on). */
export async function figuresByLevel(tx: Tx, zoneId: string, o: SummaryOptions) {
  const { rows } = await tx.client.query<Figures & { level: Level | null }>(
    `WITH ${PER_PROJECT('$1', '$2', '$3')}
     SELECT NULL AS level, ${FIGURES} FROM per
     UNION ALL
     SELECT lv AS level, ${FIGURES} FROM per CROSS JOIN LATERAL unnest(per.levels) AS lv GROUP BY lv`,
    [zoneId, o.year, monthStart(o.through)],
  );
  return rows;
}

const level = (f: Figures | undefined): LevelFigures => ({
  projects: f?.projects ?? 0,
  annualPlan: f?.annualPlan ?? '0.00',
  completed: f?.completed ?? '0.00',
  completionRate: f?.completionRate ?? 0,
});

export async function summary(tx: Tx, zone: ReportZone, o: SummaryOptions): Promise<Summary> {
  return summaryOf(zone, o, await figuresByLevel(tx, zone.id, o));
}

/** The summary from figuresByLevel's rows (the dashboard computes them in its own statement). */
export function summaryOf(zone: ReportZone, o: SummaryOptions, rows: (Figures & { level: Level | null })[]): Summary {
  const total = rows.find((r) => r.level === null) as Figures;
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, level(rows.find((r) => r.level === l))])) as Record<
    Level,
    LevelFigures
  >;
  return {
    zone: zone.code,
    year: o.year,
    through: o.through,
    projects: total.projects,
    annualPlan: total.annualPlan,
    completed: total.completed,
    completionRate: total.completionRate,
    byLevel,
    newStarts: { planned: total.newPlanned, started: total.newStarted, startRate: total.startRate },
    reportsMissing: total.reportsMissing,
  };
}

const LEVEL_ZH: Record<Level, string> = { province: '省级', city: '市级', zone: '区级' };

export const majorProjectsSummary: ReportDef<SummaryOptions> = {
  name: 'major-projects-summary',
  title: t('重大项目推进情况', 'Major projects: progress summary'),
  permission: 'report.read',
  options: SummaryOptions,
  run: (tx, zone, o) => summary(tx, zone, o),
  toTable(result) {
    const s = result as Summary;
    const row = (name: string, f: LevelFigures) => [name, f.projects, f.annualPlan, f.completed, f.completionRate];
    return {
      sheetName: `${s.year}年重大项目`,
      headers: ['口径', '项目数', '年度计划投资(元)', '累计完成投资(元)', '投资完成率'],
      rows: [
        row(`合计（截至${s.through}）`, s),
        ...LEVELS.map((l) => row(LEVEL_ZH[l], s.byLevel[l])),
        ['新开工计划数', s.newStarts.planned, null, null, null],
        ['新开工已开工数', s.newStarts.started, null, null, s.newStarts.startRate],
        ['缺报月报（项目·月）', s.reportsMissing, null, null, null],
      ],
    };
  },
};
