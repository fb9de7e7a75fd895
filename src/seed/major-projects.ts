import { chineseCalendar } from '../core/workdays.ts';
import type { Tx } from '../db/tx.ts';
import { record } from '../modules/audit/service.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { chineseName, Rng } from './random.ts';

/**
 * The demo zone's major projects for 2026: 40 projects on the zone's, city's and
 * province's lists, monthly reports through 2026-10, milestones, task forces,
 * issues in every state of their loop, and a few projects that supervision
 * shows yellow or red (slow, missing reports, overdue issues, a late start).
 * Deterministic: the same seed always writes the same rows, whatever the day.
 */

const NAMES = (
  '湘南电子信息产业园二期、高性能锂电池正极材料项目、智能输变电装备制造基地、生物医药创新孵化中心、北斗导航应用产业园、' +
  '半导体封装测试基地、新型显示模组项目、工业机器人研发制造项目、高端轴承精密制造项目、氢能装备产业园、' +
  '大数据中心一期、5G通信光模块生产线、汽车电子控制器项目、特种钢材深加工项目、医疗器械产业园三期、' +
  '智慧物流园、人工智能创新中心、稀土永磁材料项目、航空零部件精密加工项目、标准化厂房四期、' +
  '环保装备制造基地、检验检测认证中心、新能源储能系统项目、高端纺织新材料项目、电子化学品项目、' +
  '农产品精深加工园、人才公寓二期、科创大厦、园区污水处理厂提标改造、主干道路网提质工程、' +
  '职业教育实训基地、冷链物流中心、光伏组件智能工厂、集成电路设计产业园、铜基新材料项目、' +
  '智能家电制造项目、精细化工中间体项目、跨境电商产业园、工业互联网平台基地、创新创业服务中心'
).split('、');
/** Public works are built by the zone's own investment company. */
const PUBLIC = new Set([19, 26, 27, 28, 29, 30, 39]);
const WORDS = ['华', '湘', '衡', '雁城', '蒸湘', '联', '创', '新', '科', '达', '瑞', '泰', '恒', '盛'];
const TRADES = ['科技', '新材料', '智能装备', '电子', '医药', '产业发展', '能源', '实业'];
const DEPARTMENTS = ['经济发展局', '经济合作局', '科技局', '建设局', '审批服务部', '社会事业局'];

type Kind = 'new' | 'continuing' | 'finishing';

