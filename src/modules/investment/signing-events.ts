import { and, eq, isNull, sql } from 'drizzle-orm';
import { likePattern } from '../../db/like.ts';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { getProject, selectProjects, TOP500_SQL } from './project-read.ts';
import { projects, signingEvents } from './schema.ts';
import { notForAgency, Params, today } from './scope.ts';
import { changeStage } from './stages.ts';

/** 集中签约仪式: a ceremony with its projects, all signed on its date, and their totals. */

export interface SigningEventInput {
  name: string;
  heldOn: string;
  place: string;
  description: string;
}

interface Raw {
  id: string;
  name: string;
  heldOn: string;
  place: string;
  description: string;
  projects: number;
  totalInvestment: string;
  foreignInvestmentUsd: string;
  atLeast200M: number;
  top500: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

async function selectEvents(tx: Tx, p: Params, where: string[], tail = '') {
  const { rows } = await tx.client.query<Raw>(
    `SELECT e.id, e.name, e.held_on AS "heldOn", e.place, e.description, e.version,
            e.created_at AS "createdAt", e.updated_at AS "updatedAt",
            count(p.id)::int AS projects,
            round(coalesce(sum(p.total_investment), 0), 2) AS "totalInvestment",
            round(coalesce(sum(p.foreign_investment_usd), 0), 2) AS "foreignInvestmentUsd",
            (count(p.id) FILTER (WHERE p.total_investment >= 200000000.00))::int AS "atLeast200M",
            (count(p.id) FILTER (WHERE ${TOP500_SQL('c')}))::int AS top500
       FROM investment_signing_events e
       LEFT JOIN investment_projects p ON p.signing_event_id = e.id AND p.deleted_at IS NULL
       LEFT JOIN companies c ON c.id = p.company_id
      WHERE e.deleted_at IS NULL ${where.map((w) => `AND ${w}`).join(' ')}
      GROUP BY e.id ${tail}`,
    p.values,
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
}

export async function listEvents(tx: Tx, actor: Actor, q: { year?: number; q?: string }) {
  notForAgency(actor);
  const p = new Params();
  const where: string[] = [];
  if (q.year) where.push(`extract(year FROM e.held_on) = ${p.add(q.year)}`);
  if (q.q) where.push(`e.name ILIKE ${p.add(likePattern(q.q))}`);
  const items = await selectEvents(tx, p, where, 'ORDER BY e.held_on DESC, e.name');
  return { items, total: items.length };
}

export async function getEvent(tx: Tx, actor: Actor, id: string) {
  notForAgency(actor);
  const p = new Params();
  const [event] = await selectEvents(tx, p, [`e.id = ${p.add(id)}`]);
  if (!event) throw notFound();
  const q = new Params();
  const list = await selectProjects(tx, q, [`p.signing_event_id = ${q.add(id)}`, 'p.deleted_at IS NULL'], {
    order: 'p.code',
  });
  return { ...event, items: list.items };
}

async function assertFree(tx: Tx, name: string, heldOn: string, exceptId?: string) {
  const [clash] = await tx.db
    .select({ id: signingEvents.id })
    .from(signingEvents)
    .where(and(eq(signingEvents.name, name), eq(signingEvents.heldOn, heldOn), isNull(signingEvents.deletedAt)));
  if (clash && clash.id !== exceptId) {
    throw fieldError('name', t('同名同日的签约活动已存在', 'A signing event with this name and date exists'), 409);
  }
}

export async function createEvent(tx: Tx, actor: Actor, input: SigningEventInput & { projectIds: string[] }) {
  notForAgency(actor);
  await assertFree(tx, input.name, input.heldOn);
  const { projectIds, ...values } = input;
  const [row] = await tx.db
    .insert(signingEvents)
    .values({ ...values, zoneId: actor.zoneId })
    .returning({ id: signingEvents.id });
  if (projectIds.length > 0) await attachProjects(tx, actor, row.id, projectIds, { audit: false });
  const after = await getEvent(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'signing_event', entityId: row.id, after });
  return after;
}

export async function updateEvent(
  tx: Tx,
  actor: Actor,
  id: string,
  input: Partial<SigningEventInput> & { version: number },
) {
  const before = await getEvent(tx, actor, id);
  const { version, ...patch } = input;
  await assertFree(tx, patch.name ?? before.name, patch.heldOn ?? before.heldOn, id);
  if (patch.heldOn && patch.heldOn !== before.heldOn && before.projects > 0) {
    throw fieldError(
      'heldOn',
      t(
        '活动已有签约项目，不能改日期（请先移出项目）',
        'Projects were signed at this event; remove them to move its date',
      ),
    );
  }
  await updateVersioned(tx, signingEvents, id, version, patch);
  const after = await getEvent(tx, actor, id);
  await record(tx, actor, { action: 'update', entity: 'signing_event', entityId: id, before, after });
  return after;
}

export async function deleteEvent(tx: Tx, actor: Actor, id: string, version?: number) {
  const before = await getEvent(tx, actor, id);
  if (before.projects > 0) throw new AppError(409, t('活动下仍有项目，请先移出', 'Remove its projects first'));
  await updateVersioned(tx, signingEvents, id, version, { deletedAt: sql`now()` });
  await record(tx, actor, { action: 'delete', entity: 'signing_event', entityId: id, before });
}

/**
 * Puts projects on a ceremony: a project in talks is signed on the event's
 * date (a stage event); a signed one must have been signed that day.
 */
export async function attachProjects(
  tx: Tx,
  actor: Actor,
  id: string,
  projectIds: string[],
  opts: { audit?: boolean } = {},
) {
  notForAgency(actor);
  const [event] = await tx.db
    .select()
    .from(signingEvents)
    .where(and(eq(signingEvents.id, id), isNull(signingEvents.deletedAt)));
  if (!event) throw notFound();
  for (const [i, pid] of projectIds.entries()) {
    const field = `projectIds.${i}`;
    let project: Awaited<ReturnType<typeof getProject>>;
    try {
      project = await getProject(tx, actor, pid);
    } catch {
      throw fieldError(field, t('项目不存在', 'No such project'));
    }
    if (project.stage === 'negotiating') {
      if (event.heldOn > today()) {
        throw fieldError(field, t('活动尚未举行，不能登记签约', 'The event has not taken place yet'));
      }
      project = await changeStage(tx, actor, pid, { stage: 'signed', date: event.heldOn });
    } else if (project.signedOn !== event.heldOn) {
      throw fieldError(
        field,
        t(
          `“${project.name}”的签约日期是 ${project.signedOn ?? '无'}，与活动日期 ${event.heldOn} 不同`,
          `"${project.name}" was signed on ${project.signedOn ?? 'no date'}, not on the event's ${event.heldOn}`,
        ),
      );
    }
    await tx.db
      .update(projects)
      .set({ signingEventId: id, version: sql`${projects.version} + 1`, updatedAt: sql`now()` })
      .where(eq(projects.id, pid));
  }
  if (opts.audit !== false) {
    await record(tx, actor, {
      action: 'update',
      entity: 'signing_event',
      entityId: id,
      after: { attached: projectIds },
    });
  }
  return getEvent(tx, actor, id);
}

export async function detachProject(tx: Tx, actor: Actor, id: string, projectId: string) {
  const event = await getEvent(tx, actor, id);
  if (!event.items.some((p) => p.id === projectId)) throw notFound();
  await tx.db
    .update(projects)
    .set({ signingEventId: null, version: sql`${projects.version} + 1`, updatedAt: sql`now()` })
    .where(eq(projects.id, projectId));
  await record(tx, actor, { action: 'update', entity: 'signing_event', entityId: id, after: { detached: projectId } });
  return getEvent(tx, actor, id);
}
