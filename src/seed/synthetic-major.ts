import { chineseCalendar } from '../core/workdays.ts';
import type { Tx } from '../db/tx.ts';
import { chineseName } from './random.ts';
import { addDays, bulkInsert, dayOf, logAmount, pgArray, uuid, wan } from './synthetic-bulk.ts';
import { LAST, type SyntheticCompany, type ZoneContext } from './synthetic-investment.ts';
import { ISSUE_TEXTS, MAJOR_WORKS, PHASES, PROGRESS, PUBLIC_WORKS, ROADS } from './synthetic-names.ts';

/**
 * A zone's major projects over ten years (2017–2026): each project on the
 * lists of the years it is built (new → continuing → finishing), its
 * milestones, a monthly report for every month it owes one (a few missing),
 * issues through their loop, task forces, supervision notices.
 */

const RESPONSIBLE = ['经济发展局', '经济合作局', '科技局', '建设局', '审批服务部', '社会事业局'];
const ISSUE_UNITS: Record<string, string> = {
  land: '自然资源规划分局',
  environment: '生态环境分局',
  approval: '审批服务部',
  funding: '财政局',
  utilities: '建设局',
  other: '经济发展局',
};
const pad = (n: number) => String(n).padStart(2, '0');
const LAST_MONTH = LAST.slice(0, 7);

export async function seedMajor(tx: Tx, z: ZoneContext, companies: SyntheticCompany[], count: number) {
  const { rng } = z;
  const cal = chineseCalendar();
  const projects: unknown[][] = [];
  const plans: unknown[][] = [];
  const milestones: unknown[][] = [];
  const reports: unknown[][] = [];
  const issues: unknown[][] = [];
  const steps: unknown[][] = [];
  const crew: unknown[][] = [];
  const keys = new Map<number, number>();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = uuid(rng);
    ids.push(id);
    const startYear = rng.int(2016, 2026);
    const duration = rng.int(2, 4);
    const isPublic = rng.next() < 0.1;
    const company = rng.pick(companies);
    const n = (keys.get(startYear) ?? 0) + 1;
    keys.set(startYear, n);
    const total = logAmount(rng, 20000, 1000000, 1000);
    const dep = isPublic ? '建设局' : rng.pick(RESPONSIBLE);
    projects.push([
      id,
      z.zoneId,
      `ZD${startYear}-${String(n).padStart(3, '0')}`,
      isPublic
        ? `${z.city}${rng.pick(PUBLIC_WORKS)}${rng.pick(PHASES)}`
        : `${rng.pick(company.industry.products)}${rng.pick(MAJOR_WORKS)}${rng.pick(PHASES)}`,
      isPublic ? `${z.city}高新区城市建设投资有限公司` : company.name,
      wan(total),
      z.deps.get(dep),
      `${z.city}高新区${rng.pick(ROADS)}`,
    ]);
    const plannedStart = `${startYear}-${pad(rng.int(2, 6))}-${pad(rng.int(1, 28))}`;
    const lateStart = rng.next() < 0.08;
    const actualStart = addDays(plannedStart, lateStart ? rng.int(60, 200) : rng.int(0, 40));
    const started = actualStart <= LAST ? actualStart : null;
    const endYear = startYear + duration - 1;
    const completion = `${endYear}-${pad(rng.int(9, 12))}-${pad(rng.int(1, 28))}`;
    const pace = rng.next() < 0.12 ? 0.5 + rng.next() * 0.35 : 0.9 + rng.next() * 0.25;
    const ms: [string, string, string | null][] = [
      ['land_requisition', `${startYear - 1}-0${rng.int(3, 5)}-15`, `${startYear - 1}-0${rng.int(3, 5)}-20`],
      ['land_award', `${startYear - 1}-09-20`, `${startYear - 1}-09-${rng.int(20, 28)}`],
      ['start', plannedStart, started],
      ['completion', completion, completion <= LAST && started ? completion : null],
    ];
    for (const [kind, planned, actual] of ms) milestones.push([z.zoneId, id, kind, planned, actual]);
    const annualBase = total / duration;
    for (let y = Math.max(2017, startYear); y <= Math.min(2026, endYear); y++) {
      const kind = y === startYear ? 'new' : y === endYear ? 'finishing' : 'continuing';
      const annual = Math.max(100, Math.round((annualBase * (0.8 + rng.next() * 0.4)) / 100) * 100);
      const levels =
        total >= 500000
          ? ['province', 'city', 'zone']
          : total >= 100000
            ? rng.next() < 0.4
              ? ['province', 'city', 'zone']
              : ['city', 'zone']
            : rng.next() < 0.3
              ? ['city', 'zone']
              : ['zone'];
      plans.push([uuid(rng), z.zoneId, id, y, pgArray(levels), kind, wan(annual)]);
      if (!started) continue;
      const firstMonth = kind === 'new' ? Number(started.slice(5, 7)) : 1;
      if (started.slice(0, 4) > String(y)) continue;
      const months: string[] = [];
      for (let m = firstMonth; m <= 12; m++) {
        const month = `${y}-${pad(m)}`;
        if (month > LAST_MONTH) break;
        if (rng.next() < (y === 2026 ? 0.05 : 0.02)) continue; // a missing report
        months.push(month);
      }
      const stages = PROGRESS[kind];
      for (const [k, month] of months.entries()) {
        const share = (annual * pace) / Math.max(1, 13 - firstMonth);
        const problem = rng.next() < 0.03 ? rng.pick(ISSUE_TEXTS)[0] : '';
        const next = month.endsWith('12') ? `${y + 1}-01` : `${y}-${pad(Number(month.slice(5)) + 1)}`;
        reports.push([
          z.zoneId,
          id,
          `${month}-01`,
          wan(Math.max(0, Math.round(share * (0.9 + rng.next() * 0.2)))),
          stages[Math.min(stages.length - 1, Math.floor((k * stages.length) / months.length))],
          problem,
          'web',
          `${dep}项目调度员`,
          `${next}-0${rng.int(1, 6)}T10:00:00+08:00`,
        ]);
      }
    }
    // Issues along the way: old ones closed, this year's at every step of the loop.
    for (let k = rng.int(0, 4); k > 0; k--) {
      if (!started) break;
      const [text, category] = rng.pick(ISSUE_TEXTS);
      const raised = addDays(started, rng.int(0, 365 * duration));
      if (raised > LAST) continue;
      const age = dayOf(LAST) - dayOf(raised);
      const depth = age > 120 ? 5 : rng.int(0, 5);
      const limit = rng.int(5, 30);
      const assigned = depth >= 1 ? addDays(raised, rng.int(0, 3)) : null;
      const flow: [string, string | null][] = [
        ['raise', raised],
        ['assign', assigned],
        ['handle', depth >= 2 && assigned ? addDays(assigned, 1) : null],
        ['respond', depth >= 3 && assigned ? addDays(assigned, rng.int(3, limit + 10)) : null],
        ['review_pass', depth >= 4 && assigned ? addDays(assigned, limit + 11) : null],
        ['close', depth >= 5 && assigned ? addDays(assigned, limit + 12) : null],
      ];
      const reached = flow.filter(([, on]) => on !== null && on <= LAST) as [string, string][];
      const status = ['open', 'assigned', 'handling', 'responded', 'reviewed', 'closed'][reached.length - 1];
      const issueId = uuid(rng);
      const unit = z.deps.get(ISSUE_UNITS[category]);
      const on = (step: string) => reached.find(([s]) => s === step)?.[1] ?? null;
      const a = on('assign');
      issues.push([
        issueId,
        z.zoneId,
        id,
        text,
        category,
        unit,
        status,
        raised,
        a,
        a ? limit : null,
        a ? cal.addWorkdays(a, limit) : null,
        on('respond'),
        on('close'),
        on('respond') ? '已协调解决' : '',
      ]);
      for (const [step, date] of reached) {
        const note = step === 'assign' ? `限 ${limit} 个工作日办结` : step === 'raise' ? text : '';
        steps.push([z.zoneId, issueId, step, date, note, step === 'assign' ? unit : null, `${dep}项目调度员`]);
      }
    }
    if (rng.next() < 0.2) {
      for (const [k, role] of ['组长', '副组长', '成员', '成员'].entries()) {
        crew.push([
          uuid(rng),
          z.zoneId,
          id,
          chineseName(rng),
          role,
          z.deps.get(k === 0 ? '党政办公室' : k === 1 ? dep : '审批服务部'),
          `139${String(rng.int(0, 99999999)).padStart(8, '0')}`,
          k,
        ]);
      }
    }
  }
  await write(tx, { projects, plans, milestones, reports, issues, steps, crew });
  await tx.client.query(
    `INSERT INTO major_project_settings (zone_id, coordinating_department_id)
     SELECT $1, (SELECT id FROM departments WHERE zone_id = $1 AND name = '经济发展局' AND deleted_at IS NULL)
     ON CONFLICT DO NOTHING`,
    [z.zoneId],
  );
  const owner = z.users.get('owner');
  if (owner) {
    await bulkInsert(
      tx,
      'major_project_owners',
      [
        ['zone_id', 'uuid'],
        ['project_id', 'uuid'],
        ['user_id', 'uuid'],
      ],
      ids.slice(0, 5).map((p) => [z.zoneId, p, owner.id]),
    );
  }
  return { projects: ids.length, plans: plans.length, reports: reports.length, issues: issues.length };
}

