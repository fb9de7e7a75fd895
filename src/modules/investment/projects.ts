import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { fieldError } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { ProjectCreate, ProjectUpdate } from './api.ts';
import { companyForForm, type Warn } from './companies.ts';
import { getProject } from './project-read.ts';
import { companies, leads, projects, signingEvents } from './schema.ts';
import { departmentRef, scopeOf, today } from './scope.ts';
import { recordStageEvent, stagePatch } from './stages.ts';

/** Creating, editing, deleting projects; stage moves are in stages.ts. */

async function assertCodeFree(tx: Tx, code: string, exceptId?: string) {
  const [clash] = await tx.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.code, code), isNull(projects.deletedAt)));
  if (clash && clash.id !== exceptId) {
    throw fieldError('code', t(`项目编号“${code}”已被使用`, `Project code "${code}" is taken`), 409);
  }
}

async function signingEventDate(tx: Tx, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  const [e] = await tx.db
    .select({ heldOn: signingEvents.heldOn })
    .from(signingEvents)
    .where(and(eq(signingEvents.id, id), isNull(signingEvents.deletedAt)));
  if (!e) throw fieldError('signingEventId', t('签约活动不存在', 'No such signing event'));
  return e.heldOn;
}

/** An agency may only name itself as the referrer; others any department of the zone. */
async function referrerFor(tx: Tx, actor: Actor, id: string | null | undefined): Promise<string | null | undefined> {
  const scope = scopeOf(actor);
  if (scope.agency) {
    if (id !== undefined && id !== null && id !== scope.agency) {
      throw fieldError('referrerDepartmentId', t('只能填写本机构', 'An agency can only name itself'));
    }
    return scope.agency;
  }
  if (id !== undefined) await departmentRef(tx, 'referrerDepartmentId', id);
  return id;
}

/** Warnings when the company already has other leads or projects: someone may be on it already. */
export async function sameCompanyWarnings(
  tx: Tx,
  companyId: string,
  except: { projectId?: string; leadId?: string },
): Promise<Warn[]> {
  const ps = await tx.db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(
      and(
        eq(projects.companyId, companyId),
        isNull(projects.deletedAt),
        except.projectId ? ne(projects.id, except.projectId) : undefined,
      ),
    );
  const ls = await tx.db
    .select({ id: leads.id, name: leads.title })
    .from(leads)
    .where(
      and(
        eq(leads.companyId, companyId),
        isNull(leads.deletedAt),
        except.leadId ? ne(leads.id, except.leadId) : undefined,
      ),
    );
  const [c] = await tx.db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  const out: Warn[] = [];
  if (ps.length > 0)
    out.push({
      code: 'company_has_project',
      message: t(`“${c.name}”已有 ${ps.length} 个招商项目`, `"${c.name}" already has ${ps.length} project(s)`),
      records: ps,
    });
  if (ls.length > 0)
    out.push({
      code: 'company_has_lead',
      message: t(`“${c.name}”已有 ${ls.length} 条招商线索`, `"${c.name}" already has ${ls.length} lead(s)`),
      records: ls,
    });
  return out;
}

export async function createProject(
  tx: Tx,
  actor: Actor,
  input: ProjectCreate,
  opts: { source?: 'api' | 'lead'; leadId?: string } = {},
) {
  await assertCodeFree(tx, input.code);
  const companyId = await companyForForm(tx, actor, input);
  const referrer = await referrerFor(tx, actor, input.referrerDepartmentId);
  await departmentRef(tx, 'responsibleDepartmentId', input.responsibleDepartmentId);
  const eventDate = await signingEventDate(tx, input.signingEventId);
  const on = input.stageOn ?? eventDate ?? today();
  if (on > today()) throw fieldError('stageOn', t('日期不能晚于今天', 'The date cannot be in the future'));
  if (eventDate && (input.stage !== 'signed' || on !== eventDate)) {
    throw fieldError(
      'signingEventId',
      t('签约活动的日期须与项目的签约日期一致', "The signing event's date must be the project's signing date"),
    );
  }
  const warnings = await sameCompanyWarnings(tx, companyId, { leadId: opts.leadId });
  const { companyId: _c, companyName: _n, companyUscc: _u, stageOn: _s, ...fields } = input;
  const [row] = await tx.db
    .insert(projects)
    .values({
      ...fields,
      zoneId: actor.zoneId,
      companyId,
      referrerDepartmentId: referrer ?? null,
      ...stagePatch({ signedOn: null, landedOn: null }, input.stage, on),
    })
    .returning({ id: projects.id });
  await recordStageEvent(tx, actor, {
    projectId: row.id,
    from: null,
    to: input.stage,
    on,
    source: opts.source ?? 'api',
  });
  const project = await getProject(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'investment_project', entityId: row.id, after: project });
  return { ...project, warnings };
}

export async function updateProject(tx: Tx, actor: Actor, id: string, input: ProjectUpdate) {
  const before = await getProject(tx, actor, id);
  const { version, signedOn, ...patch } = input;
  if (patch.code !== undefined) await assertCodeFree(tx, patch.code, id);
  if (patch.companyId !== undefined) patch.companyId = await companyForForm(tx, actor, { companyId: patch.companyId });
  if (patch.referrerDepartmentId !== undefined) {
    patch.referrerDepartmentId = await referrerFor(tx, actor, patch.referrerDepartmentId);
  }
  await departmentRef(tx, 'responsibleDepartmentId', patch.responsibleDepartmentId);
  const values: Record<string, unknown> = { ...patch };
  if (signedOn !== undefined) {
    if (!before.signedOn) {
      throw fieldError('signedOn', t('未签约的项目请用阶段变更登记签约', 'Record the signing as a stage change'));
    }
    if (signedOn > today()) throw fieldError('signedOn', t('日期不能晚于今天', 'The date cannot be in the future'));
    values.signedOn = signedOn;
    if (before.stage === 'signed') values.stageOn = signedOn;
  }
  const eventId = patch.signingEventId === undefined ? before.signingEvent?.id : patch.signingEventId;
  const eventDate = await signingEventDate(tx, eventId);
  if (eventDate && eventDate !== (signedOn ?? before.signedOn)) {
    throw fieldError(
      'signingEventId',
      t('签约活动的日期须与项目的签约日期一致', "The signing event's date must be the project's signing date"),
    );
  }
  await updateVersioned(tx, projects, id, version, values);
  const after = await getProject(tx, actor, id);
  await record(tx, actor, { action: 'update', entity: 'investment_project', entityId: id, before, after });
  const warnings =
    patch.companyId && patch.companyId !== before.company.id
      ? await sameCompanyWarnings(tx, patch.companyId, { projectId: id })
      : [];
  return { ...after, warnings };
}

export async function deleteProject(tx: Tx, actor: Actor, id: string, version?: number) {
  const before = await getProject(tx, actor, id);
  await updateVersioned(tx, projects, id, version, { deletedAt: sql`now()` });
  await record(tx, actor, { action: 'delete', entity: 'investment_project', entityId: id, before });
}

export async function restoreProject(tx: Tx, actor: Actor, id: string) {
  const before = await getProject(tx, actor, id, { deleted: true });
  await assertCodeFree(tx, before.code, id);
  await updateVersioned(tx, projects, id, undefined, { deletedAt: null }, { deleted: true });
  const after = await getProject(tx, actor, id);
  await record(tx, actor, { action: 'restore', entity: 'investment_project', entityId: id, after });
  return after;
}
