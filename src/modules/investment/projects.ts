import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { fieldError } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { ProjectCreate, ProjectUpdate } from './api.ts';
import { companyForForm, type Warn } from './companies.ts';
import { leadVisibility } from './lead-visibility.ts';
import { agencyProjectClause, getProject } from './project-read.ts';
import { companies, projects, signingEvents } from './schema.ts';
import { departmentRef, Params, scopeOf, today } from './scope.ts';
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

interface SameCompanyRow {
  id: string;
  name: string;
  visible: boolean;
  /** The department or agency that holds the record (said only to zone users, of records they may not see). */
  unit: string | null;
}

/**
 * One warning: the records the caller may see by name, the others only as a
 * count (and, for zone users, whose they are). An agency learns no names.
 */
function sameCompanyWarning(
  code: Warn['code'],
  company: string,
  rows: SameCompanyRow[],
  noun: { zh: string; measure: string; en: string },
  showUnits: boolean,
): Warn[] {
  if (rows.length === 0) return [];
  const hidden = rows.filter((r) => !r.visible);
  let zh = `“${company}”已有 ${rows.length} ${noun.measure}${noun.zh}`;
  let en = `"${company}" already has ${rows.length} ${noun.en}`;
  if (hidden.length > 0) {
    const units = showUnits ? [...new Set(hidden.map((r) => r.unit).filter((u): u is string => !!u))] : [];
    zh += `，其中 ${hidden.length} ${noun.measure}您无权查看${units.length ? `（属于${units.join('、')}）` : ''}`;
    en += `, ${hidden.length} of which you may not see${units.length ? ` (held by ${units.join(', ')})` : ''}`;
  }
  return [{ code, message: t(zh, en), records: rows.filter((r) => r.visible).map(({ id, name }) => ({ id, name })) }];
}

/**
 * Warnings when the company already has other leads or projects: someone may
 * be on it already. Records are named only where the caller may see them
 * (the lead list's and the project list's own rules); of the rest the
 * warning says how many there are.
 */
export async function sameCompanyWarnings(
  tx: Tx,
  actor: Actor,
  companyId: string,
  except: { projectId?: string; leadId?: string },
): Promise<Warn[]> {
  const pp = new Params();
  const projectWall = agencyProjectClause(actor, pp) ?? 'true';
  const { rows: ps } = await tx.client.query<SameCompanyRow>(
    `SELECT p.id, p.name, coalesce(${projectWall}, false) AS visible, coalesce(sd.name, rd.name) AS unit
       FROM investment_projects p
       LEFT JOIN departments sd ON sd.id = p.responsible_department_id
       LEFT JOIN departments rd ON rd.id = p.referrer_department_id
      WHERE p.company_id = ${pp.add(companyId)} AND p.deleted_at IS NULL
        ${except.projectId ? `AND p.id <> ${pp.add(except.projectId)}` : ''}
      ORDER BY p.code`,
    pp.values,
  );
  const lp = new Params();
  const leadWall = leadVisibility(actor, lp).wall ?? 'true';
  const { rows: ls } = await tx.client.query<SameCompanyRow>(
    `SELECT l.id, l.title AS name, coalesce(${leadWall}, false) AS visible, coalesce(od.name, sd.name) AS unit
       FROM investment_leads l
       LEFT JOIN departments od ON od.id = l.owner_department_id
       LEFT JOIN departments sd ON sd.id = l.source_department_id
      WHERE l.company_id = ${lp.add(companyId)} AND l.deleted_at IS NULL
        ${except.leadId ? `AND l.id <> ${lp.add(except.leadId)}` : ''}
      ORDER BY l.received_on DESC, l.created_at DESC`,
    lp.values,
  );
  if (ps.length === 0 && ls.length === 0) return [];
  const [c] = await tx.db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  const showUnits = !scopeOf(actor).agency;
  return [
    ...sameCompanyWarning(
      'company_has_project',
      c.name,
      ps,
      { zh: '招商项目', measure: '个', en: 'project(s)' },
      showUnits,
    ),
    ...sameCompanyWarning('company_has_lead', c.name, ls, { zh: '招商线索', measure: '条', en: 'lead(s)' }, showUnits),
  ];
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
  const warnings = await sameCompanyWarnings(tx, actor, companyId, { leadId: opts.leadId });
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
      ? await sameCompanyWarnings(tx, actor, patch.companyId, { projectId: id })
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
