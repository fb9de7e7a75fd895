import { usccCheckChar } from '../core/uscc.ts';
import type { Tx } from '../db/tx.ts';
import { record } from '../modules/audit/service.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { LANDED_STAGES, SIGNED_STAGES, STAGES, type Stage } from '../modules/investment/vocab.ts';
import {
  COMPANIES,
  EVENTS,
  LEAD_IDEAS,
  type PlannedProject,
  PROJECT_PLAN,
  TARGETS,
  VISITS,
} from './investment-data.ts';
import { chineseName, Rng } from './random.ts';

/**
 * The demo zone's investment promotion: a company library (some on 500强
 * lists), projects in every stage with dated histories through 2025–2026,
 * three signing ceremonies, foreign capital arrivals, leads with follow-ups,
 * visits, the agency's contract, targets for 2025 and 2026, an evaluation
 * and commitments with a shortfall. Deterministic: the same seed writes the
 * same rows whatever the day (no date depends on today).
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function uscc(rng: Rng): string {
  let body = '914304';
  while (body.length < 17) body += ALPHABET[rng.int(0, ALPHABET.length - 1)];
  return body + usccCheckChar(body);
}

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The last date any seeded event may carry. */
const LAST = '2026-10-31';
const clampDate = (d: string) => (d > LAST ? LAST : d);

async function insert(tx: Tx, table: string, row: Record<string, unknown>): Promise<string> {
  const cols = Object.keys(row);
  const { rows } = await tx.client.query<{ id: string }>(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(row),
  );
  return rows[0]?.id;
}

