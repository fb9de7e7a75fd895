/**
 * The Chinese working-day calendar: weekends off, public holidays off, and the
 * adjusted weekend working days (调休) on. Pure: the years it knows are given to it.
 *
 * Durations follow the Civil Code (art. 201): the day an act happens is not
 * counted; the period starts the next day. So `workdaysBetween(a, b)` counts the
 * working days d with a < d ≤ b, and `addWorkdays(a, n)` is the n-th working day
 * after a — the two agree: workdaysBetween(a, addWorkdays(a, n)) = n.
 */
import { isIsoDate } from './dates.ts';
import { OFFICIAL_CALENDARS, type YearCalendar } from './holidays/index.ts';

export type { HolidayRange, YearCalendar } from './holidays/index.ts';

const DAY = 86_400_000;
const toTime = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
const fromTime = (t: number) => new Date(t).toISOString().slice(0, 10);

export const addDays = (date: string, n: number) => fromTime(toTime(date) + n * DAY);
/** 0 Sunday … 6 Saturday. */
export const weekday = (date: string) => new Date(toTime(date)).getUTCDay();
const isWeekend = (date: string) => {
  const w = weekday(date);
  return w === 0 || w === 6;
};

function* days(from: string, to: string) {
  for (let t = toTime(from); t <= toTime(to); t += DAY) yield fromTime(t);
}

export class WorkCalendar {
  private readonly off = new Map<string, string>();
  private readonly on = new Set<string>();
  private readonly years = new Set<number>();

  /** Later entries for the same year replace earlier ones (a zone's correction wins over the shipped data). */
  constructor(calendars: readonly YearCalendar[]) {
    const byYear = new Map<number, YearCalendar>();
    for (const c of calendars) byYear.set(c.year, c);
    for (const c of byYear.values()) {
      this.years.add(c.year);
      for (const h of c.holidays) for (const d of days(h.from, h.to)) this.off.set(d, h.name);
      for (const d of c.workdays) this.on.add(d);
    }
  }

  /** Whether the year's official arrangement is known; outside it only weekends are off. */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  isWorkday(date: string): boolean {
    if (this.on.has(date)) return true;
    if (this.off.has(date)) return false;
    return !isWeekend(date);
  }

  /** The holiday's name when the date is a public holiday (放假), else null. */
  holidayOf(date: string): string | null {
    return this.off.get(date) ?? null;
  }

  /** Working days d with from < d ≤ to; negative when `to` is before `from`. */
  workdaysBetween(from: string, to: string): number {
    if (to < from) return -this.workdaysBetween(to, from);
    let n = 0;
    for (let t = toTime(from) + DAY; t <= toTime(to); t += DAY) if (this.isWorkday(fromTime(t))) n++;
    return n;
  }

  /** The n-th working day after `from` (n ≥ 0; 0 gives `from` itself). */
  addWorkdays(from: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    let t = toTime(from);
    for (let left = n; left > 0; ) {
      t += DAY;
      if (this.isWorkday(fromTime(t))) left--;
    }
    return fromTime(t);
  }
}

/** The calendar with the official years shipped in `holidays/`, plus any extra years (which win). */
export const chineseCalendar = (extra: readonly YearCalendar[] = []) =>
  new WorkCalendar([...OFFICIAL_CALENDARS, ...extra]);

/** Problems with a year's arrangement before it is stored (empty when it is sound). */
export function checkYearCalendar(c: YearCalendar): { field: string; zh: string; en: string }[] {
  const out: { field: string; zh: string; en: string }[] = [];
  const near = (d: string) =>
    +d.slice(0, 4) === c.year || +d.slice(0, 4) === c.year - 1 || +d.slice(0, 4) === c.year + 1;
  c.holidays.forEach((h, i) => {
    if (!isIsoDate(h.from) || !isIsoDate(h.to)) {
      out.push({ field: `holidays.${i}`, zh: '日期格式应为 YYYY-MM-DD', en: 'Dates must be YYYY-MM-DD' });
    } else if (h.to < h.from) {
      out.push({ field: `holidays.${i}.to`, zh: '结束日期早于开始日期', en: 'Ends before it starts' });
    } else if (!near(h.from) || !near(h.to) || toTime(h.to) - toTime(h.from) > 31 * DAY) {
      out.push({
        field: `holidays.${i}`,
        zh: `假期应在 ${c.year} 年前后且不超过一个月`,
        en: `A holiday must lie around ${c.year} and last at most a month`,
      });
    }
  });
  c.workdays.forEach((d, i) => {
    if (!isIsoDate(d)) {
      out.push({ field: `workdays.${i}`, zh: '日期格式应为 YYYY-MM-DD', en: 'Dates must be YYYY-MM-DD' });
    } else if (!isWeekend(d)) {
      out.push({
        field: `workdays.${i}`,
        zh: '调休上班日应为周六或周日',
        en: 'An adjusted working day must be a Saturday or Sunday',
      });
    } else if (!near(d)) {
      out.push({ field: `workdays.${i}`, zh: `应在 ${c.year} 年前后`, en: `Must lie around ${c.year}` });
    }
  });
  return out;
}
