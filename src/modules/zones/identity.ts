import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import type { ReportZone } from '../../reports/report.ts';
import { zones } from './schema.ts';

/**
 * A zone's code and name, as reports and dashboards print them, remembered for a
 * few seconds: looking them up was a round trip of its own on every report
 * request (BENCHMARKS.md). The app never renames a zone (createZone only); an
 * operator's rename in SQL shows within TTL_MS, like a session's change of
 * department (auth/session-cache.ts).
 */
export const ZONE_IDENTITY_TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;
const entries = new Map<string, { zone: ReportZone; until: number }>();

export async function zoneIdentity(tx: Tx, zoneId: string): Promise<ReportZone> {
  const hit = entries.get(zoneId);
  if (hit && Date.now() < hit.until) return hit.zone;
  const [z] = await tx.db
    .select({ id: zones.id, code: zones.code, name: zones.name })
    .from(zones)
    .where(eq(zones.id, zoneId));
  // The caller's zone comes from its session; a zone that is gone is a bug, not a 404.
  if (!z) throw new Error(`zone ${zoneId} not found`);
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(zoneId, { zone: z, until: Date.now() + ZONE_IDENTITY_TTL_MS });
  return z;
}
