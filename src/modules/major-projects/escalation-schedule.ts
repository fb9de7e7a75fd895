import type { Database } from '../../db/database.ts';
import { asSystem, inZone } from '../../db/tx.ts';
import type { Actor } from '../auth/actor.ts';
import { today } from './common.ts';
import { escalateOverdue } from './issues.ts';

/** The step's signature when the server escalates on its own schedule. */
export const scheduleActor = (zoneId: string): Actor => ({
  userId: null,
  zoneId,
  username: 'system',
  displayName: '系统定时督办',
  roles: ['admin'],
  departmentId: null,
});

/**
 * Escalates every zone's newly overdue issues as of today. Each zone in its own transaction, so
 * one zone's failure does not hold back the others; safe to run from several processes at once
 * (the UPDATE … WHERE escalated_on IS NULL lets one of them stamp each issue).
 */
export async function escalateAllZones(database: Database, asOf = today()) {
  const zones = await asSystem(database, async (tx) => {
    const { rows } = await tx.client.query<{ id: string; code: string }>('SELECT id, code FROM zones ORDER BY code');
    return rows;
  });
  const results: { zone: string; escalated: number; error?: string }[] = [];
  for (const z of zones) {
    try {
      const r = await inZone(database, z.id, (tx) => escalateOverdue(tx, scheduleActor(z.id), asOf));
      results.push({ zone: z.code, escalated: r.escalated });
    } catch (err) {
      results.push({ zone: z.code, escalated: 0, error: (err as Error).message });
    }
  }
  return results;
}

export interface EscalationLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Runs escalateAllZones shortly after start and then every `everyMs`, so overdue issues reach the
 * leaders' list without anyone pressing a button. Returns a stop function.
 */
export function scheduleEscalation(
  database: Database,
  log: EscalationLog,
  opts: { everyMs: number; firstAfterMs?: number },
): () => void {
  let stopped = false;
  let running: Promise<void> | null = null;
  const run = () => {
    if (stopped || running) return;
    running = escalateAllZones(database)
      .then((results) => {
        const escalated = results.reduce((n, r) => n + r.escalated, 0);
        const failed = results.filter((r) => r.error);
        if (escalated > 0) log.info({ results: results.filter((r) => r.escalated > 0) }, 'overdue issues escalated');
        if (failed.length > 0) log.error({ failed }, 'escalation failed for some zones');
      })
      .catch((err) => log.error({ err }, 'escalation run failed'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, opts.firstAfterMs ?? 5_000);
  const every = setInterval(run, opts.everyMs);
  first.unref();
  every.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
  };
}
