/**
 * The calendar day in China at `at` (default now), as YYYY-MM-DD: the zones' days start at midnight
 * Beijing time. China keeps UTC+8 all year (no daylight saving since 1991), so this is arithmetic; an
 * Intl.DateTimeFormat built per call cost 0.35 ms, a quarter of the major-projects dashboard's own work.
 */
export const chinaDay = (at: Date = new Date()): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Ledger dates and months: 2024-03-15, 2024/3/15, 2024年3月15日, or a spreadsheet date cell. */

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Spreadsheet date cells arrive as Dates at UTC midnight (exceljs) or as day serials. */
function fromCellDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // Round to the nearest day: some writers store 23:59:59.999 or local-time offsets.
  const t = new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000);
  return validDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function parseDate(cell: string | number | Date): string | null {
  if (cell instanceof Date) return fromCellDate(cell);
  if (typeof cell === 'number') {
    // Excel serial day (1900 system): 45292 = 2024-01-01.
    if (!Number.isInteger(cell) || cell < 1 || cell > 120000) return null;
    return fromCellDate(new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000));
  }
  const s = cell.trim();
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s) ??
    /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s) ??
    /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s);
  if (!m) return null;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** 'YYYY-MM' from 2024-03, 2024/3, 2024年3月, or a date cell (its month). */
export function parseMonth(cell: string | number | Date): string | null {
  if (cell instanceof Date || typeof cell === 'number') return parseDate(cell)?.slice(0, 7) ?? null;
  const s = cell.trim();
  const m = /^(\d{4})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return validDate(y, mo, 1) ? `${y}-${pad(mo)}` : null;
  }
  // A full date written where a month is asked means its month.
  return parseDate(s)?.slice(0, 7) ?? null;
}

/** Last day of a 'YYYY-MM' month, as 'YYYY-MM-DD'. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

export const isIsoMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

export const isIsoDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && validDate(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8)) !== null;
