import Decimal from 'decimal.js';
import type { Tx } from '../../db/tx.ts';
import { type ColumnDef, duplicateKeys, type LedgerProblem, parseLedger } from '../../ledger/columns.ts';
import type { LedgerDef, WriteOptions } from '../../ledger/ledger.ts';
import type { Sheet } from '../../ledger/read.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { assertActsOnAllProjects } from './access.ts';
import { dateCell, presentKeys, wanCell } from './ledger-common.ts';
import { setStartDates } from './milestones.ts';
import { KINDS, type Kind, LEVELS, type Level } from './schema.ts';

/** 重大项目清单 (`major-projects`): one row per project and plan year (shared/spec/ledgers.md). */

export const LEVEL_CELLS: Record<string, Level> = { 省级: 'province', 市级: 'city', 区级: 'zone' };
export const KIND_CELLS: Record<string, Kind> = { 新开工: 'new', 续建: 'continuing', 竣工: 'finishing' };
const withIds = <V extends string>(m: Record<string, V>, ids: readonly V[]) =>
  ({ ...m, ...Object.fromEntries(ids.map((v) => [v, v])) }) as Record<string, V>;
const zhOf = <V extends string>(m: Record<string, V>, v: V) => Object.keys(m).find((k) => m[k] === v) as string;

const COLUMNS = [
  { key: 'key', header: '项目编号', kind: { type: 'text', max: 64 }, required: true },
  { key: 'name', header: '项目名称', kind: { type: 'text', max: 200 }, required: true },
  { key: 'builder', header: '建设单位', kind: { type: 'text', max: 200 }, required: true },
  { key: 'year', header: '年度', kind: { type: 'int', min: 2000, max: 2100 }, required: true },
  {
    key: 'levels',
    header: '项目级别',
    kind: { type: 'enumList', values: withIds(LEVEL_CELLS, LEVELS) },
    required: true,
  },
  { key: 'kind', header: '建设性质', kind: { type: 'enum', values: withIds(KIND_CELLS, KINDS) }, required: true },
  { key: 'total', header: '总投资', kind: { type: 'money' }, required: true },
  { key: 'annualPlan', header: '年度计划投资', kind: { type: 'money' }, required: true },
  { key: 'plannedStart', header: '计划开工日期', kind: { type: 'date' } },
  { key: 'actualStart', header: '实际开工日期', kind: { type: 'date' } },
  { key: 'department', header: '责任单位', kind: { type: 'text', max: 100 } },
] as const satisfies readonly ColumnDef[];

export interface ProjectRow {
  rowNumber: number;
  headers: Record<string, string>;
  key: string;
  name: string;
  builder: string;
  year: number;
  levels: Level[];
  kind: Kind;
  total: string;
  annualPlan: string;
  plannedStart: string | null;
  actualStart: string | null;
  department: string | null;
  /** Optional columns the file has. */
  has: { plannedStart: boolean; actualStart: boolean; department: boolean };
}

const PROJECT_FIELDS = ['name', 'builder', 'total', 'plannedStart', 'actualStart', 'department'] as const;

