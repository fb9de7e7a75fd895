import { useSearchParams } from 'react-router';
import { chinaToday } from '../api.ts';

/** The periods the dashboard offers; `custom` takes its dates from the address. */
export const PERIODS = ['half', 'year', 'lastYear', 'custom'] as const;
export type PeriodKind = (typeof PERIODS)[number];
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The dates of a preset, from today in China: the current half-year, this year, last year. */
export function presetRange(kind: Exclude<PeriodKind, 'custom'>, today = chinaToday()): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  if (kind === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (kind === 'lastYear') return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
  return today.slice(5) <= '06-30'
    ? { from: `${y}-01-01`, to: `${y}-06-30` }
    : { from: `${y}-07-01`, to: `${y}-12-31` };
}

/** Whether the current half-year is the first (上半年) or the second (下半年). */
export const isFirstHalf = (today = chinaToday()) => today.slice(5) <= '06-30';

/** The period of the page, kept in the address so a figure's link can be shared. */
export function usePeriod(): [Period, (p: Period) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('period') as PeriodKind | null;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  let period: Period;
  if (raw === 'custom' && ISO.test(from) && ISO.test(to)) period = { kind: 'custom', from, to };
  else {
    const kind = raw && raw !== 'custom' && PERIODS.includes(raw) ? raw : 'half';
    period = { kind, ...presetRange(kind) };
  }
  const set = (p: Period) =>
    setParams(
      (old) => {
        const q = new URLSearchParams(old);
        q.set('period', p.kind);
        if (p.kind === 'custom') {
          q.set('from', p.from);
          q.set('to', p.to);
        } else {
          q.delete('from');
          q.delete('to');
        }
        return q;
      },
      { replace: true },
    );
  return [period, set];
}
