import type { z } from 'zod';
import type { Permission } from '../core/policy.ts';
import type { Tx } from '../db/tx.ts';
import type { Table } from '../ledger/xlsx.ts';
import type { Text } from '../server/lang.ts';

export interface ReportZone {
  id: string;
  code: string;
  name: string;
}

/**
 * A report of shared/spec/reports.md: one function computes it from the
 * records (SQL), and the CLI, the API and the dashboards all call it.
 */
export interface ReportDef<O> {
  name: string;
  title: Text;
  permission: Permission;
  /** Options from the CLI flags or the query string, e.g. {from, to} or {year, through}. */
  options: z.ZodType<O>;
  run(tx: Tx, zone: ReportZone, options: O): Promise<unknown>;
  /** The same figures as a sheet, for --format xlsx. */
  toTable?(result: unknown): Table;
}
