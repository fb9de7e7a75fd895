import type { Permission } from '../core/policy.ts';
import type { Tx } from '../db/tx.ts';
import type { Actor } from '../modules/auth/actor.ts';
import type { Text } from '../server/lang.ts';
import type { LedgerProblem } from './columns.ts';
import type { Sheet } from './read.ts';
import type { Table } from './xlsx.ts';

export interface ApplyResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Problems only the database can see (unknown keys, names); any one rolls the import back. */
  problems: LedgerProblem[];
}

/**
 * A spreadsheet ledger of shared/spec/ledgers.md: how its rows are checked,
 * written and exported. Each module defines its own in `ledger.ts`.
 */
export interface LedgerDef<R> {
  name: string;
  title: Text;
  /** Who may import (and download the template) and who may export. */
  permissions: { import: Permission; export: Permission };
  /** Checks the file without the database; `problems` non-empty means nothing is written. */
  parse(sheet: Sheet): { rows: R[]; problems: LedgerProblem[]; warnings: LedgerProblem[] };
  apply(tx: Tx, actor: Actor, rows: R[]): Promise<ApplyResult>;
  /** The zone's records in the import shape: export → import changes nothing. */
  export(tx: Tx): Promise<Table>;
  /** An empty file with the headers, for people to fill in. */
  template(): Table;
}
