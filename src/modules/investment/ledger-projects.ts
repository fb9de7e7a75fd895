import { and, eq, isNull } from 'drizzle-orm';
import { type Column, rowJson, rowOf, unnestOf, unnestParams } from '../../db/bulk.ts';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import type { ApplyResult, LedgerDef, WriteOptions } from '../../ledger/ledger.ts';
import type { SheetSource } from '../../ledger/read.ts';
import type { Table } from '../../ledger/xlsx.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { createDepartment } from '../departments/service.ts';
import { agencyImportProblem, amountCell, dateCell } from './ledger-common.ts';
import { resolveInvestors, setInvestorLists } from './ledger-investors.ts';
import {
  check,
  companyKey,
  HEADERS,
  type ProjectLedgerRow,
  type ProjectPlan,
  projectRows,
} from './ledger-projects-parse.ts';
import { projects, signingEvents } from './schema.ts';
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
  let id = found?.id;
  if (!id) {
    const [made] = await tx.db.insert(signingEvents).values({ zoneId: actor.zoneId, name, heldOn: on }).returning();
    await record(tx, actor, { action: 'create', entity: 'signing_event', entityId: made.id, after: made });
    id = made.id;
  }
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
async function adoptReferrers(tx: Tx, actor: Actor, plan: ProjectPlan, deps: Map<string, DepartmentRef>) {
  for (const [name, first] of plan.referrers) {
    if (deps.has(name)) continue;
    const kind = first.channel === 'agency' ? 'agency' : 'internal';
    const d = await createDepartment(tx, actor, { name, kind, description: '', sortOrder: (first.index + 1) * 10 });
    deps.set(name, { id: d.id, name: d.name, kind: d.kind });
  }
}

/** The columns a new project is written with (the rest take their defaults), in the order of `freshValues`. */
const FRESH_COLUMNS = [
  ['code', 'text'],
  ['name', 'text'],
  ['company_id', 'uuid'],
  ['industry', 'text'],
  ['industry_code', 'text'],
  ['chain', 'text'],
  ['channel', 'text'],
  ['referrer_department_id', 'uuid'],
  ['responsible_person', 'text'],
  ['total_investment', 'numeric'],
  ['foreign_investment_usd', 'numeric'],
  ['stage', 'text'],
  ['stage_on', 'date'],
  ['signed_on', 'date'],
  ['landed_on', 'date'],
  ['signing_event_id', 'uuid'],
] as const satisfies readonly Column[];

const fresh = unnestOf(FRESH_COLUMNS, 4);
/**
 * New projects, their first stage events and their audit entries in one
 * statement (the other two read the rows the insert returns): one statement
 * for a few thousand rows instead of Drizzle's multi-row inserts, whose
 * building cost more than the writing, and no row sent back and forth.
 */
const INSERT_FRESH = `
  WITH p AS (
    INSERT INTO investment_projects (zone_id, ${FRESH_COLUMNS.map(([n]) => n).join(', ')})
    SELECT $1::uuid, ${fresh.select} FROM ${fresh.from}
    RETURNING *
  ), s AS (
    INSERT INTO investment_stage_events (zone_id, project_id, from_stage, to_stage, happened_on, source, actor_id, actor_name)
    SELECT zone_id, id, NULL, stage, stage_on, 'ledger', $2::uuid, $3::text FROM p
  )
  INSERT INTO audit_log (zone_id, actor_id, actor_name, action, entity, entity_id, after)
  SELECT zone_id, $2::uuid, $3::text, 'create', 'investment_project', id::text, ${rowJson(projects, 'p')} FROM p`;

async function insertFresh(tx: Tx, actor: Actor, rows: unknown[][]) {
  if (rows.length === 0) return;
  await tx.client.query(INSERT_FRESH, [
    actor.zoneId,
    actor.userId,
    actor.displayName,
    ...unnestParams(FRESH_COLUMNS, rows),
  ]);
}

async function existingByCode(tx: Tx, codes: string[]): Promise<Map<string, ProjectRow>> {
  const { rows } = await tx.client.query<Record<string, unknown>>(
    'SELECT * FROM investment_projects WHERE code = ANY($1::text[]) AND deleted_at IS NULL',
    [codes],
  );
  const out = new Map<string, ProjectRow>();
  for (const raw of rows) {
    const p = rowOf(projects, raw);
    out.set(p.code, p);
  }
  return out;
}

/** Rows a statement: large enough that round trips do not count, small enough that memory stays flat. */
const WRITE_CHUNK = 1000;

/**
 * The second pass, inside the import's transaction: the units and investors
 * of the whole file first (from the plan), then the rows again, a chunk at
 * a time, each chunk's existing projects read in one statement and its new
 * ones written in one more. A problem only the database sees (an unknown
 * unit, an investor registered under another code) is found before any row
 * is written; then, as when the first pass found problems (`checkOnly`), the
 * rows are only checked, so that every problem is listed and nothing written.
 */
