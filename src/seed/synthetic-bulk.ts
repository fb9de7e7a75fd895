import type { Rng } from './random.ts';

/**
 * Bulk writing for the synthetic generator: rows go in column-wise through
 * `unnest`, one statement per few thousand rows with one parameter per
 * column, so a zone of ~60,000 rows loads in seconds on either database.
 */

export { bulkInsert, type Column, pgArray } from '../db/bulk.ts';

/** A version-4-shaped UUID from the generator, so the same seed writes the same ids. */
export function uuid(rng: Rng): string {
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(rng.next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const DAY = 86_400_000;
const EPOCH = Date.parse('2000-01-01T00:00:00Z');
/** Dates as day numbers (since 2000-01-01) make ranges and steps plain arithmetic. */
export const dayOf = (d: string) => Math.round((Date.parse(`${d}T00:00:00Z`) - EPOCH) / DAY);
export const dateOf = (n: number) => new Date(EPOCH + n * DAY).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => dateOf(dayOf(d) + n);

/** An amount of 万元 between `lo` and `hi`, spread evenly on a log scale (many small, few large), in whole 万元. */
export function logAmount(rng: Rng, lo: number, hi: number, step = 100): number {
  const v = Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)));
  return Math.max(step, Math.round(v / step) * step);
}

/** 万元 → 元 as an exact numeric string. */
export const wan = (n: number) => `${Math.round(n)}0000.00`;

/** Picks by weight: `weights` maps each choice to its weight. */
export function weighted<K extends string>(rng: Rng, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let r = rng.next() * entries.reduce((a, [, w]) => a + w, 0);
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return entries[entries.length - 1][0];
}
