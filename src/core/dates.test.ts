import { describe, expect, it } from 'vitest';
import { chinaDay, monthEnd, parseDate, parseMonth } from './dates.ts';

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

describe("China's calendar day", () => {
  it('turns at midnight Beijing time (16:00 UTC), as the time-zone database says', () => {
    const tz = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
    for (const iso of [
      '2026-11-27T15:59:59.999Z',
      '2026-11-27T16:00:00.000Z',
      '2024-02-28T16:00:00.000Z',
      '2024-12-31T16:00:00.000Z',
      '2026-06-30T23:30:00.000Z',
      '1999-12-31T15:00:00.000Z',
    ]) {
      expect(chinaDay(new Date(iso)), iso).toBe(tz.format(new Date(iso)));
    }
    expect(chinaDay(new Date('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(chinaDay(new Date('2026-11-27T16:00:00.000Z'))).toBe('2026-11-28');
    expect(chinaDay(new Date('2024-02-28T16:00:00.000Z'))).toBe('2024-02-29');
  });
});