async function write(
  tx: Tx,
  r: Record<'projects' | 'plans' | 'milestones' | 'reports' | 'issues' | 'steps' | 'crew', unknown[][]>,
) {
  const cols = (s: string) => s.split(' ').map((c) => c.split(':') as [string, string]);
  await bulkInsert(
    tx,
    'major_projects',
    cols(
      'id:uuid zone_id:uuid key:text name:text builder:text total_investment:numeric department_id:uuid location:text',
    ),
    r.projects,
  );
  await bulkInsert(
    tx,
    'major_project_plans',
    cols('id:uuid zone_id:uuid project_id:uuid year:int levels:text[] kind:text annual_plan:numeric'),
    r.plans,
  );
  await bulkInsert(
    tx,
    'major_project_milestones',
    cols('zone_id:uuid project_id:uuid kind:text planned_date:date actual_date:date'),
    r.milestones,
  );
  await bulkInsert(
    tx,
    'major_project_reports',
    cols(
      'zone_id:uuid project_id:uuid month:date completed:numeric progress:text problems:text source:text filed_by_name:text filed_at:timestamptz',
    ),
    r.reports,
  );
  await bulkInsert(
    tx,
    'major_project_issues',
    cols(
      'id:uuid zone_id:uuid project_id:uuid description:text category:text department_id:uuid status:text raised_on:date ' +
        'assigned_on:date deadline_workdays:int deadline:date responded_on:date closed_on:date resolution:text',
    ),
    r.issues,
  );
  await bulkInsert(
    tx,
    'major_project_issue_steps',
    cols('zone_id:uuid issue_id:uuid step:text on_date:date note:text department_id:uuid actor_name:text'),
    r.steps,
  );
  await bulkInsert(
    tx,
    'major_project_task_force',
    cols('id:uuid zone_id:uuid project_id:uuid name:text role:text department_id:uuid phone:text sort_order:int'),
    r.crew,
  );
}
