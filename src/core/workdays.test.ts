import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDARS } from './holidays/index.ts';
import { addDays, checkYearCalendar, chineseCalendar, WorkCalendar, weekday } from './workdays.ts';

const cal = chineseCalendar();

function workingDaysIn(year: number) {
  return cal.workdaysBetween(`${year - 1}-12-31`, `${year}-12-31`);
}

describe('Chinese working days', () => {
  it('counts a span across 国庆 2024 with its 调休 Sunday and Saturday', () => {
    // 9/29 (Sun) and 10/12 (Sat) are worked; 10/1–10/7 are off.
    expect(cal.isWorkday('2024-09-29')).toBe(true);
    expect(cal.isWorkday('2024-10-12')).toBe(true);
    expect(cal.isWorkday('2024-10-03')).toBe(false);
    expect(cal.isWorkday('2024-10-13')).toBe(false);
    expect(cal.holidayOf('2024-10-05')).toBe('国庆节');
    // Fri 9/27 → Mon 10/14: 9/29, 9/30, 10/8, 10/9, 10/10, 10/11, 10/12, 10/14.
    expect(cal.workdaysBetween('2024-09-27', '2024-10-14')).toBe(8);
    expect(cal.addWorkdays('2024-09-30', 1)).toBe('2024-10-08');
    expect(cal.addWorkdays('2024-09-27', 8)).toBe('2024-10-14');
    expect(cal.workdaysBetween('2024-10-14', '2024-09-27')).toBe(-8);
  });

  it('knows 春节 2024 (2/10–2/17 off, 2/4 and 2/18 worked) and 2026 (2/15–2/23 off, 2/14 and 2/28 worked)', () => {
    for (const d of ['2024-02-04', '2024-02-18', '2026-02-14', '2026-02-28']) expect(cal.isWorkday(d)).toBe(true);
    for (const d of ['2024-02-12', '2024-02-16', '2026-02-16', '2026-02-23']) expect(cal.isWorkday(d)).toBe(false);
    // Fri 2/9 → Mon 2/19 2024: only 2/18 (Sun, worked) and 2/19.
    expect(cal.workdaysBetween('2024-02-09', '2024-02-19')).toBe(2);
  });

  it('gives each year its official number of working days', () => {
    expect(workingDaysIn(2023)).toBe(249);
    expect(workingDaysIn(2024)).toBe(251);
    expect(workingDaysIn(2025)).toBe(248);
    expect(workingDaysIn(2026)).toBe(248);
  });

  it('has 11 statutory days off a year before 2025 and 13 from 2025', () => {
    for (const c of OFFICIAL_CALENDARS) {
      expect(checkYearCalendar(c)).toEqual([]);
      let weekdaysOff = 0;
      for (const h of c.holidays)
        for (let d = h.from; d <= h.to; d = addDays(d, 1)) if (weekday(d) !== 0 && weekday(d) !== 6) weekdaysOff++;
      expect(weekdaysOff - c.workdays.length).toBe(c.year < 2025 ? 11 : 13);
    }
  });

  it('agrees with itself: the n-th working day after a date is n working days away', () => {
    for (let i = 0; i < 400; i += 7) {
      const from = addDays('2023-01-01', i * 3);
      for (const n of [0, 1, 5, 20, 57]) expect(cal.workdaysBetween(from, cal.addWorkdays(from, n))).toBe(n);
    }
    // A deadline never lands on a day off.
    expect(cal.isWorkday(cal.addWorkdays('2025-09-30', 1))).toBe(true);
    expect(cal.addWorkdays('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('treats years it does not know as weekends only, and lets a later entry replace a year', () => {
    expect(cal.covers(2027)).toBe(false);
    expect(cal.isWorkday('2027-10-01')).toBe(true);
    const fixed = new WorkCalendar([
      ...OFFICIAL_CALENDARS,
      {
        year: 2027,
        source: 'test',
        holidays: [{ name: '国庆节', from: '2027-10-01', to: '2027-10-07' }],
        workdays: [],
      },
    ]);
    expect(fixed.covers(2027)).toBe(true);
    expect(fixed.isWorkday('2027-10-01')).toBe(false);
  });

  it('refuses an unsound arrangement', () => {
    const bad = checkYearCalendar({
      year: 2027,
      source: 'x',
      holidays: [
        { name: 'a', from: '2027-10-07', to: '2027-10-01' },
        { name: 'b', from: '2031-01-01', to: '2031-01-02' },
      ],
      workdays: ['2027-10-11', '2027-02-30'],
    });
    expect(bad.map((p) => p.field)).toEqual(['holidays.0.to', 'holidays.1', 'workdays.0', 'workdays.1']);
  });
});