interface Plan {
  i: number;
  key: string;
  kind: Kind;
  levels: string[];
  total: number;
  annual: number;
  /** Share of the time line the project keeps (1 = on time). */
  pace: number;
  plannedStart: string | null;
  actualStart: string | null;
  skip: string[];
  department: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = Array.from({ length: 10 }, (_, k) => `2026-${pad(k + 1)}`);

function plans(rng: Rng): Plan[] {
  return NAMES.map((_, i) => {
    const kind: Kind = i % 10 < 3 ? 'new' : i % 10 < 8 ? 'continuing' : 'finishing';
    const levels = i < 6 ? ['province', 'city', 'zone'] : i < 20 ? ['city', 'zone'] : ['zone'];
    const total = rng.int(4, 100) * 5000; // 万元: 2亿–50亿
    const annual = Math.round((total * rng.int(18, 40)) / 100 / 100) * 100;
    let plannedStart: string | null = null;
    let actualStart: string | null = null;
    if (kind === 'new') {
      plannedStart = `2026-${pad(rng.int(2, 4))}-${pad(rng.int(1, 28))}`;
      actualStart = `2026-${plannedStart.slice(5, 7)}-${pad(rng.int(1, 28))}`;
    } else {
      actualStart = `${rng.int(2023, 2025)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
      plannedStart = actualStart;
    }
    let pace = 1 + rng.int(0, 12) / 100;
    const skip: string[] = [];
    // The few that supervision flags, each for its own reason.
    if (i === 3) pace = 0.55;
    if (i === 17) pace = 0.72;
    if (i === 8 || i === 22) pace = 0.88;
    if (i === 12) skip.push('2026-09', '2026-10');
    if (i === 27) skip.push('2026-10');
    if (i === 21) [plannedStart, actualStart] = ['2026-08-15', null];
    if (i === 32) [plannedStart, actualStart] = ['2026-12-01', null];
    return {
      i,
      key: `ZD2026-${pad(i + 1).padStart(3, '0')}`,
      kind,
      levels,
      total,
      annual,
      pace,
      plannedStart,
      actualStart,
      skip,
      department: PUBLIC.has(i) ? '建设局' : DEPARTMENTS[i % DEPARTMENTS.length],
    };
  });
}

/** Completed investment of each month (万元): the plan spread over the months the project works, at its pace. */
function monthly(p: Plan): [string, number][] {
  if (!p.actualStart) return [];
  const first = p.kind === 'new' && p.actualStart.startsWith('2026-') ? Number(p.actualStart.slice(5, 7)) : 1;
  const months = MONTHS.filter((m) => Number(m.slice(5)) >= first && !p.skip.includes(m));
  const base = ((p.annual * p.pace) / (13 - first)) * (p.kind === 'new' ? 1.1 : 1);
  // Alternate a little above and below the average, so the months differ but the sum keeps the pace.
  return months.map((m, k) => [m, Math.round(base * (k % 2 ? 0.96 : 1.04))]);
}

interface Issue {
  project: number;
  text: string;
  category: string;
  department: string;
  steps: [string, string, string?][];
}

/** Issues in every state of the loop, two of them long overdue on one project. */
const ISSUES: Issue[] = [
  { project: 4, text: '施工用电增容待供电公司批复', category: 'utilities', department: '经济发展局', steps: [] },
  { project: 15, text: '部分地块征拆尚未完成', category: 'land', department: '自然资源规划分局', steps: [] },
  {
    project: 5,
    text: '环评批复未下达，影响主体开工',
    category: 'environment',
    department: '生态环境分局',
    steps: [
      ['assign', '2026-09-10', '10'],
      ['handle', '2026-09-14'],
    ],
  },
  {
    project: 5,
    text: '施工许可证办理材料不全',
    category: 'approval',
    department: '审批服务部',
    steps: [['assign', '2026-09-21', '5']],
  },
  {
    project: 10,
    text: '项目贷款审批进度慢',
    category: 'funding',
    department: '财政局',
    steps: [['assign', '2026-11-16', '20']],
  },
  {
    project: 2,
    text: '厂区供水管网接驳',
    category: 'utilities',
    department: '建设局',
    steps: [
      ['assign', '2026-11-02', '25'],
      ['handle', '2026-11-04'],
    ],
  },
  {
    project: 7,
    text: '用地规划条件调整',
    category: 'land',
    department: '自然资源规划分局',
    steps: [
      ['assign', '2026-10-12', '40'],
      ['handle', '2026-10-13'],
      ['respond', '2026-11-10', '规划条件调整已报市局审批'],
    ],
  },
  {
    project: 11,
    text: '消防设计审查意见整改',
    category: 'approval',
    department: '审批服务部',
    steps: [
      ['assign', '2026-11-03', '20'],
      ['handle', '2026-11-04'],
      ['respond', '2026-11-12', '已组织专家复审并通过'],
      ['review_pass', '2026-11-13'],
    ],
  },
  ...[
    [0, '临时用地审批', 'land', '自然资源规划分局'],
    [9, '外电源线路迁改', 'utilities', '建设局'],
    [14, '能评审查', 'approval', '审批服务部'],
    [23, '企业融资担保', 'funding', '财政局'],
  ].map(([project, text, category, department], k) => ({
    project: project as number,
    text: text as string,
    category: category as string,
    department: department as string,
    steps: [
      ['assign', `2026-0${4 + k}-06`, '10'],
      ['handle', `2026-0${4 + k}-07`],
      ['respond', `2026-0${4 + k}-15`, '已办结'],
      ['review_reject', `2026-0${4 + k}-16`, '资料不全，退回补充'],
      ['respond', `2026-0${4 + k}-20`, '已补充资料并办结'],
      ['review_pass', `2026-0${4 + k}-21`],
      ['close', `2026-0${4 + k}-22`],
    ] as [string, string, string?][],
  })),
];

export async function seedMajorProjects(tx: Tx, actor: Actor, opts: { seed?: number; usernamePrefix?: string } = {}) {
  const rng = new Rng((opts.seed ?? 20260101) + 4);
  const zone = actor.zoneId;
  const q = (text: string, values: unknown[] = []) => tx.client.query(text, values);
  const { rows: deps } = await q('SELECT id, name FROM departments WHERE zone_id = $1 AND deleted_at IS NULL', [zone]);
  const dep = new Map<string, string>(deps.map((d: { id: string; name: string }) => [d.name, d.id]));
  // 经济发展局 runs the zone's major-project office: its staff act on every project.
  await q(
    `INSERT INTO major_project_settings (zone_id, coordinating_department_id) VALUES ($1, $2)
     ON CONFLICT (zone_id) DO UPDATE SET coordinating_department_id = EXCLUDED.coordinating_department_id`,
    [zone, dep.get('经济发展局') ?? null],
  );
  const ids: string[] = [];
  const all = plans(rng);
  for (const p of all) {
    const builder = PUBLIC.has(p.i)
      ? '衡阳高新区城市建设投资有限公司'
      : `衡阳${rng.pick(WORDS)}${rng.pick(WORDS)}${rng.pick(TRADES)}有限公司`;
    const { rows } = await q(
      `INSERT INTO major_projects (zone_id, key, name, builder, total_investment, department_id, location)
       VALUES ($1, $2, $3, $4, $5::numeric * 10000, $6, $7) RETURNING id`,
      [
        zone,
        p.key,
        NAMES[p.i],
        builder,
        p.total,
        dep.get(p.department) ?? null,
        `衡阳高新区${rng.pick(['解放大道', '长丰大道', '华新大道', '衡州大道'])}`,
      ],
    );
    const id = rows[0].id as string;
    ids.push(id);
    await q(
      `INSERT INTO major_project_plans (zone_id, project_id, year, levels, kind, annual_plan)
       VALUES ($1, $2, 2026, $3, $4, $5::numeric * 10000)`,
      [zone, id, p.levels, p.kind, p.annual],
    );
    const milestones: [string, string | null, string | null][] = [['start', p.plannedStart, p.actualStart]];
    if (p.kind === 'new' && p.plannedStart) {
      const y = p.plannedStart.slice(0, 4) === '2026' ? 2025 : 2026;
      milestones.push(
        ['land_requisition', `${y}-0${rng.int(3, 5)}-15`, `${y}-0${rng.int(3, 5)}-20`],
        ['land_listing', `${y}-0${rng.int(6, 8)}-10`, `${y}-0${rng.int(6, 8)}-12`],
        // The December start has not won its land yet; it is due by the end of November.
        p.i === 32
          ? ['land_award', '2026-11-30', null]
          : ['land_award', `${y}-09-20`, `${y}-09-${pad(rng.int(20, 28))}`],
      );
    }
    if (p.kind !== 'new') {
      const due = `2026-${pad(rng.int(p.kind === 'finishing' ? 3 : 6, 12))}-28`;
      // One project's main structure is late: planned for September, not reached.
      const reached = p.i === 14 ? null : due <= '2026-10-31' ? due : null;
      milestones.push(['structure_done', p.i === 14 ? '2026-09-30' : due, reached]);
    }
    if (p.kind === 'finishing') milestones.push(['completion', '2026-12-25', null], ['operation', '2027-03-31', null]);
    for (const [kind, planned, actual] of milestones) {
      await q(
        `INSERT INTO major_project_milestones (zone_id, project_id, kind, planned_date, actual_date) VALUES ($1, $2, $3, $4, $5)`,
        [zone, id, kind, planned, actual],
      );
    }
    for (const [month, amount] of monthly(p)) {
      const problem =
        month === '2026-10' ? (ISSUES.find((x) => x.project === p.i && x.steps.length === 0)?.text ?? '') : '';
      await q(
        `INSERT INTO major_project_reports (zone_id, project_id, month, completed, progress, problems, source, filed_by_name, filed_at)
         VALUES ($1, $2, $3, $4::numeric * 10000, $5, $6, 'web', $7, $8)`,
        [
          zone,
          id,
          `${month}-01`,
          amount,
          progress(p, month),
          problem,
          '经济发展局项目调度员',
          `${nextMonth(month)}-0${rng.int(1, 6)}T10:00:00+08:00`,
        ],
      );
    }
    if (p.i < 6) {
      const members = [
        ['组长', '党政办公室'],
        ['副组长', p.department],
        ['成员', '审批服务部'],
        ['成员', '自然资源规划分局'],
      ];
      for (const [k, [role, d]] of members.entries()) {
        await q(
          `INSERT INTO major_project_task_force (zone_id, project_id, name, role, department_id, phone, sort_order)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            zone,
            id,
            chineseName(rng),
            role,
            dep.get(d) ?? null,
            `139${String(rng.int(0, 99999999)).padStart(8, '0')}`,
            k,
          ],
        );
      }
    }
  }
  await seedIssues(tx, actor, ids, dep);
  const { rows: owner } = await q('SELECT id FROM users WHERE zone_id = $1 AND username = $2', [
    zone,
    `${opts.usernamePrefix ?? ''}owner`,
  ]);
  if (owner[0]) {
    for (const i of [0, 9, 20]) {
      await q('INSERT INTO major_project_owners (zone_id, project_id, user_id) VALUES ($1, $2, $3)', [
        zone,
        ids[i],
        owner[0].id,
      ]);
    }
  }
  for (const [project, department, title, sentOn, replyBy, answer] of [
    [
      3,
      '经济发展局',
      '关于投资进度严重滞后的督办通知',
      '2026-10-12',
      '2026-10-20',
      '已约谈建设单位，四季度加快设备进场，确保完成年度计划。',
    ],
    [15, '自然资源规划分局', '关于加快征拆扫尾的督办通知', '2026-11-10', '2026-11-17', null],
  ] as const) {
    await q(
      `INSERT INTO major_supervision_notices (zone_id, project_id, department_id, title, content, sent_on, reply_by, sent_by_name,
                                              answer, answered_on, answered_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '党政办公室督查专员', $8, $9, $10)`,
      [
        zone,
        ids[project],
        dep.get(department),
        title,
        `${NAMES[project]}：${title.slice(2, -5)}，请限期答复。`,
        sentOn,
        replyBy,
        answer,
        answer ? '2026-10-19' : null,
        answer ? `${department}负责人` : null,
      ],
    );
  }
  await record(tx, actor, {
    action: 'create',
    entity: 'major_project.seed',
    entityId: null,
    after: { projects: ids.length },
  });
  return { projects: ids.length };
}

