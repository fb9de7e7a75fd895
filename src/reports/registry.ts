import { investmentSummaryReport } from '../modules/investment/report-summary.ts';
import { majorProjectsSummary } from '../modules/major-projects/report-summary.ts';
import type { ReportDef } from './report.ts';

/** Every report by the name the CLI and the API use. Modules add theirs here. */
export const REPORTS: Record<string, ReportDef<unknown>> = {
  'investment-summary': investmentSummaryReport as ReportDef<unknown>,
  'major-projects-summary': majorProjectsSummary as ReportDef<unknown>,
};
