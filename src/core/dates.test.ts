import { describe, expect, it } from 'vitest';
import { monthEnd, parseDate, parseMonth } from './dates.ts';

describe('ledger dates', () => {
  it('reads every written form', () => {
    expect(parseDate('2024-03-15')).toBe('2024-03-15');
    expect(parseDate('2024/4/2')).toBe('2024-04-02');
    expect(parseDate('2024年5月20日')).toBe('2024-05-20');
    expect(parseDate(new Date(Date.UTC(2024, 5, 30)))).toBe('2024-06-30');
    expect(parseDate(45292)).toBe('2024-01-01');
  });
  it('refuses impossible dates', () => {
    expect(parseDate('2024-02-30')).toBeNull();
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('24-1-1')).toBeNull();
    expect(parseDate('明天')).toBeNull();
  });
  it('reads months', () => {
    expect(parseMonth('2024-01')).toBe('2024-01');
    expect(parseMonth('2024年2月')).toBe('2024-02');
    expect(parseMonth(new Date(Date.UTC(2024, 2, 1)))).toBe('2024-03');
    expect(parseMonth('2024-13')).toBeNull();
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2023-12')).toBe('2023-12-31');
  });
});
