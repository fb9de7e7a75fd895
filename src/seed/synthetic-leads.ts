import type { Tx } from '../db/tx.ts';
import { chineseName } from './random.ts';
import { addDays, bulkInsert, logAmount, uuid, wan, weighted } from './synthetic-bulk.ts';
import {
  CHANNEL_WEIGHTS,
  clamp,
  FIRST,
  LAST,
  PUSHING,
  type SyntheticCompany,
  uniform,
  type ZoneContext,
} from './synthetic-investment.ts';
import { CLOSE_REASONS, FOLLOWUPS, LEAD_TITLES } from './synthetic-names.ts';

/** A zone's leads (招商线索): some converted into its projects, old ones mostly closed, each owned one followed up. */
export async function seedLeads(
  tx: Tx,
  z: ZoneContext,
  companies: SyntheticCompany[],
  projects: { id: string; start: string; company: SyntheticCompany }[],
  count: number,
) {
  const { rng } = z;
  const staff = z.users.get('jhj');
  const agencyUser = z.users.get('agency');
  const leads: unknown[][] = [];
  const followups: unknown[][] = [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const converted = i % 7 === 0 ? rng.pick(projects) : null;
    const company = converted?.company ?? rng.pick(companies);
    const before = converted ? addDays(converted.start, -rng.int(10, 90)) : null;
    const received = converted
      ? before && before >= FIRST
        ? before
        : converted.start
      : uniform(rng, '2019-01-01', LAST);
    const channel = weighted(rng, CHANNEL_WEIGHTS);
    const old = received < '2025-01-01';
    const status = converted
      ? 'converted'
      : old
        ? rng.next() < 0.7
          ? 'closed'
          : 'following'
        : rng.next() < 0.5
          ? 'open'
          : 'following';
    const byAgency = channel === 'agency';
    const owner = status === 'open' && rng.next() < 0.6 ? null : byAgency ? agencyUser : staff;
    const ownerDep = owner ? (byAgency ? z.agencies[0] : z.deps.get('经济合作局')) : null;
    const id = uuid(rng);
    ids.push(id);
    leads.push([
      id,
      z.zoneId,
      company.id,
      `${company.name.replace(/(股份|集团)?有限公司$/, '')}${rng.pick(LEAD_TITLES)}`.slice(0, 200),
      rng.next() < 0.7 ? wan(logAmount(rng, 1000, 500000)) : null,
      company.industry.name,
      channel,
      chineseName(rng),
      byAgency ? z.agencies[0] : z.deps.get(rng.pick(['经济合作局', ...PUSHING])),
      ownerDep ?? null,
      owner?.id ?? null,
      status,
      status === 'closed' ? rng.pick(CLOSE_REASONS) : null,
      converted?.id ?? null,
      !(byAgency && rng.next() < 0.5),
      received,
    ]);
    if (owner) {
      const n = rng.int(1, FOLLOWUPS.length);
      for (let k = 0; k < n; k++) {
        const on = addDays(received, 7 + k * rng.int(10, 30));
        if (on > LAST) break;
        followups.push([
          z.zoneId,
          id,
          on,
          FOLLOWUPS[k],
          k + 1 < FOLLOWUPS.length ? FOLLOWUPS[k + 1] : '等待企业决策',
          clamp(addDays(on, 14)),
          owner.id,
          owner.name,
        ]);
      }
    }
  }
  await bulkInsert(
    tx,
    'investment_leads',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['company_id', 'uuid'],
      ['title', 'text'],
      ['estimated_investment', 'numeric'],
      ['industry', 'text'],
      ['channel', 'text'],
      ['source_person', 'text'],
      ['source_department_id', 'uuid'],
      ['owner_department_id', 'uuid'],
      ['owner_user_id', 'uuid'],
      ['status', 'text'],
      ['closed_reason', 'text'],
      ['project_id', 'uuid'],
      ['shared', 'bool'],
      ['received_on', 'date'],
    ],
    leads,
  );
  await bulkInsert(
    tx,
    'investment_lead_followups',
    [
      ['zone_id', 'uuid'],
      ['lead_id', 'uuid'],
      ['happened_on', 'date'],
      ['content', 'text'],
      ['next_step', 'text'],
      ['next_on', 'date'],
      ['actor_id', 'uuid'],
      ['actor_name', 'text'],
    ],
    followups,
  );
  return { leads: ids, followups: followups.length };
}
