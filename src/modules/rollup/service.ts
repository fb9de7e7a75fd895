import type { Tx } from '../../db/tx.ts';
import { forbidden } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { monthStart } from '../major-projects/common.ts';
import type { Figures } from '../major-projects/sql.ts';
import type { Rollup, RollupQuery } from './api.ts';
import { COVERS, ROLLUP_SQL } from './sql.ts';

export interface OverseenZone {
  id: string;
  code: string;
  name: string;
}

/** The regions a user was granted (gaoxin viewer grant), in code order. */
export async function regionsOf(tx: Tx, userId: string): Promise<string[]> {
  const { rows } = await tx.client.query<{ regions: string[] }>(`SELECT ${REGIONS_OF('$1')} AS regions`, [userId]);
  return rows[0].regions;
}

/** The regions a user oversees, in code order, as one text[] for a statement that reads the user anyway. */
export const REGIONS_OF = (user: string) =>
  `(SELECT coalesce(array_agg(v.region_code ORDER BY v.region_code), '{}'::text[]) FROM viewer_regions v WHERE v.user_id = ${user})`;

/** The zones any of the given regions covers, in code order. Needs a system-scoped transaction. */
export async function zonesIn(tx: Tx, regions: string[]): Promise<OverseenZone[]> {
  const { rows } = await tx.client.query<OverseenZone>(
    `SELECT z.id, z.code, z.name FROM zones z
      WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS g(code) WHERE ${COVERS('g.code', 'z.region_code')})
      ORDER BY z.code`,
    [regions],
  );
  return rows;
}

/** A zone's row (or the totals', zone NULL): the major-project figures as the summary's, and the investment ones. */
interface Row extends Figures {
  zone: string | null;
  name: string | null;
  regionCode: string | null;
  zones: number;
  signedProjects: number;
  signedInvestment: string;
  signedAtLeast200M: number;
  signedTop500: number;
  foreignCapitalUtilisedUsd: string;
}

const figures = ({ zone, name, regionCode, zones, newPlanned, newStarted, startRate, ...rest }: Row) => ({
  ...rest,
  newStarts: { planned: newPlanned, started: newStarted, startRate },
});

/** Both summaries' headline figures for the given zones, and their totals, from one statement. */
export async function rollupOf(tx: Tx, zoneIds: string[], regions: string[], q: RollupQuery): Promise<Rollup> {
  const { rows } = await tx.client.query<Row>(ROLLUP_SQL, [q.from, q.to, q.year, monthStart(q.through), zoneIds]);
  const total = rows[rows.length - 1];
  return {
    regions,
    year: q.year,
    through: q.through,
    from: q.from,
    to: q.to,
    zones: rows
      .slice(0, -1)
      .map((r) => ({ zone: r.zone as string, name: r.name as string, regionCode: r.regionCode, ...figures(r) })),
    total: { zones: total.zones, ...figures(total) },
  };
}

/**
 * The rollup a logged-in user may read: over the zones of the regions the operator granted them.
 * Runs system-scoped (it crosses the zone wall by design), so the zones are fixed here from the
 * user's own grants and nothing of the request but the dates reaches the statement.
 */
export async function rollupFor(tx: Tx, actor: Actor, q: RollupQuery): Promise<Rollup> {
  const regions = actor.userId ? await regionsOf(tx, actor.userId) : [];
  if (!regions.length) throw forbidden();
  return rollupOfRegions(tx, regions, q);
}

/** The rollup over every zone the regions cover (the operator's, on the command line; a viewer's). */
export async function rollupOfRegions(tx: Tx, regions: string[], q: RollupQuery): Promise<Rollup> {
  const zones = await zonesIn(tx, regions);
  return rollupOf(
    tx,
    zones.map((z) => z.id),
    regions,
    q,
  );
}
