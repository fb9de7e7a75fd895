import type { Tx } from '../db/tx.ts';
import { chineseName } from './random.ts';
import { addDays, bulkInsert, uuid, wan } from './synthetic-bulk.ts';
import type { SyntheticCompany, ZoneContext } from './synthetic-investment.ts';
import { REGIONS } from './synthetic-names.ts';

/** The zone's investment work around the projects: visits, agency contracts, 任务书 targets, evaluations. */
export async function seedInvestmentWork(
  tx: Tx,
  z: ZoneContext,
  companies: SyntheticCompany[],
  leads: string[],
  signed: { id: string; signedOn: string | null }[],
) {
  const { rng } = z;
  const visits: unknown[][] = [];
  const visitCompanies: unknown[][] = [];
  const visitLeads: unknown[][] = [];
  for (let y = 2019; y <= 2026; y++) {
    for (let k = 0; k < 10; k++) {
      const start = `${y}-${String(rng.int(1, y === 2026 ? 10 : 12)).padStart(2, '0')}-${String(rng.int(1, 25)).padStart(2, '0')}`;
      const id = uuid(rng);
      const place = rng.pick(REGIONS);
      visits.push([
        id,
        z.zoneId,
        start,
        addDays(start, rng.int(0, 3)),
        place,
        `${chineseName(rng)}、${chineseName(rng)}、${chineseName(rng)}`,
        `赴${place}开展产业链招商考察`,
        '双方就投资意向和用地需求达成初步共识',
        '持续跟进，择期邀请企业来园区考察',
        z.deps.get('经济合作局'),
      ]);
      const seen = new Set<string>();
      for (let c = rng.int(1, 3); c > 0; c--) {
        const company = rng.pick(companies).id;
        if (seen.has(company)) continue;
        seen.add(company);
        visitCompanies.push([z.zoneId, id, company]);
      }
      const lead = leads.length ? rng.pick(leads) : null;
      if (lead && rng.next() < 0.5) visitLeads.push([z.zoneId, id, lead]);
    }
  }
  await bulkInsert(
    tx,
    'investment_visits',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['started_on', 'date'],
      ['ended_on', 'date'],
      ['place', 'text'],
      ['participants', 'text'],
      ['purpose', 'text'],
      ['agreed', 'text'],
      ['next_steps', 'text'],
      ['department_id', 'uuid'],
    ],
    visits,
  );
  await bulkInsert(
    tx,
    'investment_visit_companies',
    [
      ['zone_id', 'uuid'],
      ['visit_id', 'uuid'],
      ['company_id', 'uuid'],
    ],
    visitCompanies,
  );
  await bulkInsert(
    tx,
    'investment_visit_leads',
    [
      ['zone_id', 'uuid'],
      ['visit_id', 'uuid'],
      ['lead_id', 'uuid'],
    ],
    visitLeads,
  );

  await bulkInsert(
    tx,
    'investment_agencies',
    [
      ['zone_id', 'uuid'],
      ['department_id', 'uuid'],
      ['contract_start', 'date'],
      ['contract_end', 'date'],
      ['yearly_quota', 'numeric'],
      ['contact_person', 'text'],
      ['contact_phone', 'text'],
      ['note', 'text'],
    ],
    z.agencies.map((d, i) => [
      z.zoneId,
      d,
      `${2021 + i}-01-01`,
      `${2026 + i}-12-31`,
      wan(rng.int(20, 40) * 10000),
      chineseName(rng),
      `0755-${rng.int(20000000, 89999999)}`,
      '每年为园区引进固定资产投资项目',
    ]),
  );

  const targets: unknown[][] = [];
  const units = [...['经济合作局', '科技局', '经济发展局'].map((n) => z.deps.get(n)), ...z.agencies];
  for (let y = 2017; y <= 2026; y++) {
    for (const d of units) {
      targets.push([
        z.zoneId,
        y,
        d,
        rng.int(20, 80),
        rng.int(10, 40),
        wan(rng.int(20, 120) * 10000),
        rng.int(5, 20),
        wan(rng.int(100, 2000)),
      ]);
    }
  }
  await bulkInsert(
    tx,
    'investment_targets',
    [
      ['zone_id', 'uuid'],
      ['year', 'int'],
      ['department_id', 'uuid'],
      ['leads', 'int'],
      ['signed_projects', 'int'],
      ['signed_investment', 'numeric'],
      ['landed_projects', 'int'],
      ['foreign_capital_usd', 'numeric'],
    ],
    targets,
  );

  // 收支测算 for one signed project in fifty, 对赌 on most of them.
  const evaluations: unknown[][] = [];
  const years: unknown[][] = [];
  const commitments: unknown[][] = [];
  for (const p of signed.filter((s, i) => s.signedOn && i % 50 === 0)) {
    const id = uuid(rng);
    const first = Number((p.signedOn as string).slice(0, 4));
    evaluations.push([id, z.zoneId, p.id, first, `${rng.int(30, 300)}.00`, '契合园区主导产业', '建议引进', 'approve']);
    let output = rng.int(5, 50) * 1000;
    for (let k = 1; k <= 5; k++) {
      output = Math.round(output * (1 + rng.int(5, 40) / 100));
      years.push([z.zoneId, id, k, wan(output), wan(Math.round(output * 0.04)), wan(k <= 2 ? rng.int(100, 2000) : 0)]);
    }
    if (rng.next() < 0.7) {
      for (const y of [first, first + 1].filter((x) => x <= 2026)) {
        const target = rng.int(500, 5000);
        const actual = y < 2026 ? Math.round(target * (0.6 + rng.next() * 0.7)) : null;
        commitments.push([uuid(rng), z.zoneId, p.id, 'tax', y, wan(target), actual === null ? null : wan(actual)]);
      }
    }
  }
  await bulkInsert(
    tx,
    'investment_evaluations',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['project_id', 'uuid'],
      ['first_year', 'int'],
      ['land_area_mu', 'numeric'],
      ['industry_fit', 'text'],
      ['recommendation', 'text'],
      ['decision', 'text'],
    ],
    evaluations,
  );
  await bulkInsert(
    tx,
    'investment_evaluation_years',
    [
      ['zone_id', 'uuid'],
      ['evaluation_id', 'uuid'],
      ['year_index', 'int'],
      ['output', 'numeric'],
      ['tax', 'numeric'],
      ['incentives', 'numeric'],
    ],
    years,
  );
  await bulkInsert(
    tx,
    'investment_commitments',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['project_id', 'uuid'],
      ['metric', 'text'],
      ['year', 'int'],
      ['target', 'numeric'],
      ['actual', 'numeric'],
    ],
    commitments,
  );
  return { visits: visits.length, targets: targets.length, evaluations: evaluations.length };
}