export async function seedInvestment(tx: Tx, actor: Actor, opts: { seed?: number; usernamePrefix?: string } = {}) {
  const rng = new Rng((opts.seed ?? 20260101) + 3);
  const zone = actor.zoneId;
  const deps = new Map<string, string>(
    (
      await tx.client.query<{ id: string; name: string }>(
        'SELECT id, name FROM departments WHERE zone_id = $1 AND deleted_at IS NULL',
        [zone],
      )
    ).rows.map((r) => [r.name, r.id]),
  );
  const prefix = opts.usernamePrefix ?? '';
  const userIds = new Map<string, { id: string; name: string }>(
    (
      await tx.client.query<{ id: string; username: string; display_name: string }>(
        'SELECT id, username, display_name FROM users WHERE zone_id = $1',
        [zone],
      )
    ).rows.map((r) => [r.username.slice(prefix.length), { id: r.id, name: r.display_name }]),
  );
  const dep = (name: string | null) => (name ? (deps.get(name) ?? null) : null);

  // Companies and their 500强 memberships.
  const companyIds = new Map<string, string>();
  for (const c of COMPANIES) {
    const id = await insert(tx, 'companies', {
      zone_id: zone,
      name: c.name,
      uscc: c.noCode ? null : uscc(rng),
      industry: c.industry,
      industry_code: c.industryCode ?? null,
      region: c.region,
      tags: c.tags ?? [],
      contacts: JSON.stringify([
        {
          name: chineseName(rng),
          title: c.contactTitle ?? '投资总监',
          phone: `13${rng.int(100000000, 999999999)}`,
          email: '',
        },
      ]),
      parent_id: c.parent ? companyIds.get(c.parent) : null,
    });
    companyIds.set(c.name, id);
    for (const m of c.top500 ?? []) {
      await insert(tx, 'company_top500', { zone_id: zone, company_id: id, list: m.list, year: m.year });
    }
  }
  await record(tx, actor, { action: 'create', entity: 'company', entityId: null, after: { seeded: COMPANIES.length } });

  const eventIds = new Map<string, string>();
  for (const e of EVENTS) {
    eventIds.set(
      e.name,
      await insert(tx, 'investment_signing_events', {
        zone_id: zone,
        name: e.name,
        held_on: e.heldOn,
        place: e.place,
        description: e.description,
      }),
    );
  }

  // Projects, with the dated history of how they got where they are.
  const projectIds = new Map<string, string>();
  for (const p of PROJECT_PLAN) {
    const id = await seedProject(tx, actor, rng, p, {
      companyId: companyIds.get(p.company) as string,
      referrer: dep(p.referrer),
      responsible: dep(p.responsible ?? '经济合作局'),
      event: p.event ? (eventIds.get(p.event) ?? null) : null,
      person: chineseName(rng),
    });
    projectIds.set(p.code, id);
  }

  // Foreign capital arrivals (US dollars) on the foreign-funded projects.
  let fx = 0;
  for (const p of PROJECT_PLAN.filter((x) => x.foreignUsd && x.signedOn)) {
    const arrivals = rng.int(1, 3);
    for (let i = 0; i < arrivals; i++) {
      const on = clampDate(addDays(p.signedOn as string, 45 + i * 75 + rng.int(0, 20)));
      // Round sums of 万美元, as arrivals are registered.
      const amount = (Math.round(Number(p.foreignUsd) / (arrivals + 1) / 10_000) * 10_000).toFixed(2);
      await insert(tx, 'investment_foreign_capital', {
        zone_id: zone,
        code: `WZ-${on.slice(0, 4)}-${String(++fx).padStart(3, '0')}`,
        project_id: projectIds.get(p.code),
        arrived_on: on,
        amount_usd: amount,
      });
    }
  }

  // Leads: some fresh in the pool, some followed up, some converted into the projects in talks.
  const staff = userIds.get('jhj');
  const agencyUser = userIds.get('agency');
  const leadIds: string[] = [];
  for (const [i, idea] of LEAD_IDEAS.entries()) {
    const received = addDays('2025-02-10', i * 23 + rng.int(0, 10));
    const owner = idea.agency ? agencyUser : i % 3 === 0 ? null : staff;
    const ownerDep = idea.agency ? dep('深圳鹏程招商咨询有限公司') : owner ? dep('经济合作局') : null;
    const converted = idea.project ? projectIds.get(idea.project) : undefined;
    const id = await insert(tx, 'investment_leads', {
      zone_id: zone,
      company_id: companyIds.get(idea.company),
      title: idea.title,
      description: idea.description ?? '',
      estimated_investment: idea.estimate,
      industry: idea.industry,
      channel: idea.channel,
      source_person: chineseName(rng),
      source_department_id: dep(idea.source),
      owner_department_id: ownerDep,
      owner_user_id: owner?.id ?? null,
      status: converted ? 'converted' : idea.closed ? 'closed' : owner ? 'following' : 'open',
      closed_reason: idea.closed ?? null,
      project_id: converted ?? null,
      shared: !idea.agency,
      received_on: clampDate(received),
    });
    leadIds.push(id);
    if (owner) {
      const steps = [
        '电话初步沟通，了解投资意向',
        '寄送园区推介材料与产业政策',
        '企业高管来园区实地考察',
        '就用地与扶持政策进行洽谈',
      ];
      const n = rng.int(1, steps.length);
      for (let k = 0; k < n; k++) {
        const on = clampDate(addDays(received, 7 + k * 14));
        await insert(tx, 'investment_lead_followups', {
          zone_id: zone,
          lead_id: id,
          happened_on: on,
          content: steps[k],
          next_step: k + 1 < steps.length ? steps[k + 1] : '等待企业决策',
          next_on: clampDate(addDays(on, 14)),
          actor_id: owner.id,
          actor_name: owner.name,
        });
      }
    }
  }

  for (const v of VISITS) {
    const id = await insert(tx, 'investment_visits', {
      zone_id: zone,
      started_on: v.startedOn,
      ended_on: v.endedOn,
      place: v.place,
      participants: v.participants,
      purpose: v.purpose,
      agreed: v.agreed,
      next_steps: v.nextSteps,
      department_id: dep(v.department),
    });
    for (const c of v.companies) {
      await tx.client.query(
        'INSERT INTO investment_visit_companies (zone_id, visit_id, company_id) VALUES ($1, $2, $3)',
        [zone, id, companyIds.get(c)],
      );
    }
    for (const i of v.leads) {
      await tx.client.query('INSERT INTO investment_visit_leads (zone_id, visit_id, lead_id) VALUES ($1, $2, $3)', [
        zone,
        id,
        leadIds[i],
      ]);
    }
  }

  const agencyDep = dep('深圳鹏程招商咨询有限公司');
  if (agencyDep) {
    await insert(tx, 'investment_agencies', {
      zone_id: zone,
      department_id: agencyDep,
      contract_start: '2025-01-01',
      contract_end: '2027-12-31',
      yearly_quota: '4000000000.00',
      contact_person: chineseName(rng),
      contact_phone: `0755-${rng.int(20000000, 89999999)}`,
      note: '每年为园区引进不低于40亿元固定资产投资项目',
    });
  }
  for (const t of TARGETS) {
    const d = dep(t.department);
    if (!d) continue;
    await insert(tx, 'investment_targets', {
      zone_id: zone,
      year: t.year,
      department_id: d,
      leads: t.leads,
      signed_projects: t.signedProjects,
      signed_investment: t.signedInvestment,
      landed_projects: t.landedProjects,
      foreign_capital_usd: t.foreignCapitalUsd,
    });
  }

  await seedEvaluation(tx, zone, projectIds.get('HY-ZS-2025-003') as string);
  return { companies: COMPANIES.length, projects: PROJECT_PLAN.length, leads: LEAD_IDEAS.length };
}

