import { z } from 'zod';
import { monthEnd } from '../../core/dates.ts';
import { rule } from '../../server/schemas.ts';
import { PeriodOptions } from '../investment/report-summary.ts';
import { MonthIn, YearIn } from '../major-projects/api.ts';
import { defaultThrough } from '../major-projects/common.ts';

/**
 * The plan year and the month counted through (as major-projects-summary), and the investment period
 * (as investment-summary), by default from the year's first day to the end of `through`.
 */
export const RollupQuery = z
  .object({ year: YearIn, through: MonthIn.optional(), from: z.string().optional(), to: z.string().optional() })
  .transform((o) => {
    const through = o.through ?? defaultThrough(o.year);
    return { year: o.year, through, from: o.from ?? `${o.year}-01-01`, to: o.to ?? monthEnd(through) };
  })
  .refine((o) => o.through.startsWith(`${o.year}-`), {
    ...rule('through 应为该年度内的月份', 'through must be a month of the year'),
    path: ['through'],
  })
  .superRefine((o, ctx) => {
    const period = PeriodOptions.safeParse({ from: o.from, to: o.to });
    if (!period.success) for (const issue of period.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
  });
export type RollupQuery = z.infer<typeof RollupQuery>;

const Figures = {
  signedProjects: z.number().int(),
  signedInvestment: z.string(),
  signedAtLeast200M: z.number().int(),
  signedTop500: z.number().int(),
  foreignCapitalUtilisedUsd: z.string(),
  projects: z.number().int(),
  annualPlan: z.string(),
  completed: z.string(),
  completionRate: z.number(),
  newStarts: z.object({ planned: z.number().int(), started: z.number().int(), startRate: z.number() }),
  reportsMissing: z.number().int(),
};

export const RollupZone = z.object({
  zone: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  ...Figures,
});
export const Rollup = z.object({
  regions: z.array(z.string()),
  year: z.number().int(),
  through: z.string(),
  from: z.string(),
  to: z.string(),
  zones: z.array(RollupZone),
  total: z.object({ zones: z.number().int(), ...Figures }),
});
export type Rollup = z.infer<typeof Rollup>;
