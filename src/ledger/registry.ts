import type { LedgerDef } from './ledger.ts';

/**
 * Every ledger the platform imports and exports, by the name the CLI and the
 * API use (shared/spec/ledgers.md). Modules add theirs here.
 */
export const LEDGERS: Record<string, LedgerDef<unknown>> = {};
