import Decimal from 'decimal.js';

/** Units a ledger header may name; the factor turns a cell into 元 (or US dollars). */
export const MONEY_UNITS = { 元: 1, 万元: 1e4, 亿元: 1e8 } as const;
export const USD_UNITS = { 美元: 1, 万美元: 1e4 } as const;
export type MoneyUnit = keyof typeof MONEY_UNITS;
export type UsdUnit = keyof typeof USD_UNITS;

const NUMBER = /^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

export type AmountResult =
  | { ok: true; value: string }
  | { ok: false; reason: 'not_a_number' | 'negative' | 'sub_cent' };

/**
 * Parses a cell (text with optional thousands separators, or a spreadsheet number)
 * in `factor` units into an exact amount with two decimals, e.g. '20,000.00' 万元 → '200000000.00'.
 */
export function parseAmount(
  cell: string | number,
  factor: number,
  opts: { allowNegative?: boolean } = {},
): AmountResult {
  let text: string;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { ok: false, reason: 'not_a_number' };
    // The shortest round-trip form of a spreadsheet double is the decimal the user typed.
    text = String(cell);
    if (/e/i.test(text)) text = new Decimal(cell).toFixed();
  } else {
    text = cell.trim().replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    text = text.replace(/[\uFF0C]/g, ',').replace(/\uFF0E/g, '.');
    if (!NUMBER.test(text)) return { ok: false, reason: 'not_a_number' };
    text = text.replace(/,/g, '');
  }
  const value = new Decimal(text).times(factor);
  if (value.isNegative() && !value.isZero() && !opts.allowNegative) return { ok: false, reason: 'negative' };
  if (!value.times(100).isInteger()) return { ok: false, reason: 'sub_cent' };
  return { ok: true, value: value.toFixed(2) };
}

/** Exact sum of decimal strings, two decimals. */
export function sumAmounts(values: readonly (string | null | undefined)[]): string {
  let s = new Decimal(0);
  for (const v of values) if (v) s = s.plus(v);
  return s.toFixed(2);
}

/** An amount in 元 shown in the unit the user picked, without losing digits. */
export function inUnit(yuan: string, unit: MoneyUnit | UsdUnit): string {
  const factor = unit in MONEY_UNITS ? MONEY_UNITS[unit as MoneyUnit] : USD_UNITS[unit as UsdUnit];
  return new Decimal(yuan).dividedBy(factor).toFixed();
}

/** 以上 includes the number itself (Civil Code art. 1259): is `amount` ≥ `threshold`? */
export const atLeast = (amount: string, threshold: string): boolean => new Decimal(amount).gte(threshold);

/** a ÷ b as a JS number for rates; 0 when b is 0. */
export function rate(a: string, b: string): number {
  const d = new Decimal(b);
  return d.isZero() ? 0 : new Decimal(a).dividedBy(d).toNumber();
}