async function seedProject(
  tx: Tx,
  actor: Actor,
  rng: Rng,
  p: PlannedProject,
  refs: {
    companyId: string;
    referrer: string | null;
    responsible: string | null;
    event: string | null;
    person: string;
  },
) {
  const path: { stage: Stage; on: string }[] = [];
  const start = p.signedOn ? addDays(p.signedOn, -rng.int(30, 120)) : (p.talksOn ?? '2026-08-01');
  path.push({ stage: 'negotiating', on: start });
  if (p.signedOn) path.push({ stage: 'signed', on: p.signedOn });
  const order = STAGES.indexOf(p.stage);
  let on = p.signedOn ?? start;
  for (const s of ['landed', 'started', 'completed', 'operating'] as const) {
    if (p.stage === 'dropped' || STAGES.indexOf(s) > order) break;
    on = clampDate(addDays(on, rng.int(30, 100)));
    path.push({ stage: s, on });
  }
  if (p.stage === 'dropped') path.push({ stage: 'dropped', on: clampDate(addDays(on, rng.int(20, 60))) });
  const last = path[path.length - 1];
  const landed = path.find((x) => LANDED_STAGES.includes(x.stage));
  const id = await insert(tx, 'investment_projects', {
    zone_id: actor.zoneId,
    code: p.code,
    name: p.name,
    company_id: refs.companyId,
    industry: p.industry,
    chain: p.chain ?? '',
    channel: p.channel,
    referrer_department_id: refs.referrer,
    responsible_department_id: refs.responsible,
    responsible_person: refs.person,
    total_investment: p.total,
    fixed_asset_investment: p.fixedAsset ?? null,
    foreign_investment_usd: p.foreignUsd ?? null,
    land_area_mu: p.landMu ?? null,
    stage: p.stage,
    stage_on: last.on,
    signed_on: p.signedOn ?? null,
    landed_on: landed?.on ?? null,
    dropped_reason: p.stage === 'dropped' ? (p.droppedReason ?? '企业投资计划调整') : null,
    signing_event_id: SIGNED_STAGES.includes(p.stage) || p.stage === 'dropped' ? refs.event : null,
    description: p.description ?? '',
  });
  let from: Stage | null = null;
  for (const step of path) {
    await tx.client.query(
      `INSERT INTO investment_stage_events (zone_id, project_id, from_stage, to_stage, happened_on, reason, source, actor_id, actor_name)
       VALUES ($1, $2, $3, $4, $5, $6, 'seed', NULL, $7)`,
      [
        actor.zoneId,
        id,
        from,
        step.stage,
        step.on,
        step.stage === 'dropped' ? (p.droppedReason ?? '企业投资计划调整') : '',
        actor.displayName,
      ],
    );
    from = step.stage;
  }
  return id;
}

/** 收支测算 and 对赌 for the platform company's southern operations centre (5年税收1亿元、零售60亿元). */
async function seedEvaluation(tx: Tx, zone: string, projectId: string) {
  if (!projectId) return;
  const ev = await insert(tx, 'investment_evaluations', {
    zone_id: zone,
    project_id: projectId,
    first_year: 2025,
    land_area_mu: '120.00',
    industry_fit: '互联网头部平台，契合园区数字经济产业定位',
    recommendation: '用税收平衡产业扶持资金，5年累计税收覆盖扶持，建议引进',
    decision: 'approve',
    decided_by: '党工委会议',
    decided_on: '2025-03-20',
  });
  const years = [
    ['300000000.00', '12000000.00', '30000000.00'],
    ['800000000.00', '18000000.00', '15000000.00'],
    ['1200000000.00', '21000000.00', '8000000.00'],
    ['1500000000.00', '24000000.00', '5000000.00'],
    ['1800000000.00', '25000000.00', '0.00'],
  ];
  for (const [i, [output, tax, incentives]] of years.entries()) {
    await tx.client.query(
      'INSERT INTO investment_evaluation_years (zone_id, evaluation_id, year_index, output, tax, incentives) VALUES ($1, $2, $3, $4, $5, $6)',
      [zone, ev, i + 1, output, tax, incentives],
    );
  }
  const promises: [string, number, string, string | null][] = [
    ['tax', 2025, '20000000.00', '16500000.00'],
    ['retail_sales', 2025, '1200000000.00', '1350000000.00'],
    ['foreign_capital', 2025, '10000000.00', '10000000.00'],
    ['foreign_trade', 2025, '100000000.00', '72000000.00'],
    ['tax', 2026, '20000000.00', null],
    ['retail_sales', 2026, '1200000000.00', null],
  ];
  for (const [metric, year, target, actual] of promises) {
    await insert(tx, 'investment_commitments', { zone_id: zone, project_id: projectId, metric, year, target, actual });
  }
}
