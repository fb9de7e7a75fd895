import { type AmountUnit, shiftDown, toYuan } from '../../components/amount.ts';

/**
 * Amount fields of the forms: the API's 元 (or dollars) shown in 万元 / 亿元 /
 * 万美元 for editing, and what was typed turned back with the exact digits.
 */
const PLACES: Record<AmountUnit, number> = { yuan: 0, wan: 4, yi: 8 };

/** "200000000.00" → "20000" (万元): every digit kept, trailing zeros dropped. */
export function toInput(yuan: string | null | undefined, unit: AmountUnit = 'wan'): string {
  if (yuan === null || yuan === undefined || yuan === '') return '';
  const s = shiftDown(yuan, PLACES[unit], PLACES[unit] + 2, false);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** What was typed in the unit as the API's decimal string; null for an empty box. Throws nothing: the validator below checks first. */
export function fromInput(v: string | null | undefined, unit: AmountUnit = 'wan'): string | null {
  if (v === null || v === undefined || String(v).trim() === '') return null;
  return toYuan(String(v).trim(), unit);
}

/** An antd Form rule: empty or a non-negative number with no finer than 分 in 元. */
export const amountRule = (message: string, unit: AmountUnit = 'wan') => ({
  validator: (_: unknown, v: string | null | undefined) =>
    v === null || v === undefined || String(v).trim() === '' || toYuan(String(v).trim(), unit) !== null
      ? Promise.resolve()
      : Promise.reject(new Error(message)),
});
