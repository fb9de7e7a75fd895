import { foreignCapitalLedger } from '../modules/investment/ledger-foreign-capital.ts';
import { investmentProjectsLedger } from '../modules/investment/ledger-projects.ts';
import { majorProjectProgressLedger } from '../modules/major-projects/ledger-progress.ts';
import { majorProjectsLedger } from '../modules/major-projects/ledger-projects.ts';
import type { LedgerDef } from './ledger.ts';

/**
 * Every ledger the platform imports and exports, by the name the CLI and the
 * API use (shared/spec/ledgers.md). Modules add theirs here.
 */
export const LEDGERS: Record<string, LedgerDef<unknown>> = {
  'investment-projects': investmentProjectsLedger as LedgerDef<unknown>,
  'foreign-capital': foreignCapitalLedger as LedgerDef<unknown>,
  'major-projects': majorProjectsLedger as LedgerDef<unknown>,
  'major-project-progress': majorProjectProgressLedger as LedgerDef<unknown>,
};
