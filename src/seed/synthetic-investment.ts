import { usccCheckChar } from '../core/uscc.ts';
import type { Tx } from '../db/tx.ts';
import { type Channel, COMPANY_TAGS, type Stage, TOP500_LISTS } from '../modules/investment/vocab.ts';
import { chineseName, type Rng } from './random.ts';
import { addDays, bulkInsert, dateOf, dayOf, logAmount, pgArray, uuid, wan, weighted } from './synthetic-bulk.ts';
import {
  CITIES,
  CLOSE_REASONS,
  companyName,
  FOREIGN_REGIONS,
  INDUSTRIES,
  REGIONS,
  usccBody,
} from './synthetic-names.ts';

/**
 * A zone's investment promotion at scale: a company library, projects with
 * dated stage histories from 2017 on, signing events, foreign capital
 * arrivals, leads with follow-ups, visits, agency contracts, targets and a
 * few evaluations with commitments. Every date is on or before LAST.
 */

export const FIRST = '2017-01-01';
export const LAST = '2026-10-31';

export interface ZoneContext {
  zoneId: string;
  code: string;
  city: string;
  region: string;
  rng: Rng;
  /** Department ids by name. */
  deps: Map<string, string>;
  agencies: string[];
  /** User ids by unprefixed username. */
  users: Map<string, { id: string; name: string }>;
}

export interface SyntheticCompany {
  id: string;
  name: string;
  industry: (typeof INDUSTRIES)[number];
  foreign: boolean;
}

export const CHANNEL_WEIGHTS: Record<Channel, number> = {
  staff: 20,
  squad: 15,
  agency: 12,
  department: 12,
  data: 8,
  chain: 13,
  investor_referral: 10,
  hometown: 5,
  other: 5,
};
export const PUSHING = ['科技局', '经济发展局', '审批服务部', '企业服务中心'];
export const uniform = (rng: Rng, from: string, to: string) => dateOf(rng.int(dayOf(from), dayOf(to)));
export const clamp = (d: string) => (d > LAST ? LAST : d);

export async function seedCompanies(tx: Tx, z: ZoneContext, count: number): Promise<SyntheticCompany[]> {
  const { rng } = z;
  const names = new Set<string>();
  const codes = new Set<string>();
  const out: SyntheticCompany[] = [];
  const rows: unknown[][] = [];
  const top: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const industry = rng.pick(INDUSTRIES);
    const region = rng.next() < 0.35 ? `${z.city}本地` : rng.pick(REGIONS);
    let name = companyName(rng, industry.trade);
    if (names.has(name)) name = name.replace(/(股份|集团)?有限公司$/, `（${z.city}）$&`);
    for (let k = 2; names.has(name); k++) name = `${name.replace(/\d*$/, '')}${k}`;
    names.add(name);
    let uscc: string | null = null;
    if (rng.next() < 0.92) {
      const local = region.endsWith('本地') ? z.region : rng.pick(CITIES)[1];
      do {
        const body = usccBody(rng, local);
        uscc = body + usccCheckChar(body);
      } while (codes.has(uscc));
      codes.add(uscc);
    }
    const tags = rng.next() < 0.15 ? [...new Set([rng.pick(COMPANY_TAGS), rng.pick(COMPANY_TAGS)])] : [];
    const id = uuid(rng);
    const contact = { name: chineseName(rng), title: rng.pick(['投资总监', '董事长', '总经理', '投资经理']) };
    rows.push([
      id,
      z.zoneId,
      name,
      uscc,
      industry.name,
      rng.next() < 0.8 ? industry.code : null,
      region.replace('本地', ''),
      pgArray(tags),
      JSON.stringify([{ ...contact, phone: `13${rng.int(100000000, 999999999)}`, email: '' }]),
    ]);
    if (rng.next() < 0.03) {
      for (const list of new Set([rng.pick(TOP500_LISTS), rng.pick(TOP500_LISTS)])) {
        top.push([uuid(rng), z.zoneId, id, list, rng.int(2019, 2025)]);
      }
    }
    out.push({ id, name, industry, foreign: FOREIGN_REGIONS.has(region) });
  }
  await bulkInsert(
    tx,
    'companies',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['name', 'text'],
      ['uscc', 'text'],
      ['industry', 'text'],
      ['industry_code', 'text'],
      ['region', 'text'],
      ['tags', 'text[]'],
      ['contacts', 'jsonb'],
    ],
    rows,
  );
  await bulkInsert(
    tx,
    'company_top500',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['company_id', 'uuid'],
      ['list', 'text'],
      ['year', 'int'],
    ],
    top,
  );
  return out;
}

