import { api, request } from '../../../api/client.ts';
import { BASE, type ProjectDetail, projectPath } from '../api.ts';
import {
  changed,
  membersBody,
  planBody,
  projectBody,
  relabel,
  samePlan,
  type Values,
  valuesOf,
} from './projectFormValues.ts';

/**
 * Saving the major-project form: the project, then each changed yearly list entry,
 * then the task force, each through its own endpoint, in that order.
 */

/** A refused request of a save, its fields named as the form's; `saved`: the project's id when earlier requests went through. */
export class FieldsError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly saved: string | null,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

async function step<T>(run: () => Promise<T>, rename: (field: string) => string, saved: string | null): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new FieldsError(relabel(err, rename), saved);
  }
}

/** The yearly list entries and task force of the form that `p` does not have yet. */
async function saveLists(p: ProjectDetail, v: Values, savedBefore: boolean): Promise<ProjectDetail> {
  let saved = savedBefore ? p.id : null;
  const rows = v.plans ?? [];
  for (const [i, row] of rows.entries()) {
    const had = p.plans.find((x) => x.year === row.year);
    if (had && samePlan(had, row)) continue;
    const body = { ...planBody(row), ...(had ? { version: had.version } : {}) };
    await step(
      () => request('PUT', `${projectPath(p.id)}/plans/${row.year}`, { body }),
      (f) => `plans.${i}.${f}`,
      saved,
    );
    saved = p.id;
  }
  for (const had of p.plans) {
    if (rows.some((r) => r.year === had.year)) continue;
    await step(
      () => api.delete(`${projectPath(p.id)}/plans/${had.year}`, { version: had.version }),
      (f) => f,
      saved,
    );
    saved = p.id;
  }
  const members = membersBody(v.taskForce ?? []);
  if (JSON.stringify(members) !== JSON.stringify(membersBody(valuesOf(p, noDefaults).taskForce))) {
    await step(
      () => request('PUT', `${projectPath(p.id)}/task-force`, { body: { members } }),
      (f) => f.replace(/^members\./, 'taskForce.'),
      saved,
    );
    saved = p.id;
  }
  return saved ? api.get<ProjectDetail>(projectPath(p.id)) : p;
}

const noDefaults = { departmentId: null, year: 0 };

export async function createProject(v: Values): Promise<ProjectDetail> {
  const first = v.plans?.[0];
  const body = { ...projectBody(v), ...(first ? { plan: { year: first.year, ...planBody(first) } } : {}) };
  const p = await step(
    () => api.post<ProjectDetail>(BASE, body),
    (f) => f.replace(/^plan\./, 'plans.0.'),
    null,
  );
  return saveLists(p, v, true);
}

export async function updateProject(record: ProjectDetail, v: Values): Promise<ProjectDetail> {
  const patch = changed(projectBody(valuesOf(record, noDefaults)), projectBody(v));
  const p = Object.keys(patch).length
    ? await step(
        () => api.patch<ProjectDetail>(projectPath(record.id), { version: record.version, ...patch }),
        (f) => f,
        null,
      )
    : record;
  return saveLists(p, v, Object.keys(patch).length > 0);
}
