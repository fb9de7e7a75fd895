import type { Tx } from '../../db/tx.ts';
import { type ColumnDef, duplicateKeys, type LedgerProblem, parseLedger } from '../../ledger/columns.ts';
import type { LedgerDef, WriteOptions } from '../../ledger/ledger.ts';
import type { Sheet } from '../../ledger/read.ts';
import { t } from '../../server/lang.ts';
import type { Actor } from '../auth/actor.ts';
import { projectsActedOn } from './access.ts';
import { monthOf, today } from './common.ts';
import { presentKeys, wanCell } from './ledger-common.ts';
import { writeReport } from './reports.ts';

/** 重大项目月报 (`major-project-progress`): one row per project and month (shared/spec/ledgers.md). */

const COLUMNS = [
  { key: 'key', header: '项目编号', kind: { type: 'text', max: 64 }, required: true },
  { key: 'month', header: '填报月份', kind: { type: 'month' }, required: true },
  { key: 'completed', header: '本月完成投资', kind: { type: 'money' }, required: true },
  { key: 'progress', header: '形象进度', kind: { type: 'text', max: 2000 } },
  { key: 'problems', header: '存在问题', kind: { type: 'text', max: 2000 } },
] as const satisfies readonly ColumnDef[];

export interface ProgressRow {
  rowNumber: number;
  headers: Record<string, string>;
  key: string;
  month: string;
  completed: string;
  progress: string | null;
  problems: string | null;
}

function parse(sheet: Sheet) {
  const parsed = parseLedger(sheet, COLUMNS);
  const present = presentKeys(sheet, COLUMNS);
  const problems: LedgerProblem[] = [...parsed.problems];
  const current = monthOf(today());
  const rows: ProgressRow[] = parsed.rows.map((r) => {
    const v = r.values;
    if (v.month && v.month > current) {
      problems.push({
        row: r.rowNumber,
        column: r.headers.month,
        value: v.month,
        reason: t('不能填报未来月份', 'Cannot report a future month'),
      });
    }
    return {
      rowNumber: r.rowNumber,
      headers: r.headers,
      key: v.key ?? '',
      month: v.month ?? '',
      completed: v.completed ?? '0.00',
      // An absent column keeps what is stored; an empty cell clears it.
      progress: present.has('progress') ? (v.progress ?? '') : null,
      problems: present.has('problems') ? (v.problems ?? '') : null,
    };
  });
  problems.push(...duplicateKeys(rows, (r) => (r.key && r.month ? `${r.key} · ${r.month}` : null), parsed.headers.key));
  problems.sort((a, b) => a.row - b.row);
  return { rows, problems, warnings: parsed.warnings };
}

async function apply(tx: Tx, actor: Actor, all: ProgressRow[], opts: WriteOptions) {
  // With problems in the file, a row whose key cell did not parse has nothing to look up.
  const rows = all.filter((r) => r.key !== '');
  const { rows: found } = await tx.client.query<{ id: string; key: string }>(
    'SELECT id, key FROM major_projects WHERE zone_id = $1 AND deleted_at IS NULL AND key = ANY ($2::text[])',
    [actor.zoneId, [...new Set(rows.map((r) => r.key))]],
  );
  const ids = new Map(found.map((f) => [f.key, f.id]));
  const mine = await projectsActedOn(tx, actor, [...ids.values()]);
  const problems: LedgerProblem[] = [];
  for (const r of rows) {
    const id = ids.get(r.key);
    if (!id || !mine.has(id)) {
      problems.push({
        row: r.rowNumber,
        column: r.headers.key,
        value: r.key,
        reason: !id
          ? t('本园区没有此编号的重大项目', 'No major project of the zone has this key')
          : t(
              '只能填报本部门负责或参与专班的项目',
              'You may report only on projects your department is responsible for or sits on the task force of',
            ),
      });
    }
  }
  if (problems.length > 0 || opts.checkOnly) return { created: 0, updated: 0, unchanged: 0, problems };
  const { rows: stored } = await tx.client.query<{ key: string; month: string; progress: string; problems: string }>(
    `SELECT p.key, to_char(r.month, 'YYYY-MM') AS month, r.progress, r.problems
       FROM major_project_reports r JOIN major_projects p ON p.id = r.project_id
      WHERE r.project_id = ANY ($1::uuid[])`,
    [[...ids.values()]],
  );
  const kept = new Map(stored.map((s) => [`${s.key} · ${s.month}`, s]));
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const r of rows) {
    const old = kept.get(`${r.key} · ${r.month}`);
    const res = await writeReport(
      tx,
      actor,
      ids.get(r.key) as string,
      r.month,
      {
        completed: r.completed,
        progress: r.progress ?? old?.progress ?? '',
        problems: r.problems ?? old?.problems ?? '',
      },
      { source: 'ledger' },
    );
    counts[res.outcome]++;
  }
  return { ...counts, problems };
}

const HEADERS = ['项目编号', '填报月份', '本月完成投资(万元)', '形象进度', '存在问题'];

async function exportRows(tx: Tx) {
  const { rows } = await tx.client.query<{
    key: string;
    month: string;
    completed: string;
    progress: string;
    problems: string;
  }>(
    `SELECT p.key, to_char(r.month, 'YYYY-MM') AS month, r.completed, r.progress, r.problems
       FROM major_project_reports r JOIN major_projects p ON p.id = r.project_id AND p.deleted_at IS NULL
      WHERE r.zone_id = $1
      ORDER BY p.key, r.month`,
    [tx.zoneId],
  );
  return {
    sheetName: '重大项目月报',
    headers: HEADERS,
    rows: rows.map((r) => [r.key, r.month, wanCell(r.completed), r.progress || null, r.problems || null]),
  };
}

export const majorProjectProgressLedger: LedgerDef<ProgressRow> = {
  name: 'major-project-progress',
  title: t('重大项目月报', 'Major projects: monthly progress'),
  permissions: { import: 'major.write', export: 'report.read' },
  tables: [
    'major_project_reports',
    'major_project_report_revisions',
    'major_project_issues',
    'major_project_issue_steps',
  ],
  parse,
  apply,
  export: exportRows,
  template: () => ({ sheetName: '重大项目月报', headers: HEADERS, rows: [] }),
};
