import type { Tx } from '../../db/tx.ts';
import { AppError } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import { cliActor } from '../auth/actor.ts';
import { isRegionCode } from '../zones/service.ts';
import { zonesIn } from './service.ts';
import { COVERS } from './sql.ts';

/**
 * The operator's grants of regions to upper-level viewers (gaoxin viewer …). There is no API for
 * them: the application role may not write viewer_regions (migration 0016), so no zone admin can
 * widen anyone's view. Each change is audited in the viewer's own zone. Needs a system-scoped tx.
 */

export interface Grant {
  username: string;
  zone: string;
  region: string;
  zones: number;
}

async function liveUser(tx: Tx, username: string) {
  const { rows } = await tx.client.query<{ id: string; zone_id: string }>(
    'SELECT id, zone_id FROM users WHERE username = $1 AND deleted_at IS NULL',
    [username],
  );
  if (!rows[0]) throw new AppError(404, t(`用户 ${username} 不存在`, `No user named ${username}`));
  return rows[0];
}

/** Lets a user oversee a region; returns whether it is new and how many zones it covers today. */
export async function grantRegion(tx: Tx, username: string, region: string) {
  if (!isRegionCode(region)) {
    throw new AppError(400, t(`行政区划代码应为 6 位数字：${region}`, `A region code is six digits: ${region}`));
  }
  const u = await liveUser(tx, username);
  const { rowCount } = await tx.client.query(
    'INSERT INTO viewer_regions (zone_id, user_id, region_code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [u.zone_id, u.id, region],
  );
  if (rowCount) {
    await record(tx, cliActor(u.zone_id), {
      action: 'create',
      entity: 'viewer_region',
      entityId: u.id,
      after: { username, region },
    });
  }
  return { created: Boolean(rowCount), zones: (await zonesIn(tx, [region])).length };
}

/** Ends a user's oversight of a region; false when it was not granted. */
export async function revokeRegion(tx: Tx, username: string, region: string): Promise<boolean> {
  const u = await liveUser(tx, username);
  const { rowCount } = await tx.client.query('DELETE FROM viewer_regions WHERE user_id = $1 AND region_code = $2', [
    u.id,
    region,
  ]);
  if (!rowCount) return false;
  await record(tx, cliActor(u.zone_id), {
    action: 'delete',
    entity: 'viewer_region',
    entityId: u.id,
    before: { username, region },
  });
  return true;
}

/** Every live user's grants, by username and region, with the zones each covers today. */
export async function listGrants(tx: Tx): Promise<Grant[]> {
  const { rows } = await tx.client.query<Grant>(
    `SELECT u.username, z.code AS zone, g.region_code AS region,
            (SELECT count(*)::int FROM zones c WHERE ${COVERS('g.region_code', 'c.region_code')}) AS zones
       FROM viewer_regions g JOIN users u ON u.id = g.user_id JOIN zones z ON z.id = g.zone_id
      WHERE u.deleted_at IS NULL ORDER BY u.username, g.region_code`,
  );
  return rows;
}