interface Step {
  stage: Stage;
  on: string;
}

/** The dated path a project took: talks, then signing and on, each step a little later, or dropped on the way. */
function path(rng: Rng, start: string): Step[] {
  const steps: Step[] = [{ stage: 'negotiating', on: start }];
  const gaps: [Stage, number, number][] = [
    ['signed', 30, 150],
    ['landed', 30, 120],
    ['started', 30, 180],
    ['completed', 300, 700],
    ['operating', 60, 200],
  ];
  let on = start;
  for (const [stage, lo, hi] of gaps) {
    const next = addDays(on, rng.int(lo, hi));
    const drop = stage === 'signed' ? 0.1 : stage === 'landed' ? 0.05 : 0;
    if (rng.next() < drop) {
      const at = addDays(on, rng.int(20, 90));
      if (at <= LAST) steps.push({ stage: 'dropped', on: at });
      break;
    }
    if (next > LAST || rng.next() > 0.9) break;
    steps.push({ stage, on: next });
    on = next;
  }
  return steps;
}

export async function seedProjects(tx: Tx, z: ZoneContext, companies: SyntheticCompany[], count: number) {
  const { rng } = z;
  const events: { id: string; on: string }[] = [];
  const eventRows: unknown[][] = [];
  for (let y = 2017; y <= 2026; y++) {
    for (const [name, on] of [
      [`${y}年上半年招商引资项目集中签约仪式`, `${y}-07-${10 + rng.int(0, 8)}`],
      [`${y}年产业对接会集中签约`, y === 2026 ? '2026-10-20' : `${y}-11-${10 + rng.int(0, 15)}`],
    ]) {
      const id = uuid(rng);
      events.push({ id, on });
      eventRows.push([id, z.zoneId, name, on, `${z.city}国际会展中心`, '产业链招商专场']);
    }
  }
  const seq = new Map<number, number>();
  const projects: unknown[][] = [];
  const history: unknown[][] = [];
  const capital: unknown[][] = [];
  const made: { id: string; start: string; signedOn: string | null; company: SyntheticCompany; stage: Stage }[] = [];
  let fx = 0;
  for (let i = 0; i < count; i++) {
    const company = i < companies.length * 0.7 ? companies[i] : rng.pick(companies);
    const start = uniform(rng, FIRST, '2026-09-30');
    let steps = path(rng, start);
    const signed = steps.find((s) => s.stage === 'signed');
    let event: string | null = null;
    // A third of signings happen at the zone's signing ceremonies.
    if (signed && rng.next() < 0.35) {
      const at = events.find((e) => e.on >= signed.on && dayOf(e.on) - dayOf(signed.on) < 150);
      const after = steps[steps.indexOf(signed) + 1];
      if (at && (!after || at.on < after.on)) {
        signed.on = at.on;
        event = at.id;
      }
    }
    // Talks that went nowhere for two years end as dropped.
    const last0 = steps[steps.length - 1];
    if (last0.stage === 'negotiating' && dayOf(LAST) - dayOf(start) > 730 && rng.next() < 0.7) {
      steps = [...steps, { stage: 'dropped', on: clamp(addDays(start, rng.int(180, 600))) }];
    }
    const last = steps[steps.length - 1];
    const landed = steps.find((s) => s.stage === 'landed');
    const channel = weighted(rng, CHANNEL_WEIGHTS);
    const referrer =
      channel === 'agency'
        ? rng.pick(z.agencies)
        : channel === 'department'
          ? z.deps.get(rng.pick(PUSHING))
          : rng.next() < 0.6
            ? z.deps.get('经济合作局')
            : null;
    const year = Number(start.slice(0, 4));
    const n = (seq.get(year) ?? 0) + 1;
    seq.set(year, n);
    const total = logAmount(rng, 2000, 300000);
    const foreign = company.foreign || rng.next() < 0.06;
    const foreignUsd = foreign ? logAmount(rng, 100, 5000, 10) : null;
    const id = uuid(rng);
    const manufacturing = company.industry.code.startsWith('C');
    projects.push([
      id,
      z.zoneId,
      `${z.code}-ZS-${year}-${String(n).padStart(4, '0')}`,
      `${company.name.slice(0, 2)}${rng.pick(company.industry.products)}项目`,
      company.id,
      company.industry.name,
      company.industry.chain,
      channel,
      referrer,
      z.deps.get(rng.next() < 0.8 ? '经济合作局' : '经济发展局'),
      chineseName(rng),
      wan(total),
      rng.next() < 0.85 ? wan(Math.round((total * rng.int(60, 90)) / 100)) : null,
      foreignUsd === null ? null : wan(foreignUsd),
      manufacturing && rng.next() < 0.8 ? `${rng.int(20, 500)}.00` : null,
      last.stage,
      last.on,
      signed?.on ?? null,
      landed?.on ?? null,
      last.stage === 'dropped' ? rng.pick(CLOSE_REASONS) : null,
      event,
    ]);
    let from: Stage | null = null;
    for (const s of steps) {
      history.push([
        z.zoneId,
        id,
        from,
        s.stage,
        s.on,
        s.stage === 'dropped' ? '企业投资计划调整' : '',
        'seed',
        '命令行',
      ]);
      from = s.stage;
    }
    if (foreignUsd !== null && signed) {
      const arrivals = rng.int(1, 3);
      for (let k = 0; k < arrivals; k++) {
        const on = addDays(signed.on, 45 + k * 75 + rng.int(0, 20));
        if (on > LAST) break;
        const amount = Math.max(10, Math.round(foreignUsd / (arrivals + 1) / 10) * 10);
        capital.push([
          uuid(rng),
          z.zoneId,
          `WZ-${on.slice(0, 4)}-${String(++fx).padStart(5, '0')}`,
          id,
          on,
          wan(amount),
        ]);
      }
    }
    made.push({ id, start, signedOn: signed?.on ?? null, company, stage: last.stage });
  }
  await bulkInsert(
    tx,
    'investment_signing_events',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['name', 'text'],
      ['held_on', 'date'],
      ['place', 'text'],
      ['description', 'text'],
    ],
    eventRows,
  );
  await bulkInsert(
    tx,
    'investment_projects',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['code', 'text'],
      ['name', 'text'],
      ['company_id', 'uuid'],
      ['industry', 'text'],
      ['chain', 'text'],
      ['channel', 'text'],
      ['referrer_department_id', 'uuid'],
      ['responsible_department_id', 'uuid'],
      ['responsible_person', 'text'],
      ['total_investment', 'numeric'],
      ['fixed_asset_investment', 'numeric'],
      ['foreign_investment_usd', 'numeric'],
      ['land_area_mu', 'numeric'],
      ['stage', 'text'],
      ['stage_on', 'date'],
      ['signed_on', 'date'],
      ['landed_on', 'date'],
      ['dropped_reason', 'text'],
      ['signing_event_id', 'uuid'],
    ],
    projects,
  );
  await bulkInsert(
    tx,
    'investment_stage_events',
    [
      ['zone_id', 'uuid'],
      ['project_id', 'uuid'],
      ['from_stage', 'text'],
      ['to_stage', 'text'],
      ['happened_on', 'date'],
      ['reason', 'text'],
      ['source', 'text'],
      ['actor_name', 'text'],
    ],
    history,
  );
  await bulkInsert(
    tx,
    'investment_foreign_capital',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['code', 'text'],
      ['project_id', 'uuid'],
      ['arrived_on', 'date'],
      ['amount_usd', 'numeric'],
    ],
    capital,
  );
  return { projects: made, stageEvents: history.length, foreignCapital: capital.length };
}
