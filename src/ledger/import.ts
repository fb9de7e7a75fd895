import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { inZone } from '../db/tx.ts';
import { record } from '../modules/audit/service.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { t } from '../server/lang.ts';
import type { LedgerProblem } from './columns.ts';
import type { CheckResult, LedgerDef, StreamingLedger } from './ledger.ts';
import { openSheet, type Sheet, type SheetSource, UnreadableFile } from './read.ts';

export interface ImportOutcome {
  ok: boolean;
  ledger: string;
  filename: string;
  sha256: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: LedgerProblem[];
  warnings: LedgerProblem[];
}

class Rollback extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('rollback');
  }
}

/** A whole-file ledger as a streaming one: the rows are collected, then parsed and applied as before. */
function streamingOf<R>(def: LedgerDef<R>): StreamingLedger<unknown> {
  if (def.stream) return def.stream as StreamingLedger<unknown>;
  const { parse, apply } = def;
  return {
    async check(source) {
      const rows: Sheet['rows'] = [];
      for await (const batch of source.rows()) rows.push(...batch);
      const parsed = parse({ headers: source.headers, rows });
      return { rows: rows.length, problems: parsed.problems, warnings: parsed.warnings, plan: parsed.rows };
    },
    write: (tx, actor, _source, plan, opts) => apply(tx, actor, plan as R[], opts),
  };
}

/**
 * Imports a whole file or nothing: every row is checked first, then written in
 * one transaction that rolls back on any problem (or always, for a preview).
 * When the first pass finds problems, the second still checks the rows
 * against the database, writing nothing, so every problem is listed at once.
 */
export async function importLedger<R>(
  database: Database,
  actor: Actor,
  def: LedgerDef<R>,
  file: { data: Buffer; filename: string },
  opts: { dryRun?: boolean } = {},
): Promise<ImportOutcome> {
  const base: ImportOutcome = {
    ok: false,
    ledger: def.name,
    filename: file.filename,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    dryRun: opts.dryRun ?? false,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    problems: [],
    warnings: [],
  };
  const ledger = streamingOf(def);
  let source: SheetSource;
  let checked: CheckResult<unknown>;
  try {
    source = await openSheet(file.data, file.filename);
    checked = await ledger.check(source);
  } catch (err) {
    if (!(err instanceof UnreadableFile)) throw err;
    const reason = t(`无法读取文件：${err.message}`, `Cannot read the file: ${err.message}`);
    return { ...base, problems: [{ row: 0, column: '', value: file.filename, reason }] };
  }
  const outcome = { ...base, rows: checked.rows, warnings: checked.warnings };
  // A header problem leaves no columns to read the rows by: nothing more to check.
  if (checked.problems.some((p) => p.row <= 1)) return { ...outcome, problems: checked.problems };
  if (checked.rows === 0) {
    return {
      ...outcome,
      problems: [{ row: 2, column: '', value: '', reason: t('文件中没有数据行', 'The file has no data rows') }],
    };
  }
  // With problems in the cells nothing will be written, but the database's own checks still run over
  // the rows, so that one answer lists every problem (the transaction only reads, and rolls back).
  const checkOnly = checked.problems.length > 0;
  let done: ImportOutcome;
  try {
    done = await inZone(database, actor.zoneId, async (tx) => {
      const res = await ledger.write(tx, actor, source, checked.plan, { checkOnly });
      const problems = [...checked.problems, ...res.problems].sort((a, b) => a.row - b.row);
      const done = checkOnly
        ? { ...outcome, problems, ok: false }
        : { ...outcome, ...res, problems, ok: problems.length === 0 };
      if (!done.ok || done.dryRun) throw new Rollback(done);
      await tx.client.query(
        `INSERT INTO ledger_imports (zone_id, ledger, filename, sha256, actor_id, actor_name, rows, created, updated, unchanged, warnings)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          actor.zoneId,
          def.name,
          file.filename.slice(0, 300),
          done.sha256,
          actor.userId,
          actor.displayName,
          done.rows,
          done.created,
          done.updated,
          done.unchanged,
          JSON.stringify(done.warnings),
        ],
      );
      await record(tx, actor, {
        action: 'import',
        entity: 'ledger',
        entityId: def.name,
        after: {
          filename: done.filename,
          sha256: done.sha256,
          created: done.created,
          updated: done.updated,
          unchanged: done.unchanged,
        },
      });
      return done;
    });
  } catch (err) {
    if (err instanceof Rollback) return err.outcome;
    throw err;
  }
  await analyzeAfterImport(database, [...def.tables, 'audit_log'], done.created + done.updated);
  return done;
}

/**
 * Refreshes the planner's statistics of the tables an import wrote, once it
 * has committed. The embedded database never analyzes by itself (no
 * autovacuum; BENCHMARKS.md, "Statistics"), and a bulk load leaves its plans
 * guessing. A table is analyzed when the import wrote more rows than
 * autovacuum's own threshold (50 + 10 % of the table), or was never analyzed.
 * It runs as the connection's own user, not the zone role: only a table's
 * owner may analyze it, and anyone else gets a warning, not an error. The
 * import has committed by now, so a failure here is logged and nothing more.
 */
export async function analyzeAfterImport(database: Database, tables: readonly string[], written: number) {
  if (written === 0) return;
  try {
    const { rows } = await database.pool.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class
        WHERE relname = ANY($1::text[]) AND relkind = 'r' AND relnamespace = current_schema()::regnamespace
          AND (reltuples < 0 OR $2 > 50 + 0.1 * reltuples)`,
      [tables, written],
    );
    if (rows.length > 0) await database.pool.query(`ANALYZE ${rows.map((r) => r.name).join(', ')}`);
  } catch (err) {
    console.error(`ANALYZE after a ledger import failed: ${(err as Error).message}`);
  }
}

/** Problems as lines for a terminal, in one language. */
export function problemLines(problems: LedgerProblem[], lang: 'zh-CN' | 'en'): string[] {
  return problems.map((p) => {
    const where = lang === 'zh-CN' ? (p.row > 0 ? `第 ${p.row} 行` : '文件') : p.row > 0 ? `row ${p.row}` : 'file';
    const value = p.value ? ` “${p.value}”` : '';
    return `${where}${p.column ? `, ${p.column}` : ''}${value}: ${p.reason[lang]}`;
  });
}
