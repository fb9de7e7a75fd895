import Decimal from 'decimal.js';
import { and, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import {
  type ColumnDef,
  cellText,
  duplicateKeys,
  type LedgerProblem,
  parseLedger,
  type RowValues,
} from '../../ledger/columns.ts';
import type { ApplyResult, LedgerDef, WriteOptions } from '../../ledger/ledger.ts';
import type { Sheet } from '../../ledger/read.ts';
import type { Table } from '../../ledger/xlsx.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { agencyImportProblem, amountCell, dateCell, nulProblems } from './ledger-common.ts';
import { foreignCapital, projects } from './schema.ts';

/** 外资到位登记 (shared/spec/ledgers.md, `foreign-capital`). */

export const FOREIGN_CAPITAL_COLUMNS = [
  { key: 'code', header: '登记编号', kind: { type: 'text', max: 64 }, required: true },
  { key: 'project', header: '项目编号', kind: { type: 'text', max: 64 }, required: true },
  { key: 'arrivedOn', header: '到位日期', kind: { type: 'date' }, required: true },
  { key: 'amount', header: '到位金额', kind: { type: 'usd' }, required: true },
] as const satisfies readonly ColumnDef[];

export interface ForeignCapitalRow {
  rowNumber: number;
  values: RowValues<typeof FOREIGN_CAPITAL_COLUMNS>;
  headers: Record<string, string>;
}

const HEADERS = ['登记编号', '项目编号', '到位日期', '到位金额(万美元)'];

function parse(sheet: Sheet) {
  const parsed = parseLedger(sheet, FOREIGN_CAPITAL_COLUMNS);
  if (parsed.problems.some((p) => p.row === 1)) return parsed;
  const problems: LedgerProblem[] = [...parsed.problems];
  const amountAt = parsed.binding.bound.get('amount')?.index ?? -1;
  for (const [i, r] of parsed.rows.entries()) {
    if (r.values.amount !== null && new Decimal(r.values.amount).lte(0)) {
      problems.push({
        row: r.rowNumber,
        column: r.headers.amount,
        // The value as the cell has it (0, not the converted 0.00): parseLedger keeps the sheet's row order.
        value: cellText(sheet.rows[i].cells[amountAt] ?? null),
        reason: t('到位金额须大于 0', 'The amount must be above 0'),
      });
    }
  }
  problems.push(...duplicateKeys(parsed.rows, (r) => r.values.code, parsed.headers.code), ...nulProblems(parsed.rows));
  return { rows: parsed.rows, problems: problems.sort((a, b) => a.row - b.row), warnings: parsed.warnings };
}

async function apply(tx: Tx, actor: Actor, all: ForeignCapitalRow[], opts: WriteOptions): Promise<ApplyResult> {
  const out: ApplyResult = { created: 0, updated: 0, unchanged: 0, problems: agencyImportProblem(actor) };
  if (out.problems.length > 0) return out;
  // With problems in the file, rows whose key cells did not parse have nothing to look up.
  const rows = all.filter((r) => r.values.project !== null && r.values.code !== null);
  const projectIds = new Map<string, string>();
  const existing = new Map<string, typeof foreignCapital.$inferSelect>();
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const ps = await tx.db
      .select({ id: projects.id, code: projects.code })
      .from(projects)
      .where(
        and(
          inArray(
            projects.code,
            chunk.map((r) => r.values.project as string),
          ),
          isNull(projects.deletedAt),
        ),
      );
    for (const p of ps) projectIds.set(p.code, p.id);
    const fs = await tx.db
      .select()
      .from(foreignCapital)
      .where(
        and(
          inArray(
            foreignCapital.code,
            chunk.map((r) => r.values.code as string),
          ),
          isNull(foreignCapital.deletedAt),
        ),
      );
    for (const f of fs) existing.set(f.code, f);
  }
  for (const r of rows) {
    const projectId = projectIds.get(r.values.project as string);
    if (!projectId) {
      out.problems.push({
        row: r.rowNumber,
        column: r.headers.project,
        value: r.values.project ?? '',
        reason: t('本园区没有这个招商项目', 'No investment project of the zone has this code'),
      });
    }
  }
  if (out.problems.length > 0 || opts.checkOnly) return out;
  for (const r of rows) {
    const v = {
      projectId: projectIds.get(r.values.project as string) as string,
      arrivedOn: r.values.arrivedOn as string,
      amountUsd: r.values.amount as string,
    };
    const prior = existing.get(r.values.code as string);
    if (!prior) {
      const [row] = await tx.db
        .insert(foreignCapital)
        .values({ ...v, zoneId: actor.zoneId, code: r.values.code as string })
        .returning();
      await record(tx, actor, { action: 'create', entity: 'foreign_capital', entityId: row.id, after: row });
      out.created++;
      continue;
    }
    if (prior.projectId === v.projectId && prior.arrivedOn === v.arrivedOn && prior.amountUsd === v.amountUsd) {
      out.unchanged++;
      continue;
    }
    const after = await updateVersioned(tx, foreignCapital, prior.id, undefined, v);
    await record(tx, actor, { action: 'update', entity: 'foreign_capital', entityId: prior.id, before: prior, after });
    out.updated++;
  }
  return out;
}

async function exportTable(tx: Tx): Promise<Table> {
  const { rows } = await tx.client.query<{ code: string; project: string; arrivedOn: string; amount: string }>(
    `SELECT f.code, p.code AS project, f.arrived_on AS "arrivedOn", f.amount_usd AS amount
       FROM investment_foreign_capital f JOIN investment_projects p ON p.id = f.project_id
      WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY f.arrived_on, f.code`,
  );
  return {
    sheetName: '外资到位登记',
    headers: HEADERS,
    rows: rows.map((r) => [r.code, r.project, dateCell(r.arrivedOn), amountCell(r.amount, 1e4)]),
  };
}

export const foreignCapitalLedger: LedgerDef<ForeignCapitalRow> = {
  name: 'foreign-capital',
  title: t('外资到位登记', 'Foreign capital utilised'),
  permissions: { import: 'investment.write', export: 'report.read' },
  tables: ['investment_foreign_capital'],
  parse,
  apply,
  export: exportTable,
  template: () => ({ sheetName: '外资到位登记', headers: HEADERS, rows: [] }),
};
