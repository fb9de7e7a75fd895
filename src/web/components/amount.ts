/**
 * Amounts for display and input. The API sends decimal strings in 元; the
 * page shows them in 万元 or 亿元 by moving the decimal point on the digits
 * (BigInt, never binary floats), and turns what a user types in 万元 back
 * into 元 the same way. Nothing here adds or divides figures.
 */

export type AmountUnit = 'yuan' | 'wan' | 'yi';
const PLACES: Record<AmountUnit, number> = { yuan: 0, wan: 4, yi: 8 };
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parse(s: string): { neg: boolean; digits: bigint; scale: number } | null {
  const m = DECIMAL.exec(s.trim().replace(/,/g, ''));
  if (!m) return null;
  const frac = m[3] ?? '';
  return { neg: m[1] === '-', digits: BigInt(m[2] + frac), scale: frac.length };
}

function render(neg: boolean, n: bigint, decimals: number, group: boolean): string {
  const s = n.toString().padStart(decimals + 1, '0');
  let int = decimals ? s.slice(0, -decimals) : s;
  const frac = decimals ? s.slice(-decimals) : '';
  if (group) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = neg && n !== 0n ? '-' : '';
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** A decimal string divided by 10^places, rounded half up to `decimals` places. */
export function shiftDown(value: string, places: number, decimals = 2, group = true): string {
  const p = parse(value);
  if (!p) return value;
  const drop = p.scale + places - decimals;
  let n = p.digits;
  if (drop > 0) {
    const div = 10n ** BigInt(drop);
    n = (n + div / 2n) / div;
  } else if (drop < 0) {
    n *= 10n ** BigInt(-drop);
  }
  return render(p.neg, n, decimals, group);
}

/** An amount in 元 (decimal string from the API) shown in the unit, e.g. "22089990000.00" → "2,208,999.00" 万元. */
export function formatAmount(yuan: string | null | undefined, unit: AmountUnit = 'wan', decimals = 2): string {
  if (yuan === null || yuan === undefined || yuan === '') return '';
  return shiftDown(yuan, PLACES[unit], decimals);
}

/** What a user typed in the unit, as 元 with two decimals for the API; null when it is not a number ≥ 0 or has finer than 分. */
export function toYuan(input: string | number | null | undefined, unit: AmountUnit = 'wan'): string | null {
  if (input === null || input === undefined) return null;
  const p = parse(String(input));
  if (!p || p.neg) return null;
  const places = PLACES[unit];
  const extra = p.scale - places - 2;
  if (extra > 0) {
    // More decimals than 分: refuse rather than round money the user typed.
    if (p.digits % 10n ** BigInt(extra) !== 0n) return null;
    return render(false, p.digits / 10n ** BigInt(extra), 2, false);
  }
  return render(false, p.digits * 10n ** BigInt(-extra), 2, false);
}

/** A rate the API computed (a fraction) as a percentage, e.g. 0.833 → "83.3%". */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}
