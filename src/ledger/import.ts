import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { inZone } from '../db/tx.ts';
import { record } from '../modules/audit/service.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { t } from '../server/lang.ts';
import type { LedgerProblem } from './columns.ts';
import type { LedgerDef } from './ledger.ts';
import { readSheet, UnreadableFile } from './read.ts';

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

/**
 * Imports a whole file or nothing: every row is checked first, then written in
 * one transaction that rolls back on any problem (or always, for a preview).
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
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(file.data, file.filename);
  } catch (err) {
    if (!(err instanceof UnreadableFile)) throw err;
    const reason = t(`无法读取文件：${err.message}`, `Cannot read the file: ${err.message}`);
    return { ...base, problems: [{ row: 0, column: '', value: file.filename, reason }] };
  }
  const parsed = def.parse(sheet);
  const outcome = { ...base, rows: sheet.rows.length, warnings: parsed.warnings };
  if (parsed.problems.length > 0) return { ...outcome, problems: parsed.problems };
  if (sheet.rows.length === 0) {
    return {
      ...outcome,
      problems: [{ row: 2, column: '', value: '', reason: t('文件中没有数据行', 'The file has no data rows') }],
    };
  }
  try {
    return await inZone(database, actor.zoneId, async (tx) => {
      const res = await def.apply(tx, actor, parsed.rows);
      const done = { ...outcome, ...res, ok: res.problems.length === 0 };
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
}

/** Problems as lines for a terminal, in one language. */
export function problemLines(problems: LedgerProblem[], lang: 'zh-CN' | 'en'): string[] {
  return problems.map((p) => {
    const where = lang === 'zh-CN' ? (p.row > 0 ? `第 ${p.row} 行` : '文件') : p.row > 0 ? `row ${p.row}` : 'file';
    const value = p.value ? ` “${p.value}”` : '';
    return `${where}${p.column ? `, ${p.column}` : ''}${value}: ${p.reason[lang]}`;
  });
}
