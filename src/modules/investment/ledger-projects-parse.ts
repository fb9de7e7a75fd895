import {
  type ColumnDef,
  duplicateKeys,
  type LedgerProblem,
  parseLedger,
  type RowValues,
} from '../../ledger/columns.ts';
import type { Sheet } from '../../ledger/read.ts';
import { t } from '../../server/lang.ts';
import { nulProblems, presentKeys } from './ledger-common.ts';
import { CHANNEL_TEXTS, lookup, SIGNED_STAGES, STAGE_TEXT, type Stage, TOP500_TEXT, type Top500List } from './vocab.ts';

/** 招商项目台账 (shared/spec/ledgers.md, `investment-projects`). */

export const PROJECT_COLUMNS = [
  { key: 'code', header: '项目编号', kind: { type: 'text', max: 64 }, required: true },
  { key: 'name', header: '项目名称', kind: { type: 'text', max: 200 }, required: true },
  { key: 'investor', header: '投资方', kind: { type: 'text', max: 200 }, required: true },
  { key: 'uscc', header: '统一社会信用代码', kind: { type: 'uscc' } },
  { key: 'top500', header: '三类500强', kind: { type: 'enumList', values: lookup(TOP500_TEXT) } },
  { key: 'industry', header: '所属行业', kind: { type: 'text', max: 100 } },
  { key: 'chain', header: '产业链', kind: { type: 'text', max: 100 } },
  { key: 'channel', header: '招商渠道', kind: { type: 'enum', values: lookup(CHANNEL_TEXTS) }, required: true },
  { key: 'referrer', header: '引荐单位', kind: { type: 'text', max: 100 } },
  { key: 'total', header: '总投资', kind: { type: 'money' }, required: true },
  { key: 'foreignUsd', header: '外资金额', kind: { type: 'usd' } },
  { key: 'stage', header: '阶段', kind: { type: 'enum', values: lookup(STAGE_TEXT) }, required: true },
  { key: 'signedOn', header: '签约日期', kind: { type: 'date' } },
  { key: 'event', header: '签约活动', kind: { type: 'text', max: 200 } },
  { key: 'person', header: '责任人', kind: { type: 'text', max: 50 } },
] as const satisfies readonly ColumnDef[];

export interface ProjectLedgerRow {
  rowNumber: number;
  values: RowValues<typeof PROJECT_COLUMNS>;
  headers: Record<string, string>;
  present: ReadonlySet<string>;
}

export const HEADERS = [
  '项目编号',
  '项目名称',
  '投资方',
  '统一社会信用代码',
  '三类500强',
  '所属行业',
  '产业链',
  '招商渠道',
  '引荐单位',
  '总投资(万元)',
  '外资金额(万美元)',
  '阶段',
  '签约日期',
  '签约活动',
  '责任人',
];

export const companyKey = (v: ProjectLedgerRow['values']) => (v.uscc ? `uscc:${v.uscc}` : `name:${v.investor}`);

/** Checks that need the whole file but not the database. */
function crossChecks(
  rows: ProjectLedgerRow[],
  headers: Record<string, string>,
  found: LedgerProblem[],
): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  // A cell already reported (e.g. an invalid date) is not reported again as missing.
  const seen = new Set(found.map((p) => `${p.row}\u0000${p.column}`));
  const push = (row: number, key: string, value: string, zh: string, en: string) => {
    if (!seen.has(`${row}\u0000${headers[key]}`))
      problems.push({ row, column: headers[key], value, reason: t(zh, en) });
  };
  const lists = new Map<string, { row: number; lists: string }>();
  const codesByName = new Map<string, { row: number; uscc: string | null }>();
  for (const r of rows) {
    const v = r.values;
    const stage = v.stage as Stage | null;
    if (stage && SIGNED_STAGES.includes(stage) && !v.signedOn) {
      push(
        r.rowNumber,
        'signedOn',
        '',
        `阶段为“${STAGE_TEXT[stage]}”须填写签约日期`,
        `Required when the stage is ${stage}`,
      );
    }
    if (stage === 'negotiating' && v.signedOn) {
      push(
        r.rowNumber,
        'signedOn',
        v.signedOn,
        '在谈的项目尚未签约，不应有签约日期',
        'A project in talks has no signing date',
      );
    }
    if (v.event && !v.signedOn) {
      push(r.rowNumber, 'event', v.event, '签约活动须有签约日期', 'A signing event needs the signing date');
    }
    if (!v.investor) continue;
    const seen = codesByName.get(v.investor);
    if (seen && v.uscc && seen.uscc && seen.uscc !== v.uscc) {
      push(
        r.rowNumber,
        'uscc',
        v.uscc,
        `与第 ${seen.row} 行同名企业的代码不一致`,
        `Differs from the same company on row ${seen.row}`,
      );
    } else if (!seen || (!seen.uscc && v.uscc)) codesByName.set(v.investor, { row: r.rowNumber, uscc: v.uscc });
    if (r.present.has('top500')) {
      const mine = [...(v.top500 ?? [])].sort().join(',');
      const first = lists.get(companyKey(v));
      if (first && first.lists !== mine) {
        push(
          r.rowNumber,
          'top500',
          (v.top500 ?? []).map((l) => TOP500_TEXT[l as Top500List]).join('、'),
          `与第 ${first.row} 行同一投资方的三类500强不一致`,
          `Differs from the same investor on row ${first.row}`,
        );
      } else if (!first) lists.set(companyKey(v), { row: r.rowNumber, lists: mine });
    }
  }
  return problems;
}

export function parse(sheet: Sheet) {
  const parsed = parseLedger(sheet, PROJECT_COLUMNS);
  const present = presentKeys(sheet, PROJECT_COLUMNS);
  const rows: ProjectLedgerRow[] = parsed.rows.map((r) => ({ ...r, present }));
  if (parsed.problems.some((p) => p.row === 1)) return { rows, problems: parsed.problems, warnings: parsed.warnings };
  const problems = [
    ...parsed.problems,
    ...duplicateKeys(rows, (r) => r.values.code, parsed.headers.code),
    ...crossChecks(rows, parsed.headers, parsed.problems),
    ...nulProblems(rows),
  ].sort((a, b) => a.row - b.row);
  return { rows, problems, warnings: parsed.warnings };
}
