import { describe, expect, it } from 'vitest';
import { isFirstHalf, presetRange } from './period.ts';

describe('dashboard periods', () => {
  it('gives this half-year, this year and last year from the day in China', () => {
    expect(presetRange('half', '2025-06-30')).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(presetRange('half', '2025-07-01')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(presetRange('year', '2025-03-04')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetRange('lastYear', '2025-01-01')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect([isFirstHalf('2025-06-30'), isFirstHalf('2025-07-01')]).toEqual([true, false]);
  });
});