function nextMonth(month: string) {
  const m = Number(month.slice(5)) + 1;
  return m > 12 ? `${Number(month.slice(0, 4)) + 1}-01` : `${month.slice(0, 4)}-${pad(m)}`;
}

function progress(p: Plan, month: string): string {
  const stages =
    p.kind === 'new'
      ? ['场地平整', '桩基施工', '基础施工', '主体结构施工', '主体结构施工', '主体封顶']
      : p.kind === 'continuing'
        ? ['主体结构施工', '砌体工程', '机电安装', '设备安装', '装饰装修']
        : ['设备安装调试', '室外配套', '竣工验收准备'];
  return stages[Math.min(stages.length - 1, Math.floor((Number(month.slice(5)) - 1) / (12 / stages.length)))];
}

async function seedIssues(tx: Tx, actor: Actor, ids: string[], dep: Map<string, string>) {
  const zone = actor.zoneId;
  const cal = chineseCalendar();
  for (const x of ISSUES) {
    const raised = x.steps[0]?.[1] ?? '2026-11-05';
    const last = x.steps.at(-1);
    const status = !last
      ? 'open'
      : (
          {
            assign: 'assigned',
            handle: 'handling',
            respond: 'responded',
            review_pass: 'reviewed',
            close: 'closed',
          } as Record<string, string>
        )[last[0]];
    const assign = x.steps.find((s) => s[0] === 'assign');
    const responded = x.steps.filter((s) => s[0] === 'respond').at(-1);
    const { rows } = await tx.client.query(
      `INSERT INTO major_project_issues (zone_id, project_id, description, category, department_id, status, source, raised_on,
                                         assigned_on, deadline_workdays, deadline, responded_on, closed_on, resolution, report_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
               (SELECT id FROM major_project_reports WHERE project_id = $2 AND month = '2026-10-01' AND problems = $3))
       RETURNING id`,
      [
        zone,
        ids[x.project],
        x.text,
        x.category,
        dep.get(x.department) ?? null,
        status,
        x.steps.length ? 'manual' : 'report',
        raised,
        assign?.[1] ?? null,
        assign ? Number(assign[2]) : null,
        assign ? cal.addWorkdays(assign[1], Number(assign[2])) : null,
        status === 'responded' || status === 'reviewed' || status === 'closed' ? (responded?.[1] ?? null) : null,
        status === 'closed' ? last?.[1] : null,
        responded?.[2] ?? '',
      ],
    );
    const steps: [string, string, string?][] = [['raise', raised, x.text], ...x.steps];
    for (const [step, on, note] of steps) {
      await tx.client.query(
        `INSERT INTO major_project_issue_steps (zone_id, issue_id, step, on_date, note, department_id, actor_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          zone,
          rows[0].id,
          step,
          on,
          step === 'assign' ? `限 ${note} 个工作日办结` : (note ?? ''),
          step === 'assign' ? (dep.get(x.department) ?? null) : null,
          step === 'raise' || step === 'assign' || step.startsWith('review') || step === 'close'
            ? '经济发展局项目调度员'
            : `${x.department}经办人`,
        ],
      );
    }
  }
}
