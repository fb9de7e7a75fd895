import { ApiError, isApiError } from '../../../api/client.ts';
import { shiftDown, toYuan } from '../../../components/amount.ts';
import type { Kind, Level, Plan, ProjectDetail } from '../api.ts';

/**
 * The major-project form's values and the requests they make: amounts are typed
 * in 万元 and sent in 元 with every digit kept; the yearly list entries and the
 * task force are rows of the form, saved through their own endpoints.
 */

export interface PlanRow {
  year: number;
  levels: Level[];
  kind: Kind;
  annualPlan: string;
}
export interface MemberRow {
  name: string;
  role?: string;
  departmentId?: string | null;
  phone?: string;
  userId?: string | null;
}
export interface Values {
  key: string;
  name: string;
  builder: string;
  totalInvestment: string;
  departmentId?: string | null;
  location?: string;
  description?: string;
  plannedStartDate?: string;
  actualStartDate?: string;
  plans: PlanRow[];
  taskForce: MemberRow[];
}

export const PROJECT_FIELDS = [
  'key',
  'name',
  'builder',
  'totalInvestment',
  'departmentId',
  'location',
  'description',
  'plannedStartDate',
  'actualStartDate',
] as const;

/** Every field the API's messages may land on, the list rows' one by one. */
export function formFields(v: Pick<Values, 'plans' | 'taskForce'>): string[] {
  return [
    ...PROJECT_FIELDS,
    ...(v.plans ?? []).flatMap((_, i) => ['year', 'levels', 'kind', 'annualPlan'].map((f) => `plans.${i}.${f}`)),
    ...(v.taskForce ?? []).flatMap((_, i) =>
      ['name', 'role', 'departmentId', 'phone', 'userId'].map((f) => `taskForce.${i}.${f}`),
    ),
  ];
}

/** 元 from the API as 万元 to edit: "2500000000.00" → "250000". */
export const wanInput = (yuan: string) => shiftDown(yuan, 4, 6, false).replace(/\.?0+$/, '');
/** 万元 typed → 元 for the API; what toYuan refuses the form's rule has refused already. */
export const yuanOf = (wan: string | undefined) => toYuan(String(wan ?? '').trim(), 'wan') ?? '';

export function valuesOf(p: ProjectDetail | null, defaults: { departmentId: string | null; year: number }): Values {
  if (!p) {
    return {
      key: '',
      name: '',
      builder: '',
      totalInvestment: '',
      departmentId: defaults.departmentId,
      plans: [{ year: defaults.year, levels: ['zone'], kind: 'new', annualPlan: '' }],
      taskForce: [],
    };
  }
  return {
    key: p.key,
    name: p.name,
    builder: p.builder,
    totalInvestment: wanInput(p.totalInvestment),
    departmentId: p.departmentId,
    location: p.location,
    description: p.description,
    plannedStartDate: p.plannedStartDate ?? undefined,
    actualStartDate: p.actualStartDate ?? undefined,
    plans: p.plans.map((x) => ({ year: x.year, levels: x.levels, kind: x.kind, annualPlan: wanInput(x.annualPlan) })),
    taskForce: p.taskForce.map((m) => ({
      name: m.name,
      role: m.role,
      departmentId: m.departmentId,
      phone: m.phone ?? '',
      userId: m.userId,
    })),
  };
}

/** The project's own fields as the API takes them. */
export function projectBody(v: Values) {
  return {
    key: v.key.trim(),
    name: v.name.trim(),
    builder: v.builder.trim(),
    totalInvestment: yuanOf(v.totalInvestment),
    departmentId: v.departmentId ?? null,
    location: v.location ?? '',
    description: v.description ?? '',
    plannedStartDate: v.plannedStartDate || null,
    actualStartDate: v.actualStartDate || null,
  };
}

export const planBody = (r: PlanRow) => ({ levels: r.levels, kind: r.kind, annualPlan: yuanOf(r.annualPlan) });

export const membersBody = (rows: MemberRow[]) =>
  rows.map((m) => ({
    name: m.name.trim(),
    role: m.role?.trim() ?? '',
    departmentId: m.departmentId ?? null,
    phone: m.phone?.trim() || null,
    userId: m.userId ?? null,
  }));

/** The fields of `next` that differ from `before` (a PATCH sends only those). */
export function changed<T extends Record<string, unknown>>(before: T, next: T): Partial<T> {
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => before[k] !== v)) as Partial<T>;
}

export const samePlan = (a: Plan, r: PlanRow) =>
  a.kind === r.kind &&
  [...a.levels].sort().join() === [...r.levels].sort().join() &&
  a.annualPlan === yuanOf(r.annualPlan);

/** Re-labels an API error's fields as the form's (`plan.kind` of a create → `plans.0.kind`). */
export function relabel(err: unknown, rename: (field: string) => string): unknown {
  if (!isApiError(err)) return err;
  return new ApiError(
    err.status,
    err.message,
    err.fields.map((f) => ({ ...f, field: rename(f.field) })),
  );
}
