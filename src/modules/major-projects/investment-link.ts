import type { Tx } from '../../db/tx.ts';

/**
 * Reading the link between a major project and the signed investment project (招商)
 * it was put on a list from. Row-level security keeps both sides in the caller's zone.
 */

/** The investment project (InvestmentLink) of major project `majorId`, as one JSON value or null, for a statement. */
export const INVESTMENT_LINK = (majorId: string) => `(
  SELECT json_build_object('id', i.id, 'code', i.code, 'name', i.name, 'stage', i.stage)
    FROM major_projects m JOIN investment_projects i ON i.id = m.investment_project_id AND i.zone_id = m.zone_id
   WHERE m.id = ${majorId})`;

export interface MajorLink {
  id: string;
  key: string;
  name: string;
}

/** The live major project (MajorLink) investment project `investmentId` became, as one JSON value or null. */
export const MAJOR_PROJECT_OF = (investmentId: string) => `(
  SELECT json_build_object('id', m.id, 'key', m.key, 'name', m.name)
    FROM major_projects m WHERE m.investment_project_id = ${investmentId} AND m.deleted_at IS NULL)`;

/**
 * The investment project's dated stage events (在谈 → 签约 → …) as entries of the
 * major project's history, so the record's story runs on from before it was listed.
 */
export async function investmentStageEntries(tx: Tx, majorProjectId: string) {
  const { rows } = await tx.client.query<{
    id: string;
    at: Date;
    actorName: string;
    projectId: string;
    fromStage: string | null;
    toStage: string;
    happenedOn: string;
    reason: string;
    source: string;
  }>(
    `SELECT e.id, e.at, e.actor_name AS "actorName", e.project_id AS "projectId", e.from_stage AS "fromStage",
            e.to_stage AS "toStage", e.happened_on::text AS "happenedOn", e.reason, e.source
       FROM major_projects m JOIN investment_stage_events e ON e.project_id = m.investment_project_id
      WHERE m.id = $1
      ORDER BY e.happened_on DESC, e.id DESC`,
    [majorProjectId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actorName: r.actorName,
    action: 'stage',
    entity: 'investment_project.stage',
    entityId: r.projectId,
    before: r.fromStage ? { stage: r.fromStage } : null,
    after: { stage: r.toStage, happenedOn: r.happenedOn, reason: r.reason, source: r.source },
    happenedOn: r.happenedOn,
  }));
}
