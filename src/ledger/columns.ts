import { parseDate, parseMonth } from '../core/dates.ts';
import { MONEY_UNITS, parseAmount, USD_UNITS } from '../core/money.ts';
import { isValidUscc } from '../core/uscc.ts';
import { type Text, t } from '../server/lang.ts';
import type { Cell, Sheet, SheetRow } from './read.ts';

/** One problem in a file: where it is as the spreadsheet shows it, and why. */
export interface LedgerProblem {
  row: number;
  column: string;
  value: string;
  reason: Text;
}

export type ColumnKind =
  | { type: 'text'; max?: number }
  | { type: 'money' }
  | { type: 'usd' }
  | { type: 'date' }
  | { type: 'month' }
  | { type: 'int'; min?: number; max?: number }
  | { type: 'enum'; values: Readonly<Record<string, string>> }
  | { type: 'enumList'; values: Readonly<Record<string, string>> }
  | { type: 'uscc' };

export interface ColumnDef {
  key: string;
  /** The header without its unit, e.g. 总投资 for 总投资(万元). */
  header: string;
  kind: ColumnKind;
  required?: boolean;
}

type ValueOf<K extends ColumnKind> = K extends { type: 'int' }
  ? number
  : K extends { type: 'enumList' }
    ? string[]
    : string;
export type RowValues<C extends readonly ColumnDef[]> = { [D in C[number] as D['key']]: ValueOf<D['kind']> | null };

export interface ParsedRow<C extends readonly ColumnDef[]> {
  rowNumber: number;
  values: RowValues<C>;
  /** The header as written in the file, per key, to name columns in problems. */
  headers: Record<string, string>;
}

/** Trims, folds full-width brackets and drops inner spaces, so 总投资（万元） matches 总投资(万元). */
export const normalizeHeader = (h: string) => h.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');

const UNIT = /^(.*)\(([^()]+)\)$/;
export const LIST_SEPARATORS = /[、,，;；]/;

export function cellText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

interface Bound {
  def: ColumnDef;
  index: number;
  written: string;
  factor: number;
}

/** Finds each defined column in the header row; unknown headers become warnings. */
function bindHeaders(
  sheetHeaders: readonly string[],
  columns: readonly ColumnDef[],
  problems: LedgerProblem[],
  warnings: LedgerProblem[],
) {
  const bound = new Map<string, Bound>();
  sheetHeaders.forEach((raw, index) => {
    const h = normalizeHeader(raw ?? '');
    if (h === '') return;
    const unitMatch = UNIT.exec(h);
    const base = unitMatch ? unitMatch[1] : h;
    const unit = unitMatch ? unitMatch[2] : null;
    const def = columns.find((c) => c.header === base) ?? columns.find((c) => c.header === h);
    if (!def) {
      warnings.push({ row: 1, column: raw, value: '', reason: t('未识别的列，已忽略', 'Unknown column, ignored') });
      return;
    }
    if (bound.has(def.key)) {
      problems.push({ row: 1, column: raw, value: '', reason: t('该列重复出现', 'This column appears twice') });
      return;
    }
    let factor = 1;
    if (def.kind.type === 'money' || def.kind.type === 'usd') {
      const units: Record<string, number> = def.kind.type === 'money' ? MONEY_UNITS : USD_UNITS;
      const names = Object.keys(units).join('、');
      if (unit === null || !(unit in units)) {
        problems.push({
          row: 1,
          column: raw,
          value: '',
          reason: t(`金额列须在表头注明单位：${names}`, `A money header must name its unit: ${names}`),
        });
        return;
      }
      factor = units[unit];
    }
    bound.set(def.key, { def, index, written: raw.trim(), factor });
  });
  for (const c of columns) {
    if (c.required && !bound.has(c.key)) {
      problems.push({ row: 1, column: c.header, value: '', reason: t('缺少必填列', 'Required column is missing') });
    }
  }
  return bound;
}

const AMOUNT_REASONS = {
  not_a_number: t('不是有效的数字', 'Not a number'),
  negative: t('不能为负数', 'Must not be negative'),
  sub_cent: t('金额精度超过分', 'More precise than a cent'),
};

