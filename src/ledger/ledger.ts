import type { Permission } from '../core/policy.ts';
import type { Tx } from '../db/tx.ts';
import type { Actor } from '../modules/auth/actor.ts';
import type { Text } from '../server/lang.ts';
import type { LedgerProblem } from './columns.ts';
import type { Sheet, SheetSource } from './read.ts';
import type { Table } from './xlsx.ts';

/**
 * How the writing pass runs. With `checkOnly` the file already has problems
 * of its own, so nothing will be written: the pass only looks up what needs
 * the database (unknown keys and names, clashes with stored records) for the
 * rows, so that the answer lists every problem at once. A cell with a
 * problem reaches it as null.
 */
export interface WriteOptions {
  checkOnly: boolean;
}

export interface ApplyResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Problems only the database can see (unknown keys, names); any one rolls the import back. */
  problems: LedgerProblem[];
}

export interface CheckResult<P> {
  /** Data rows in the file. */
  rows: number;
  /** Any one means nothing is written. */
  problems: LedgerProblem[];
  warnings: LedgerProblem[];
  /** What the writing pass needs from the whole file (kept small: no per-row objects). */
  plan: P;
}

/**
 * A ledger read in two passes over the file, so that a large one is never
 * held whole: `check` reads every row without the database, `write` reads
 * them again inside the import's transaction and writes them as it goes
 * (or, when `check` found problems, only checks them against the database).
 */
export interface StreamingLedger<P> {
  check(source: SheetSource): Promise<CheckResult<P>>;
  write(tx: Tx, actor: Actor, source: SheetSource, plan: P, opts: WriteOptions): Promise<ApplyResult>;
}

interface LedgerBase {
  name: string;
  title: Text;
  /** Who may import (and download the template) and who may export. */
  permissions: { import: Permission; export: Permission };
  /** The tables an import writes besides audit_log and ledger_imports (analyzed after a large import). */
  tables: readonly string[];
  /** The zone's records in the import shape: export → import changes nothing. */
  export(tx: Tx): Promise<Table>;
  /** An empty file with the headers, for people to fill in. */
  template(): Table;
}

/**
 * A spreadsheet ledger of shared/spec/ledgers.md: how its rows are checked,
 * written and exported. Each module defines its own in `ledger*.ts`: either
 * whole-file (`parse` then `apply` on the rows in memory, for ledgers that
 * stay small) or streaming (`stream`).
 */
export type LedgerDef<R> = LedgerBase &
  (
    | {
        /** Checks the file without the database; `problems` non-empty means nothing is written. */
        parse(sheet: Sheet): { rows: R[]; problems: LedgerProblem[]; warnings: LedgerProblem[] };
        apply(tx: Tx, actor: Actor, rows: R[], opts: WriteOptions): Promise<ApplyResult>;
        stream?: undefined;
      }
    | { stream: StreamingLedger<R> }
  );