async function write(
  tx: Tx,
  actor: Actor,
  source: SheetSource,
  plan: ProjectPlan,
  opts: WriteOptions,
): Promise<ApplyResult> {
  const out: ApplyResult = { created: 0, updated: 0, unchanged: 0, problems: agencyImportProblem(actor) };
  if (out.problems.length > 0) return out;
  const deps = await departmentsByName(tx);
  // A zone without units adopts the file's (below); when nothing is written, they count as known.
  const adopting = deps.size === 0;
  const knownUnit = (name: string) => adopting || deps.has(name);
  let checkOnly = opts.checkOnly || [...plan.referrers.keys()].some((name) => !knownUnit(name));
  // Every investor of the file at once (ledger-investors.ts): a few statements, not a few per row.
  const investors = await resolveInvestors(
    tx,
    actor,
    [...plan.investors].map(([key, v]) => ({ key, name: v.name, uscc: v.uscc })),
    { write: !checkOnly },
  );
  if ([...investors.values()].some((c) => 'problem' in c)) checkOnly = true;
  if (checkOnly) {
    for await (const rows of projectRows(source, plan, WRITE_CHUNK)) {
      for (const r of rows) {
        const v = r.values;
        if (v.referrer && !knownUnit(v.referrer)) {
          out.problems.push({
            row: r.rowNumber,
            column: r.headers.referrer,
            value: v.referrer,
            reason: t('不是本园区的部门或招商机构', 'Not a department or agency of the zone'),
          });
        }
        const c = v.investor ? investors.get(companyKey(v)) : undefined;
        if (c && 'problem' in c) {
          out.problems.push({
            row: r.rowNumber,
            column: r.headers.investor,
            value: v.investor ?? '',
            reason: c.problem,
          });
        }
      }
    }
    return out;
  }
  if (adopting) await adoptReferrers(tx, actor, plan, deps);
  const lists = new Map<string, Top500List[]>();
  for (const [key, v] of plan.investors) {
    const c = investors.get(key);
    if (c && 'id' in c && !lists.has(c.id)) lists.set(c.id, v.lists);
  }
  const listsChanged = plan.present.has('top500') ? await setInvestorLists(tx, actor, lists) : new Set<string>();
  const companiesDone = new Map<string, string>();
  const events = new Map<string, string>();
  const now = today();
  // Each chunk's insert runs while the next chunk is read from the file (the database works in
  // another process or thread): the statement is sent, and awaited only before the next one.
  const chunks = projectRows(source, plan, WRITE_CHUNK);
  let next = chunks.next();
  let writing: Promise<void> = Promise.resolve();
  try {
    for (let step = await next; !step.done; step = await next) {
      await writing;
      await writeChunk(step.value);
      next = chunks.next();
    }
    await writing;
  } finally {
    // A failed chunk leaves its insert's promise handled and the file closed.
    await writing.catch(() => {});
    await chunks.return(undefined);
  }
  return out;

  async function writeChunk(rows: ProjectLedgerRow[]) {
    const existing = await existingByCode(
      tx,
      rows.map((r) => r.values.code as string),
    );
    const fresh: unknown[][] = [];
    for (const r of rows) {
      const v = r.values;
      let companyChanged = false;
      let companyId = companiesDone.get(companyKey(v));
      if (!companyId) {
        // Resolved without a problem: one would have made this pass check only.
        const c = investors.get(companyKey(v)) as { id: string; changed: boolean };
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
      if (r.present.has('referrer'))
        wanted.referrerDepartmentId = v.referrer ? (deps.get(v.referrer)?.id ?? null) : null;
      if (r.present.has('foreignUsd')) wanted.foreignInvestmentUsd = v.foreignUsd;
      if (r.present.has('person')) wanted.responsiblePerson = v.person ?? '';
      if (r.present.has('event') || v.signedOn === null) {
        wanted.signingEventId = v.event && v.signedOn ? await eventFor(tx, actor, events, v.event, v.signedOn) : null;
      }
      const prior = existing.get(v.code as string);
      if (!prior) {
        const stageOn = stage === 'signed' && v.signedOn ? v.signedOn : now;
        // In the order of FRESH_COLUMNS.
        fresh.push([
          v.code,
          v.name,
          companyId,
          wanted.industry ?? '',
          wanted.industryCode ?? null,
          wanted.chain ?? '',
          v.channel,
          wanted.referrerDepartmentId ?? null,
          wanted.responsiblePerson ?? '',
          v.total,
          wanted.foreignInvestmentUsd ?? null,
          stage,
          stageOn,
          v.signedOn,
          LANDED_STAGES.includes(stage) ? stageOn : null,
          wanted.signingEventId ?? null,
        ]);
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
    writing = insertFresh(tx, actor, fresh);
    writing.catch(() => {});
  }
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

export const investmentProjectsLedger: LedgerDef<ProjectPlan> = {
  name: 'investment-projects',
  title: t('招商项目台账', 'Investment projects'),
  permissions: { import: 'investment.write', export: 'report.read' },
  tables: [
    'investment_projects',
    'investment_stage_events',
    'companies',
    'company_top500',
    'investment_signing_events',
  ],
  stream: { check, write },
  export: exportTable,
  template: () => ({ sheetName: '招商项目台账', headers: HEADERS, rows: [] }),
};