function parseCell(
  b: Bound,
  cell: Cell,
): { ok: true; value: string | number | string[] } | { ok: false; reason: Text } {
  const k = b.def.kind;
  const text = cellText(cell);
  switch (k.type) {
    case 'text': {
      const max = k.max ?? 500;
      return text.length > max
        ? { ok: false, reason: t(`不能超过 ${max} 个字`, `At most ${max} characters`) }
        : { ok: true, value: text };
    }
    case 'money':
    case 'usd': {
      const r = parseAmount(typeof cell === 'number' ? cell : text, b.factor);
      return r.ok ? { ok: true, value: r.value } : { ok: false, reason: AMOUNT_REASONS[r.reason] };
    }
    case 'date': {
      const d = cell instanceof Date || typeof cell === 'number' ? parseDate(cell) : parseDate(text);
      return d
        ? { ok: true, value: d }
        : { ok: false, reason: t('不是有效日期（如 2024-03-15）', 'Not a valid date (e.g. 2024-03-15)') };
    }
    case 'month': {
      const m = cell instanceof Date || typeof cell === 'number' ? parseMonth(cell) : parseMonth(text);
      return m
        ? { ok: true, value: m }
        : { ok: false, reason: t('不是有效月份（如 2024-03）', 'Not a valid month (e.g. 2024-03)') };
    }
    case 'int': {
      const n = Number(text);
      if (!/^-?\d+$/.test(text) || n < (k.min ?? -1e9) || n > (k.max ?? 1e9)) {
        return { ok: false, reason: t('不是有效的整数', 'Not a valid whole number') };
      }
      return { ok: true, value: n };
    }
    case 'enum': {
      const v = k.values[text];
      return v
        ? { ok: true, value: v }
        : {
            ok: false,
            reason: t(
              `可选值：${Object.keys(k.values).join('、')}`,
              `Expected one of: ${Object.keys(k.values).join(', ')}`,
            ),
          };
    }
    case 'enumList': {
      const out: string[] = [];
      for (const part of text
        .split(LIST_SEPARATORS)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const v = k.values[part];
        if (!v)
          return {
            ok: false,
            reason: t(
              `“${part}”不可识别，可选：${Object.keys(k.values).join('、')}`,
              `"${part}" is not one of: ${Object.keys(k.values).join(', ')}`,
            ),
          };
        if (!out.includes(v)) out.push(v);
      }
      return { ok: true, value: out };
    }
    case 'uscc': {
      const code = text.toUpperCase();
      return isValidUscc(code)
        ? { ok: true, value: code }
        : {
            ok: false,
            reason: t(
              '统一社会信用代码无效（校验位不符或格式错误）',
              'Invalid unified social credit code (check character or format)',
            ),
          };
    }
  }
}

/** A file's header row bound to a ledger's columns: where each column is, and the header problems. */
export interface Binding<C extends readonly ColumnDef[]> {
  columns: C;
  bound: Map<string, Bound>;
  /** The header as written in the file, per key, to name columns in problems. */
  headers: Record<string, string>;
  problems: LedgerProblem[];
  warnings: LedgerProblem[];
}

export function bindColumns<const C extends readonly ColumnDef[]>(
  sheetHeaders: readonly string[],
  columns: C,
): Binding<C> {
  const problems: LedgerProblem[] = [];
  const warnings: LedgerProblem[] = [];
  const bound = bindHeaders(sheetHeaders, columns, problems, warnings);
  const headers: Record<string, string> = {};
  for (const c of columns) headers[c.key] = bound.get(c.key)?.written ?? c.header;
  return { columns, bound, headers, problems, warnings };
}

/** Checks every cell of one row against the columns; problems are added to `problems`. */
export function parseRow<C extends readonly ColumnDef[]>(
  b: Binding<C>,
  r: SheetRow,
  problems: LedgerProblem[],
): RowValues<C> {
  const values: Record<string, unknown> = {};
  for (const c of b.columns) {
    const at = b.bound.get(c.key);
    const cell = at ? (r.cells[at.index] ?? null) : null;
    if (cell === null || cellText(cell) === '') {
      values[c.key] = null;
      if (c.required && at)
        problems.push({ row: r.rowNumber, column: at.written, value: '', reason: t('必填', 'Required') });
      continue;
    }
    const res = parseCell(at as Bound, cell);
    if (res.ok) values[c.key] = res.value;
    else {
      values[c.key] = null;
      problems.push({ row: r.rowNumber, column: (at as Bound).written, value: cellText(cell), reason: res.reason });
    }
  }
  return values as RowValues<C>;
}

/**
 * Checks every cell of every row against the columns; returns the typed rows
 * (one per sheet row, in order) and every problem found (the caller imports
 * nothing when there is one).
 */
export function parseLedger<const C extends readonly ColumnDef[]>(sheet: Sheet, columns: C) {
  const b = bindColumns(sheet.headers, columns);
  const { problems, warnings, headers } = b;
  const rows: ParsedRow<C>[] = [];
  if (problems.length > 0) return { rows, problems, warnings, headers, binding: b };
  for (const r of sheet.rows) rows.push({ rowNumber: r.rowNumber, values: parseRow(b, r, problems), headers });
  return { rows, problems, warnings, headers, binding: b };
}

/** Reports rows that repeat a key already seen in the same file. */
export function duplicateKeys<R extends { rowNumber: number }>(
  rows: R[],
  keyOf: (r: R) => string | null,
  column: string,
): LedgerProblem[] {
  const seen = new Map<string, number>();
  const out: LedgerProblem[] = [];
  for (const r of rows) {
    const k = keyOf(r);
    if (k === null) continue;
    const first = seen.get(k);
    if (first !== undefined) {
      out.push({ row: r.rowNumber, column, value: k, reason: t(`与第 ${first} 行重复`, `Repeats row ${first}`) });
    } else seen.set(k, r.rowNumber);
  }
  return out;
}