function parse(sheet: Sheet) {
  const parsed = parseLedger(sheet, COLUMNS);
  const present = presentKeys(sheet, COLUMNS);
  const problems: LedgerProblem[] = [...parsed.problems];
  const rows: ProjectRow[] = [];
  for (const r of parsed.rows) {
    const v = r.values;
    const levels = (v.levels ?? []) as Level[];
    if (v.levels !== null && levels.length === 0) {
      problems.push({ row: r.rowNumber, column: r.headers.levels, value: '', reason: t('必填', 'Required') });
    }
    if (
      v.kind === 'new' &&
      v.plannedStart === null &&
      !problems.some((p) => p.row === r.rowNumber && p.column === r.headers.plannedStart)
    ) {
      problems.push({
        row: r.rowNumber,
        column: r.headers.plannedStart,
        value: '',
        reason: t('新开工项目须填写计划开工日期', 'A new start needs its planned start date'),
      });
    }
    rows.push({
      rowNumber: r.rowNumber,
      headers: r.headers,
      key: v.key ?? '',
      name: v.name ?? '',
      builder: v.builder ?? '',
      year: v.year ?? 0,
      levels: LEVELS.filter((l) => levels.includes(l)),
      kind: (v.kind ?? 'continuing') as Kind,
      total: v.total ?? '0.00',
      annualPlan: v.annualPlan ?? '0.00',
      plannedStart: v.plannedStart,
      actualStart: v.actualStart,
      department: v.department || null,
      has: {
        plannedStart: present.has('plannedStart'),
        actualStart: present.has('actualStart'),
        department: present.has('department'),
      },
    });
  }
  problems.push(...duplicateKeys(rows, (r) => (r.key ? `${r.key} · ${r.year}` : null), parsed.headers.key));
  // One project, one set of facts: rows of the same key must agree on them.
  const first = new Map<string, ProjectRow>();
  for (const r of rows) {
    const f = first.get(r.key);
    if (!f) {
      first.set(r.key, r);
      continue;
    }
    for (const k of PROJECT_FIELDS) {
      const a = f[k];
      const b = r[k];
      const differ = k === 'total' ? !new Decimal(a ?? 0).eq(b ?? 0) : a !== b;
      if (differ) {
        problems.push({
          row: r.rowNumber,
          column: r.headers[k],
          value: String(b ?? ''),
          reason: t(
            `同一项目编号在第 ${f.rowNumber} 行的值不同`,
            `Differs from row ${f.rowNumber} of the same project key`,
          ),
        });
      }
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return { rows, problems, warnings: parsed.warnings };
}

interface Existing {
  id: string;
  key: string;
  name: string;
  builder: string;
  total_investment: string;
  department_id: string | null;
  planned_start: string | null;
  actual_start: string | null;
  version: number;
}

async function departmentIds(tx: Tx, actor: Actor, names: string[]) {
  const { rows } = await tx.client.query<{ id: string; name: string }>(
    'SELECT id, name FROM departments WHERE zone_id = $1 AND deleted_at IS NULL',
    [actor.zoneId],
  );
  const ids = new Map(rows.map((r) => [r.name, r.id]));
  // A 责任单位 the zone does not have yet is created, so the file imports as written.
  for (const name of names) {
    if (ids.has(name)) continue;
    const { rows: made } = await tx.client.query<{ id: string }>(
      `INSERT INTO departments (zone_id, name, description) VALUES ($1, $2, '由重大项目清单导入创建') RETURNING id`,
      [actor.zoneId, name],
    );
    ids.set(name, made[0].id);
    await record(tx, actor, { action: 'create', entity: 'department', entityId: made[0].id, after: { name } });
  }
  return ids;
}

async function apply(tx: Tx, actor: Actor, rows: ProjectRow[], opts: WriteOptions) {
  await assertActsOnAllProjects(tx, actor);
  // Nothing here needs the database to find a problem (an unknown 责任单位 is created).
  if (opts.checkOnly) return { created: 0, updated: 0, unchanged: 0, problems: [] };
  const names = [...new Set(rows.map((r) => r.department).filter((d): d is string => d !== null))];
  const deps = await departmentIds(tx, actor, names);
  const { rows: found } = await tx.client.query<Existing>(
    `SELECT p.id, p.key, p.name, p.builder, p.total_investment, p.department_id, p.version,
            s.planned_date AS planned_start, s.actual_date AS actual_start
       FROM major_projects p LEFT JOIN major_project_milestones s ON s.project_id = p.id AND s.kind = 'start'
      WHERE p.zone_id = $1 AND p.deleted_at IS NULL AND p.key = ANY ($2::text[])`,
    [actor.zoneId, [...new Set(rows.map((r) => r.key))]],
  );
  const existing = new Map(found.map((e) => [e.key, e]));
  const projectOutcome = new Map<string, { id: string; outcome: 'created' | 'updated' | 'unchanged' }>();
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const r of rows) {
    let project = projectOutcome.get(r.key);
    if (!project) {
      project = await applyProject(tx, actor, r, existing.get(r.key), deps);
      projectOutcome.set(r.key, project);
    } else if (project.outcome !== 'unchanged') {
      // The project's change is counted on its first row.
      project = { ...project, outcome: 'unchanged' };
    }
    const plan = await applyPlan(tx, actor, project.id, r);
    const outcome =
      plan === 'created' || project.outcome === 'created'
        ? 'created'
        : plan === 'updated' || project.outcome === 'updated'
          ? 'updated'
          : 'unchanged';
    counts[outcome]++;
  }
  return { ...counts, problems: [] };
}

async function applyProject(
  tx: Tx,
  actor: Actor,
  r: ProjectRow,
  e: Existing | undefined,
  deps: Map<string, string>,
): Promise<{ id: string; outcome: 'created' | 'updated' | 'unchanged' }> {
  const departmentId = r.has.department
    ? r.department
      ? (deps.get(r.department) ?? null)
      : null
    : (e?.department_id ?? null);
  let id: string;
  let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
  if (!e) {
    const { rows } = await tx.client.query<{ id: string }>(
      `INSERT INTO major_projects (zone_id, key, name, builder, total_investment, department_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [actor.zoneId, r.key, r.name, r.builder, r.total, departmentId],
    );
    id = rows[0].id;
    outcome = 'created';
    await record(tx, actor, {
      action: 'create',
      entity: 'major_project',
      entityId: id,
      after: { key: r.key, name: r.name, builder: r.builder, totalInvestment: r.total, departmentId },
    });
  } else {
    id = e.id;
    const changed =
      e.name !== r.name ||
      e.builder !== r.builder ||
      !new Decimal(e.total_investment).eq(r.total) ||
      e.department_id !== departmentId;
    if (changed) {
      await tx.client.query(
        `UPDATE major_projects SET name = $2, builder = $3, total_investment = $4, department_id = $5,
                version = version + 1, updated_at = now() WHERE id = $1`,
        [id, r.name, r.builder, r.total, departmentId],
      );
      outcome = 'updated';
      await record(tx, actor, {
        action: 'update',
        entity: 'major_project',
        entityId: id,
        before: {
          name: e.name,
          builder: e.builder,
          totalInvestment: e.total_investment,
          departmentId: e.department_id,
        },
        after: { name: r.name, builder: r.builder, totalInvestment: r.total, departmentId },
      });
    }
  }
  const planned = r.has.plannedStart ? r.plannedStart : (e?.planned_start ?? null);
  const actual = r.has.actualStart ? r.actualStart : (e?.actual_start ?? null);
  if (await setStartDates(tx, actor, id, planned, actual)) {
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return { id, outcome };
}

async function applyPlan(tx: Tx, actor: Actor, projectId: string, r: ProjectRow) {
  const { rows } = await tx.client.query<{ id: string; levels: Level[]; kind: Kind; annual_plan: string }>(
    'SELECT id, levels, kind, annual_plan FROM major_project_plans WHERE project_id = $1 AND year = $2 FOR UPDATE',
    [projectId, r.year],
  );
  const before = rows[0];
  const after = { projectId, year: r.year, levels: r.levels, kind: r.kind, annualPlan: r.annualPlan };
  if (!before) {
    const { rows: made } = await tx.client.query<{ id: string }>(
      `INSERT INTO major_project_plans (zone_id, project_id, year, levels, kind, annual_plan)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [actor.zoneId, projectId, r.year, r.levels, r.kind, r.annualPlan],
    );
    await record(tx, actor, { action: 'create', entity: 'major_project.plan', entityId: made[0].id, after });
    return 'created' as const;
  }
  if (
    before.levels.join() === r.levels.join() &&
    before.kind === r.kind &&
    new Decimal(before.annual_plan).eq(r.annualPlan)
  ) {
    return 'unchanged' as const;
  }
  await tx.client.query(
    `UPDATE major_project_plans SET levels = $2, kind = $3, annual_plan = $4, version = version + 1, updated_at = now()
      WHERE id = $1`,
    [before.id, r.levels, r.kind, r.annualPlan],
  );
  await record(tx, actor, {
    action: 'update',
    entity: 'major_project.plan',
    entityId: before.id,
    before: { projectId, year: r.year, levels: before.levels, kind: before.kind, annualPlan: before.annual_plan },
    after,
  });
  return 'updated' as const;
}

const HEADERS = [
  '项目编号',
  '项目名称',
  '建设单位',
  '年度',
  '项目级别',
  '建设性质',
  '总投资(万元)',
  '年度计划投资(万元)',
  '计划开工日期',
  '实际开工日期',
  '责任单位',
];

async function exportRows(tx: Tx) {
  const { rows } = await tx.client.query<{
    key: string;
    name: string;
    builder: string;
    year: number;
    levels: Level[];
    kind: Kind;
    total: string;
    plan: string;
    planned: string | null;
    actual: string | null;
    department: string | null;
  }>(
    `SELECT p.key, p.name, p.builder, pl.year, pl.levels, pl.kind, p.total_investment AS total, pl.annual_plan AS plan,
            s.planned_date AS planned, s.actual_date AS actual, d.name AS department
       FROM major_project_plans pl
       JOIN major_projects p ON p.id = pl.project_id AND p.deleted_at IS NULL
       LEFT JOIN major_project_milestones s ON s.project_id = p.id AND s.kind = 'start'
       LEFT JOIN departments d ON d.id = p.department_id
      WHERE pl.zone_id = $1
      ORDER BY p.key, pl.year`,
    [tx.zoneId],
  );
  return {
    sheetName: '重大项目清单',
    headers: HEADERS,
    rows: rows.map((r) => [
      r.key,
      r.name,
      r.builder,
      r.year,
      r.levels.map((l) => zhOf(LEVEL_CELLS, l)).join('、'),
      zhOf(KIND_CELLS, r.kind),
      wanCell(r.total),
      wanCell(r.plan),
      dateCell(r.planned),
      dateCell(r.actual),
      r.department,
    ]),
  };
}

export const majorProjectsLedger: LedgerDef<ProjectRow> = {
  name: 'major-projects',
  title: t('重大项目清单', 'Major projects of a year'),
  // Owners hold major.read for their own projects only; the whole list is for report readers.
  permissions: { import: 'major.write', export: 'report.read' },
  tables: [
    'major_projects',
    'major_project_plans',
    'major_project_milestones',
    'major_project_list_rows',
    'departments',
  ],
  parse,
  apply,
  export: exportRows,
  template: () => ({ sheetName: '重大项目清单', headers: HEADERS, rows: [] }),
};
