/** One year of the State Council's holiday arrangement (国务院办公厅关于部分节假日安排的通知). */
export interface HolidayRange {
  /** e.g. 春节 */
  name: string;
  /** First and last day off, inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
}

export interface YearCalendar {
  year: number;
  /** Where the arrangement comes from, e.g. the notice's title. */
  source: string;
  holidays: HolidayRange[];
  /** Weekend days worked instead (调休上班). */
  workdays: string[];
}
