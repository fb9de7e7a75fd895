import Decimal from 'decimal.js';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { notFound, staleVersion } from '../../server/errors.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { EvaluationInput } from './api-work.ts';
import { getProject } from './project-read.ts';
import { evaluations, evaluationYears } from './schema.ts';

/**
 * 项目研判 / 收支测算: expected output and tax per year against the promised
 * incentives. Sums are exact numeric in SQL; per-mu figures are rounded to the
 * 分 (half away from zero). The payback year is the first year from which the
 * cumulative balance (tax − incentives) is ≥ 0 and stays so to the end.
 */

interface YearRow {
  index: number;
  output: string;
  tax: string;
  incentives: string;
  balance: string;
  cumulativeTax: string;
  cumulativeIncentives: string;
  cumulativeBalance: string;
  outputPerMu: string;
  taxPerMu: string;
}

export function paybackYear(cumulative: readonly string[]): number | null {
  let from: number | null = null;
  cumulative.forEach((c, i) => {
    if (new Decimal(c).isNegative()) from = null;
    else from ??= i + 1;
  });
  return from;
}

export async function getEvaluation(tx: Tx, actor: Actor, projectId: string) {
  await getProject(tx, actor, projectId);
  const [ev] = await tx.db.select().from(evaluations).where(eq(evaluations.projectId, projectId));
  if (!ev) throw notFound();
  const { rows } = await tx.client.query<YearRow>(
    `SELECT y.year_index AS index, y.output, y.tax, y.incentives, (y.tax - y.incentives) AS balance,
            sum(y.tax) OVER w AS "cumulativeTax", sum(y.incentives) OVER w AS "cumulativeIncentives",
            sum(y.tax - y.incentives) OVER w AS "cumulativeBalance",
            round(y.output / $2, 2) AS "outputPerMu", round(y.tax / $2, 2) AS "taxPerMu"
       FROM investment_evaluation_years y WHERE y.evaluation_id = $1
     WINDOW w AS (ORDER BY y.year_index) ORDER BY y.year_index`,
    [ev.id, ev.landAreaMu],
  );
  const { rows: totals } = await tx.client.query<{
    output: string;
    tax: string;
    incentives: string;
    balance: string;
    outputPerMu: string;
    taxPerMu: string;
  }>(
    `SELECT sum(output) AS output, sum(tax) AS tax, sum(incentives) AS incentives, sum(tax - incentives) AS balance,
            round(sum(output) / count(*) / $2, 2) AS "outputPerMu", round(sum(tax) / count(*) / $2, 2) AS "taxPerMu"
       FROM investment_evaluation_years WHERE evaluation_id = $1`,
    [ev.id, ev.landAreaMu],
  );
  const t = totals[0];
  const payback = paybackYear(rows.map((r) => r.cumulativeBalance));
  const calendar = (i: number | null) => (i !== null && ev.firstYear ? ev.firstYear + i - 1 : null);
  return {
    id: ev.id,
    projectId,
    firstYear: ev.firstYear,
    landAreaMu: ev.landAreaMu,
    industryFit: ev.industryFit,
    recommendation: ev.recommendation,
    decision: ev.decision as 'pending' | 'approve' | 'reject',
    decidedBy: ev.decidedBy,
    decidedOn: ev.decidedOn,
    years: rows.map((r) => ({ ...r, calendarYear: calendar(r.index) })),
    totals: { output: t.output, tax: t.tax, incentives: t.incentives, balance: t.balance },
    paybackYear: payback,
    paybackCalendarYear: calendar(payback),
    outputPerMu: t.outputPerMu,
    taxPerMu: t.taxPerMu,
    version: ev.version,
    updatedAt: ev.updatedAt.toISOString(),
  };
}

/** Writes the project's evaluation whole (its yearly lines replaced); a later save needs the version. */
export async function saveEvaluation(tx: Tx, actor: Actor, projectId: string, input: EvaluationInput) {
  await getProject(tx, actor, projectId);
  const [current] = await tx.db.select().from(evaluations).where(eq(evaluations.projectId, projectId)).for('update');
  const before = current ? await getEvaluation(tx, actor, projectId) : null;
  const { years, version, ...fields } = input;
  let id: string;
  if (!current) {
    const [row] = await tx.db
      .insert(evaluations)
      .values({ ...fields, zoneId: actor.zoneId, projectId })
      .returning({ id: evaluations.id });
    id = row.id;
  } else {
    if (version === undefined || version !== current.version) throw staleVersion();
    id = current.id;
    await tx.db
      .update(evaluations)
      .set({ ...fields, version: sql`${evaluations.version} + 1`, updatedAt: sql`now()` })
      .where(eq(evaluations.id, id));
    await tx.db.delete(evaluationYears).where(eq(evaluationYears.evaluationId, id));
  }
  await tx.db
    .insert(evaluationYears)
    .values(years.map((y, i) => ({ ...y, zoneId: actor.zoneId, evaluationId: id, yearIndex: i + 1 })));
  const after = await getEvaluation(tx, actor, projectId);
  await record(tx, actor, { action: current ? 'update' : 'create', entity: 'evaluation', entityId: id, before, after });
  return after;
}
