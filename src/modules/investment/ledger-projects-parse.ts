import {
  type Binding,
  bindColumns,
  type ColumnDef,
  type LedgerProblem,
  parseRow,
  type RowValues,
} from '../../ledger/columns.ts';
import type { CheckResult } from '../../ledger/ledger.ts';
import { rechunk, type SheetSource } from '../../ledger/read.ts';
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

/** What the writing pass needs from the whole file: a few entries per investor and per unit, none per row. */
export interface ProjectPlan {
  binding: Binding<typeof PROJECT_COLUMNS>;
  present: ReadonlySet<string>;
  /** Each investor once (by `companyKey`) in order of first appearance, with its first row's 500强 lists. */
  investors: Map<string, { name: string; uscc: string | null; lists: Top500List[] }>;
  /** Each 引荐单位 once: the index of its first data row and that row's channel (to adopt a new zone's units). */
  referrers: Map<string, { index: number; channel: string | null }>;
}

const hasNul = (values: object) =>
  Object.values(values).some((x) =>
    typeof x === 'string' ? x.includes('\u0000') : Array.isArray(x) && x.some((y) => y.includes('\u0000')),
  );

/** The checks that need earlier rows of the file (not the database), one row at a time. */
class CrossChecks {
  private readonly lists = new Map<string, { row: number; lists: string }>();
  private readonly codesByName = new Map<string, { row: number; uscc: string | null }>();
  private readonly codes = new Map<string, number>();

  constructor(
    private readonly headers: Record<string, string>,
    private readonly present: ReadonlySet<string>,
  ) {}

  /** Problems of one row, after its own cell problems (`found`): a cell already reported is not reported again. */
  row(r: ProjectLedgerRow, found: LedgerProblem[], problems: LedgerProblem[]) {
    const { headers } = this;
    const v = r.values;
    if (v.code !== null) {
      const first = this.codes.get(v.code);
      if (first !== undefined) {
        problems.push({
          row: r.rowNumber,
          column: headers.code,
          value: v.code,
          reason: t(`与第 ${first} 行重复`, `Repeats row ${first}`),
        });
      } else this.codes.set(v.code, r.rowNumber);
    }
    const push = (key: string, value: string, zh: string, en: string) => {
      if (!found.some((p) => p.column === headers[key]))
        problems.push({ row: r.rowNumber, column: headers[key], value, reason: t(zh, en) });
    };
    const stage = v.stage as Stage | null;
    if (stage && SIGNED_STAGES.includes(stage) && !v.signedOn) {
      push('signedOn', '', `阶段为“${STAGE_TEXT[stage]}”须填写签约日期`, `Required when the stage is ${stage}`);
    }
    if (stage === 'negotiating' && v.signedOn) {
      push('signedOn', v.signedOn, '在谈的项目尚未签约，不应有签约日期', 'A project in talks has no signing date');
    }
    if (v.event && !v.signedOn) {
      push('event', v.event, '签约活动须有签约日期', 'A signing event needs the signing date');
    }
    if (v.investor) {
      const seen = this.codesByName.get(v.investor);
      if (seen && v.uscc && seen.uscc && seen.uscc !== v.uscc) {
        push(
          'uscc',
          v.uscc,
          `与第 ${seen.row} 行同名企业的代码不一致`,
          `Differs from the same company on row ${seen.row}`,
        );
      } else if (!seen || (!seen.uscc && v.uscc)) this.codesByName.set(v.investor, { row: r.rowNumber, uscc: v.uscc });
      if (this.present.has('top500')) {
        const mine = [...(v.top500 ?? [])].sort().join(',');
        const first = this.lists.get(companyKey(v));
        if (first && first.lists !== mine) {
          push(
            'top500',
            (v.top500 ?? []).map((l) => TOP500_TEXT[l as Top500List]).join('、'),
            `与第 ${first.row} 行同一投资方的三类500强不一致`,
            `Differs from the same investor on row ${first.row}`,
          );
        } else if (!first) this.lists.set(companyKey(v), { row: r.rowNumber, lists: mine });
      }
    }
    if (hasNul(v)) problems.push(...nulProblems([r]));
  }
}

/** The rows of a file with their checked values, `size` at a time (the problems of each cell go to `problems`). */
export async function* projectRows(
  source: SheetSource,
  plan: Pick<ProjectPlan, 'binding' | 'present'>,
  size: number,
  problems: LedgerProblem[] = [],
): AsyncGenerator<ProjectLedgerRow[]> {
  const { binding, present } = plan;
  for await (const batch of rechunk(source.rows(), size)) {
    yield batch.map((r) => ({
      rowNumber: r.rowNumber,
      values: parseRow(binding, r, problems),
      headers: binding.headers,
      present,
    }));
  }
}

/**
 * The first pass: every cell and every check that needs only the file, one
 * row at a time, in the order the rows come (problems are listed by row).
 */
export async function check(source: SheetSource): Promise<CheckResult<ProjectPlan>> {
  const binding = bindColumns(source.headers, PROJECT_COLUMNS);
  const present = presentKeys(source, PROJECT_COLUMNS);
  const plan: ProjectPlan = { binding, present, investors: new Map(), referrers: new Map() };
  const problems: LedgerProblem[] = [...binding.problems];
  const cross = new CrossChecks(binding.headers, present);
  let rows = 0;
  if (binding.problems.length > 0) {
    for await (const batch of source.rows()) rows += batch.length;
    return { rows, problems, warnings: binding.warnings, plan };
  }
  for await (const batch of source.rows()) {
    for (const cells of batch) {
      const own: LedgerProblem[] = [];
      const r: ProjectLedgerRow = {
        rowNumber: cells.rowNumber,
        values: parseRow(binding, cells, own),
        headers: binding.headers,
        present,
      };
      problems.push(...own);
      cross.row(r, own, problems);
      const v = r.values;
      if (v.investor && !plan.investors.has(companyKey(v))) {
        plan.investors.set(companyKey(v), { name: v.investor, uscc: v.uscc, lists: (v.top500 ?? []) as Top500List[] });
      }
      if (v.referrer && !plan.referrers.has(v.referrer))
        plan.referrers.set(v.referrer, { index: rows, channel: v.channel });
      rows++;
    }
  }
  return { rows, problems, warnings: binding.warnings, plan };
}
