import { z } from 'zod';
import { isIsoDate } from '../../core/dates.ts';
import type { Tx } from '../../db/tx.ts';
import type { Table } from '../../ledger/xlsx.ts';
import type { ReportDef, ReportZone } from '../../reports/report.ts';
import { rule } from '../../server/schemas.ts';
import { TOP500_SQL } from './project-read.ts';
import { CHANNELS, type Channel, STAGES, type Stage } from './vocab.ts';

/** `investment-summary` (shared/spec/reports.md): the period's signed projects and foreign capital, in SQL. */

/** 2亿元: "2亿元以上" includes the number itself (以上, Civil Code art. 1259). */
export const AT_LEAST_200M = '200000000.00';

const day = z.string().refine(isIsoDate, rule('日期格式应为 YYYY-MM-DD', 'A date as YYYY-MM-DD'));
/** `from` not after `to`, judged only when both are dates: a malformed one has its own message, not two. */
export const periodInOrder = (o: { from: string; to: string }) =>
  !isIsoDate(o.from) || !isIsoDate(o.to) || o.from <= o.to;
export const periodOrderRule = { ...rule('起始日期不能晚于截止日期', '`from` must not be after `to`'), path: ['to'] };
export const PeriodOptions = z.object({ from: day, to: day }).refine(periodInOrder, periodOrderRule);
export type PeriodOptions = z.infer<typeof PeriodOptions>;

export interface InvestmentSummary {
  zone: string;
  from: string;
  to: string;
  signedProjects: number;
  signedInvestment: string;
  signedAtLeast200M: number;
  signedTop500: number;
  foreignCapitalUtilisedUsd: string;
  byChannel: Partial<Record<Channel, { projects: number; investment: string }>>;
  byStage: Partial<Record<Stage, number>>;
}

/** The signed projects of a period, as a CTE other queries (the drill-down) reuse. */
export const SIGNED_CTE = `
  signed AS (
    SELECT p.id, p.channel, p.stage, p.industry, p.signed_on, p.total_investment AS amount,
           -- Looked up per signed project by key: a period signs a few hundred of the zone's thousands of companies.
           (SELECT ${TOP500_SQL('c')} FROM companies c WHERE c.id = p.company_id) AS top500
      FROM investment_projects p
     WHERE p.zone_id = $1 AND p.deleted_at IS NULL AND p.signed_on BETWEEN $2 AND $3
  )`;

export const ARRIVALS_WHERE = `f.zone_id = $1 AND f.deleted_at IS NULL AND p.deleted_at IS NULL AND f.arrived_on BETWEEN $2 AND $3`;

export async function investmentSummary(tx: Tx, zone: ReportZone, o: PeriodOptions): Promise<InvestmentSummary> {
  const { rows } = await tx.client.query<{
    k: string;
    g: string | null;
    n: number;
    amount: string;
    big: number;
    top: number;
  }>(
    `WITH ${SIGNED_CTE}
     SELECT 'all' AS k, NULL AS g, count(*)::int AS n, round(coalesce(sum(amount), 0), 2) AS amount,
            (count(*) FILTER (WHERE amount >= ${AT_LEAST_200M}))::int AS big, (count(*) FILTER (WHERE top500))::int AS top
       FROM signed
     UNION ALL
     SELECT 'channel', channel, count(*)::int, round(sum(amount), 2), 0, 0 FROM signed GROUP BY channel
     UNION ALL
     SELECT 'stage', stage, count(*)::int, round(sum(amount), 2), 0, 0 FROM signed GROUP BY stage
     UNION ALL
     SELECT 'fx', NULL, count(*)::int, round(coalesce(sum(f.amount_usd), 0), 2), 0, 0
       FROM investment_foreign_capital f JOIN investment_projects p ON p.id = f.project_id
      WHERE ${ARRIVALS_WHERE}`,
    [zone.id, o.from, o.to],
  );
  const all = rows.find((r) => r.k === 'all');
  const fx = rows.find((r) => r.k === 'fx');
  const byChannel: InvestmentSummary['byChannel'] = {};
  for (const c of CHANNELS) {
    const r = rows.find((x) => x.k === 'channel' && x.g === c);
    if (r) byChannel[c] = { projects: r.n, investment: r.amount };
  }
  const byStage: InvestmentSummary['byStage'] = {};
  for (const s of STAGES) {
    const r = rows.find((x) => x.k === 'stage' && x.g === s);
    if (r) byStage[s] = r.n;
  }
  return {
    zone: zone.code,
    from: o.from,
    to: o.to,
    signedProjects: all?.n ?? 0,
    signedInvestment: all?.amount ?? '0.00',
    signedAtLeast200M: all?.big ?? 0,
    signedTop500: all?.top ?? 0,
    foreignCapitalUtilisedUsd: fx?.amount ?? '0.00',
    byChannel,
    byStage,
  };
}

function toTable(result: unknown): Table {
  const r = result as InvestmentSummary;
  const rows: Table['rows'] = [
    ['园区', r.zone],
    ['起始日期', r.from],
    ['截止日期', r.to],
    ['签约项目（个）', r.signedProjects],
    ['签约总投资（元）', r.signedInvestment],
    ['2亿元以上项目（个）', r.signedAtLeast200M],
    ['三类500强项目（个）', r.signedTop500],
    ['到位外资（美元）', r.foreignCapitalUtilisedUsd],
  ];
  for (const [c, v] of Object.entries(r.byChannel)) {
    rows.push([`渠道 ${c}（个）`, v.projects], [`渠道 ${c} 总投资（元）`, v.investment]);
  }
  for (const [s, n] of Object.entries(r.byStage)) rows.push([`阶段 ${s}（个）`, n]);
  return { sheetName: '招商引资汇总', headers: ['指标', '数值'], rows };
}

export const investmentSummaryReport: ReportDef<PeriodOptions> = {
  name: 'investment-summary',
  title: { 'zh-CN': '招商引资汇总', en: 'Investment promotion summary' },
  permission: 'report.read',
  options: PeriodOptions,
  run: investmentSummary,
  toTable,
};
