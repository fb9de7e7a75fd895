import { z } from 'zod';
import type { Tx } from '../../db/tx.ts';
import type { ReportZone } from '../../reports/report.ts';
import type { Actor } from '../auth/actor.ts';
import type { Project } from './api.ts';
import { DateStr, Page } from './api.ts';
import { selectArrivals } from './foreign-capital.ts';
import { pipelineSql, selectProjects, TOP500_SQL } from './project-read.ts';
import { AT_LEAST_200M, investmentSummary, periodInOrder, periodOrderRule } from './report-summary.ts';
import { Params } from './scope.ts';
import { CHANNELS, STAGES } from './vocab.ts';

/**
 * The records behind each figure of `investment-summary`, with the very same
 * conditions, so a figure and its list always agree; and the dashboard's
 * extra breakdowns (industry, month) over the same signed projects.
 */

export const FIGURES = [
  'signedProjects',
  'signedInvestment',
  'signedAtLeast200M',
  'signedTop500',
  'foreignCapitalUtilisedUsd',
] as const;

export const RecordsQuery = z
  .strictObject({
    from: DateStr,
    to: DateStr,
    figure: z.enum(FIGURES).default('signedProjects'),
    channel: z.enum(CHANNELS).optional(),
    stage: z.enum(STAGES).optional(),
    industry: z.string().trim().max(100).optional(),
    ...Page,
  })
  .refine(periodInOrder, periodOrderRule);
export type RecordsQuery = z.infer<typeof RecordsQuery>;

export async function figureRecords(tx: Tx, zone: ReportZone, q: RecordsQuery) {
  const p = new Params();
  const zoneId = p.add(zone.id);
  const from = p.add(q.from);
  const to = p.add(q.to);
  const tail = `LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
  if (q.figure === 'foreignCapitalUtilisedUsd') {
    const where = [`f.zone_id = ${zoneId}`, `f.arrived_on BETWEEN ${from} AND ${to}`];
    const list = await selectArrivals(tx, p, where, `ORDER BY f.arrived_on, f.code ${tail}`);
    return { figure: q.figure, total: list.total, sum: list.totalUsd, projects: [], arrivals: list.items };
  }
  const where = [`p.zone_id = ${zoneId}`, 'p.deleted_at IS NULL', `p.signed_on BETWEEN ${from} AND ${to}`];
  if (q.figure === 'signedAtLeast200M') where.push(`p.total_investment >= ${AT_LEAST_200M}`);
  if (q.figure === 'signedTop500') where.push(TOP500_SQL('c'));
  if (q.channel) where.push(`p.channel = ${p.add(q.channel)}`);
  if (q.stage) where.push(`p.stage = ${p.add(q.stage)}`);
  if (q.industry !== undefined) where.push(`p.industry = ${p.add(q.industry)}`);
  const list = await selectProjects(tx, p, where, {
    order: 'p.signed_on, p.code',
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { figure: q.figure, total: list.total, sum: list.totalInvestment, projects: list.items, arrivals: [] };
}

/** The summary plus what the dashboard charts: industries, months, and the pipeline now. */
export async function dashboard(tx: Tx, actor: Actor, zone: ReportZone, o: { from: string; to: string }) {
  const summary = await investmentSummary(tx, zone, o);
  const p = new Params();
  // The breakdowns and the pipeline in one statement: a round trip fewer for every dashboard.
  const { rows } = await tx.client.query<{
    k: 'industry' | 'month' | 'stage';
    g: string;
    projects: number;
    investment: string;
  }>(
    `WITH signed AS (
       SELECT p.industry, to_char(p.signed_on, 'YYYY-MM') AS month, p.total_investment AS amount
         FROM investment_projects p
        WHERE p.zone_id = ${p.add(zone.id)} AND p.deleted_at IS NULL AND p.signed_on BETWEEN ${p.add(o.from)} AND ${p.add(o.to)})
     SELECT 'industry' AS k, industry AS g, count(*)::int AS projects, round(sum(amount), 2) AS investment
       FROM signed GROUP BY industry
     UNION ALL
     SELECT 'month', month, count(*)::int, round(sum(amount), 2) FROM signed GROUP BY month
     UNION ALL
     SELECT 'stage', stages.* FROM (${pipelineSql(actor, p)}) stages
     ORDER BY 1, 4 DESC, 2`,
    p.values,
  );
  const pick = (k: 'industry' | 'month' | 'stage') => rows.filter((r) => r.k === k);
  const figures = (k: 'industry' | 'month') =>
    pick(k).map((r) => ({ key: r.g, projects: r.projects, investment: r.investment }));
  return {
    summary,
    byIndustry: figures('industry'),
    byMonth: figures('month').sort((a, b) => a.key.localeCompare(b.key)),
    pipeline: pick('stage').map((r) => ({
      stage: r.g as Project['stage'],
      projects: r.projects,
      investment: r.investment,
    })),
  };
}
