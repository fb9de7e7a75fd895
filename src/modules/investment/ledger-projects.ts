import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import type { ApplyResult, LedgerDef } from '../../ledger/ledger.ts';
import type { Table } from '../../ledger/xlsx.ts';
import { t } from '../../server/lang.ts';
import { auditLog } from '../audit/schema.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { createDepartment } from '../departments/service.ts';
import { agencyImportProblem, amountCell, dateCell } from './ledger-common.ts';
import { type Resolved, resolveInvestors, setInvestorLists } from './ledger-investors.ts';
import { companyKey, HEADERS, type ProjectLedgerRow, parse } from './ledger-projects-parse.ts';
import { projects, signingEvents, stageEvents } from './schema.ts';
import { type DepartmentRef, departmentsByName, today } from './scope.ts';
import { recordStageEvent } from './stages.ts';
import {
  type CHANNEL_TEXTS,
  channelLabel,
  INDUSTRY_CODE,
  LANDED_STAGES,
  STAGE_TEXT,
  type Stage,
  TOP500_LISTS,
  TOP500_TEXT,
  type Top500List,
} from './vocab.ts';

async function eventFor(tx: Tx, actor: Actor, cache: Map<string, string>, name: string, on: string) {
  const key = `${name}\u0000${on}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [found] = await tx.db
    .select({ id: signingEvents.id })
    .from(signingEvents)
    .where(and(eq(signingEvents.name, name), eq(signingEvents.heldOn, on), isNull(signingEvents.deletedAt)));
  const id =
    found?.id ??
    (await tx.db.insert(signingEvents).values({ zoneId: actor.zoneId, name, heldOn: on }).returning())[0].id;
  cache.set(key, id);
  return id;
}

type ProjectRow = typeof projects.$inferSelect;
const FIELDS = [
  'name',
  'companyId',
  'industry',
  'industryCode',
  'chain',
  'channel',
  'referrerDepartmentId',
  'totalInvestment',
  'foreignInvestmentUsd',
  'stage',
  'signedOn',
  'signingEventId',
  'responsiblePerson',
] as const;

/**
 * A zone that has no departments yet (one the import itself created) takes
 * its units from the ledger: each named 引荐单位 becomes a department, an
 * agency when its projects came through the agency channel. Once a zone has
 * its organisation, an unknown name is a problem (most likely a typo).
 */
async function adoptReferrers(tx: Tx, actor: Actor, rows: ProjectLedgerRow[], deps: Map<string, DepartmentRef>) {
  for (const [i, r] of rows.entries()) {
    const name = r.values.referrer;
    if (!name || deps.has(name)) continue;
    const kind = r.values.channel === 'agency' ? 'agency' : 'internal';
    const d = await createDepartment(tx, actor, { name, kind, description: '', sortOrder: (i + 1) * 10 });
    deps.set(name, { id: d.id, name: d.name, kind: d.kind });
  }
}

/** New projects in batches: the rows, their first stage events and their audit entries, a statement each. */
async function insertFresh(tx: Tx, actor: Actor, fresh: (typeof projects.$inferInsert)[]) {
  for (let i = 0; i < fresh.length; i += 500) {
    const rows = await tx.db
      .insert(projects)
      .values(fresh.slice(i, i + 500))
      .returning();
    await tx.db.insert(stageEvents).values(
      rows.map((r) => ({
        zoneId: actor.zoneId,
        projectId: r.id,
        fromStage: null,
        toStage: r.stage,
        happenedOn: r.stageOn,
        source: 'ledger',
        actorId: actor.userId,
        actorName: actor.displayName,
      })),
    );
    await tx.db.insert(auditLog).values(
      rows.map((r) => ({
        zoneId: actor.zoneId,
        actorId: actor.userId,
        actorName: actor.displayName,
        action: 'create',
        entity: 'investment_project',
        entityId: r.id,
        after: r,
      })),
    );
  }
}

async function apply(tx: Tx, actor: Actor, rows: ProjectLedgerRow[]): Promise<ApplyResult> {
  const out: ApplyResult = { created: 0, updated: 0, unchanged: 0, problems: agencyImportProblem(actor) };
  if (out.problems.length > 0) return out;
  const deps = await departmentsByName(tx);
  if (deps.size === 0) await adoptReferrers(tx, actor, rows, deps);
  for (const r of rows) {
    if (r.values.referrer && !deps.has(r.values.referrer)) {
      out.problems.push({
        row: r.rowNumber,
        column: r.headers.referrer,
        value: r.values.referrer,
        reason: t('不是本园区的部门或招商机构', 'Not a department or agency of the zone'),
      });
    }
  }
  if (out.problems.length > 0) return out;
  const existing = new Map<string, ProjectRow>();
  const codes = rows.map((r) => r.values.code as string);
  for (let i = 0; i < codes.length; i += 1000) {
    const found = await tx.db
      .select()
      .from(projects)
      .where(and(inArray(projects.code, codes.slice(i, i + 1000)), isNull(projects.deletedAt)));
    for (const p of found) existing.set(p.code, p);
  }
  // Every investor of the file at once (ledger-investors.ts): a few statements, not a few per row.
  const investors = await resolveInvestors(
    tx,
    actor,
    rows.map((r) => ({ key: companyKey(r.values), name: r.values.investor as string, uscc: r.values.uscc })),
  );
  const lists = new Map<string, Top500List[]>();
  for (const r of rows) {
    const c = investors.get(companyKey(r.values));
    if (c && 'id' in c && !lists.has(c.id)) lists.set(c.id, (r.values.top500 ?? []) as Top500List[]);
  }
  const listsChanged = rows[0]?.present.has('top500') ? await setInvestorLists(tx, actor, lists) : new Set<string>();
  const companiesDone = new Map<string, string>();
  const events = new Map<string, string>();
  const fresh: (typeof projects.$inferInsert)[] = [];
  const now = today();
  for (const r of rows) {
    const v = r.values;
    let companyChanged = false;
    let companyId = companiesDone.get(companyKey(v));
    if (!companyId) {
      const c = investors.get(companyKey(v)) as Resolved;
      if ('problem' in c) {
        out.problems.push({ row: r.rowNumber, column: r.headers.investor, value: v.investor ?? '', reason: c.problem });
        continue;
      }
      companyId = c.id;
      companyChanged = c.changed || listsChanged.has(companyId);
      companiesDone.set(companyKey(v), companyId);
    }
    const stage = v.stage as Stage;
    const wanted: Partial<Record<(typeof FIELDS)[number], string | null>> = {
      name: v.name,
      companyId,
      channel: v.channel,
      totalInvestment: v.total,
      stage,
      signedOn: v.signedOn,
    };
    if (r.present.has('industry')) {
      wanted.industry = v.industry ?? '';
      wanted.industryCode = v.industry && INDUSTRY_CODE.test(v.industry) ? v.industry : null;
    }
    if (r.present.has('chain')) wanted.chain = v.chain ?? '';
    if (r.present.has('referrer')) wanted.referrerDepartmentId = v.referrer ? (deps.get(v.referrer)?.id ?? null) : null;
    if (r.present.has('foreignUsd')) wanted.foreignInvestmentUsd = v.foreignUsd;
    if (r.present.has('person')) wanted.responsiblePerson = v.person ?? '';
    if (r.present.has('event') || v.signedOn === null) {
      wanted.signingEventId = v.event && v.signedOn ? await eventFor(tx, actor, events, v.event, v.signedOn) : null;
    }
    const prior = existing.get(v.code as string);
    if (!prior) {
      const stageOn = stage === 'signed' && v.signedOn ? v.signedOn : now;
      fresh.push({
        ...wanted,
        code: v.code as string,
        name: v.name as string,
        zoneId: actor.zoneId,
        companyId,
        channel: v.channel as string,
        totalInvestment: v.total as string,
        stage,
        signedOn: v.signedOn,
        stageOn,
        landedOn: LANDED_STAGES.includes(stage) ? stageOn : null,
        industry: wanted.industry ?? '',
        chain: wanted.chain ?? '',
        responsiblePerson: wanted.responsiblePerson ?? '',
      });
      out.created++;
      continue;
    }
    const patch: Record<string, unknown> = {};
    for (const f of FIELDS) {
      if (!(f in wanted)) continue;
      const current = prior[f] as string | null;
      if ((wanted[f] ?? null) !== (current ?? null)) patch[f] = wanted[f] ?? null;
    }
    if (Object.keys(patch).length === 0) {
      if (companyChanged) out.updated++;
      else out.unchanged++;
      continue;
    }
    if (patch.stage) {
      const on = stage === 'signed' && v.signedOn ? v.signedOn : now;
      patch.stageOn = on;
      if (LANDED_STAGES.includes(stage) && !prior.landedOn) patch.landedOn = on;
      // A correction back before landing takes the landing back too.
      if (!LANDED_STAGES.includes(stage) && stage !== 'dropped') patch.landedOn = null;
    }
    const after = await updateVersioned(tx, projects, prior.id, undefined, patch);
    if (patch.stage) {
      await recordStageEvent(tx, actor, {
        projectId: prior.id,
        from: prior.stage as Stage,
        to: stage,
        on: patch.stageOn as string,
        source: 'ledger',
      });
    }
    await record(tx, actor, {
      action: 'update',
      entity: 'investment_project',
      entityId: prior.id,
      before: prior,
      after,
    });
    out.updated++;
  }
  if (out.problems.length === 0) await insertFresh(tx, actor, fresh);
  return out;
}

async function exportTable(tx: Tx): Promise<Table> {
  const { rows } = await tx.client.query<{
    code: string;
    name: string;
    investor: string;
    uscc: string | null;
    lists: Top500List[];
    industry: string;
    chain: string;
    channel: keyof typeof CHANNEL_TEXTS;
    referrer: string | null;
    total: string;
    foreignUsd: string | null;
    stage: Stage;
    signedOn: string | null;
    event: string | null;
    person: string;
  }>(
    `SELECT p.code, p.name, c.name AS investor, c.uscc,
            array(SELECT DISTINCT m.list FROM company_top500 m WHERE m.company_id = c.id ORDER BY 1) AS lists,
            p.industry, p.chain, p.channel, d.name AS referrer, p.total_investment AS total,
            p.foreign_investment_usd AS "foreignUsd", p.stage, p.signed_on AS "signedOn", e.name AS event,
            p.responsible_person AS person
       FROM investment_projects p
       JOIN companies c ON c.id = p.company_id
       LEFT JOIN departments d ON d.id = p.referrer_department_id
       LEFT JOIN investment_signing_events e ON e.id = p.signing_event_id
      WHERE p.deleted_at IS NULL
      ORDER BY p.code`,
  );
  const order = (l: Top500List) => TOP500_LISTS.indexOf(l);
  return {
    sheetName: '招商项目台账',
    headers: HEADERS,
    rows: rows.map((r) => [
      r.code,
      r.name,
      r.investor,
      r.uscc,
      r.lists.length
        ? [...r.lists]
            .sort((a, b) => order(a) - order(b))
            .map((l) => TOP500_TEXT[l])
            .join('、')
        : null,
      r.industry || null,
      r.chain || null,
      channelLabel(r.channel),
      r.referrer,
      amountCell(r.total, 1e4),
      amountCell(r.foreignUsd, 1e4),
      STAGE_TEXT[r.stage],
      dateCell(r.signedOn),
      r.event,
      r.person || null,
    ]),
  };
}

export const investmentProjectsLedger: LedgerDef<ProjectLedgerRow> = {
  name: 'investment-projects',
  title: t('招商项目台账', 'Investment projects'),
  permissions: { import: 'investment.write', export: 'report.read' },
  parse,
  apply,
  export: exportTable,
  template: () => ({ sheetName: '招商项目台账', headers: HEADERS, rows: [] }),
};
