import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { fieldError } from '../../server/errors.ts';
import { type Text, t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { StageChange } from './api.ts';
import { getProject } from './project-read.ts';
import { projects, stageEvents } from './schema.ts';
import { today } from './scope.ts';
import { LANDED_STAGES, SIGNED_STAGES, STAGE_ORDER, STAGE_TEXT, type Stage } from './vocab.ts';

/**
 * The stage machine: 在谈 → 签约 → 落地 → 开工 → 竣工 → 投产 forward only
 * (skipping ahead allowed: the skipped stages are taken as reached the same
 * day), 终止 from any stage with a reason; a dropped project stays dropped.
 */
export function transitionProblem(from: Stage, to: Stage, reason: string | undefined): Text | null {
  if (from === to) return t(`项目已处于“${STAGE_TEXT[to]}”阶段`, `The project is already ${to}`);
  if (from === 'dropped') return t('已终止的项目不能再变更阶段', 'A dropped project cannot change stage');
  if (to === 'dropped') {
    return reason?.trim() ? null : t('终止项目须填写原因', 'Dropping a project needs a reason');
  }
  if (STAGE_ORDER[to] < STAGE_ORDER[from]) {
    return t(`不能从“${STAGE_TEXT[from]}”退回“${STAGE_TEXT[to]}”`, `Cannot move back from ${from} to ${to}`);
  }
  return null;
}

/** Appends one event to a project's history. */
export async function recordStageEvent(
  tx: Tx,
  actor: Actor,
  e: {
    projectId: string;
    from: Stage | null;
    to: Stage;
    on: string;
    reason?: string;
    source: 'api' | 'ledger' | 'lead' | 'seed';
  },
) {
  await tx.db.insert(stageEvents).values({
    zoneId: actor.zoneId,
    projectId: e.projectId,
    fromStage: e.from,
    toStage: e.to,
    happenedOn: e.on,
    reason: e.reason ?? '',
    source: e.source,
    actorId: actor.userId,
    actorName: actor.displayName,
  });
}

/** The columns a move to `to` on `on` sets: the stage's date, and the first signing and landing dates. */
export function stagePatch(
  current: { signedOn: string | null; landedOn: string | null },
  to: Stage,
  on: string,
  reason?: string,
) {
  const patch: { stage: Stage; stageOn: string; signedOn?: string; landedOn?: string; droppedReason?: string | null } =
    { stage: to, stageOn: on };
  if (SIGNED_STAGES.includes(to) && !current.signedOn) patch.signedOn = on;
  if (LANDED_STAGES.includes(to) && !current.landedOn) patch.landedOn = on;
  if (to === 'dropped') patch.droppedReason = reason?.trim() ?? null;
  return patch;
}

export async function changeStage(tx: Tx, actor: Actor, id: string, input: StageChange) {
  const before = await getProject(tx, actor, id);
  const problem = transitionProblem(before.stage, input.stage, input.reason);
  if (problem) throw fieldError(input.stage === 'dropped' && before.stage !== 'dropped' ? 'reason' : 'stage', problem);
  if (input.date > today()) throw fieldError('date', t('日期不能晚于今天', 'The date cannot be in the future'));
  if (input.date < before.stageOn) {
    throw fieldError(
      'date',
      t(
        `日期不能早于当前阶段的日期 ${before.stageOn}`,
        `The date cannot precede the current stage's ${before.stageOn}`,
      ),
    );
  }
  await updateVersioned(tx, projects, id, input.version, stagePatch(before, input.stage, input.date, input.reason));
  await recordStageEvent(tx, actor, {
    projectId: id,
    from: before.stage,
    to: input.stage,
    on: input.date,
    reason: input.reason,
    source: 'api',
  });
  const after = await getProject(tx, actor, id);
  await record(tx, actor, {
    action: 'update',
    entity: 'investment_project',
    entityId: id,
    before: { stage: before.stage, stageOn: before.stageOn, signedOn: before.signedOn },
    after: { stage: after.stage, stageOn: after.stageOn, signedOn: after.signedOn, reason: input.reason ?? null },
  });
  return after;
}

export async function stageHistory(tx: Tx, actor: Actor, id: string) {
  await getProject(tx, actor, id);
  const rows = await tx.db
    .select()
    .from(stageEvents)
    .where(eq(stageEvents.projectId, id))
    .orderBy(asc(stageEvents.happenedOn), asc(stageEvents.id));
  return {
    items: rows.map((r) => ({
      id: r.id,
      fromStage: r.fromStage as Stage | null,
      toStage: r.toStage as Stage,
      happenedOn: r.happenedOn,
      reason: r.reason,
      source: r.source as 'api' | 'ledger' | 'lead' | 'seed',
      actorName: r.actorName,
      at: r.at.toISOString(),
    })),
  };
}
