import type { Database } from '../db/database.ts';
import { asSystem, enterZone, type Tx } from '../db/tx.ts';
import { record } from '../modules/audit/service.ts';
import { cliActor } from '../modules/auth/actor.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { createZone, findZone } from '../modules/zones/service.ts';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS } from './demo.ts';
import { chineseName, Rng } from './random.ts';
import { bulkInsert, pgArray, uuid } from './synthetic-bulk.ts';
import { seedCompanies, seedProjects, type ZoneContext } from './synthetic-investment.ts';
import { seedLeads } from './synthetic-leads.ts';
import { seedMajor } from './synthetic-major.ts';
import { CITIES, ZONE_KINDS } from './synthetic-names.ts';
import { seedInvestmentWork } from './synthetic-work.ts';

/**
 * `gaoxin seed synthetic`: zones S001, S002, … at benchmark scale, built in
 * the demo's style (its departments and one user per role, usernames
 * prefixed per zone, e.g. `s001_admin`) and written in bulk. Deterministic:
 * the same seed and zone number write the same rows (ids included).
 */

export const SCALES = {
  zone: { companies: 5000, leads: 3000, projects: 2000, majorProjects: 500 },
  small: { companies: 500, leads: 300, projects: 200, majorProjects: 50 },
} as const;
export type Scale = keyof typeof SCALES;

/** Two more agencies than the demo: a zone usually hires several, each seeing only its own projects. */
const MORE_AGENCIES = ['北京中关村产业招商顾问有限公司', '上海浦江投资促进咨询有限公司'];

export interface SyntheticOptions {
  zones: number;
  scale: Scale;
  seed?: number;
  /** Number of the first zone (1 → S001). */
  first?: number;
  password?: string;
  /** Runs VACUUM ANALYZE after loading (default true). */
  analyze?: boolean;
  /** Called after each zone, e.g. to print progress. */
  onZone?: (r: SyntheticZone) => void;
}

export interface SyntheticZone {
  code: string;
  name: string;
  zoneId: string;
  created: boolean;
  seconds: number;
  rows: Record<string, number>;
}

export const zoneCode = (n: number) => `S${String(n).padStart(3, '0')}`;
export const zonePrefix = (n: number) => `${zoneCode(n).toLowerCase()}_`;

export function zoneIdentity(n: number) {
  const [city, region] = CITIES[(n - 1) % CITIES.length];
  const round = Math.floor((n - 1) / CITIES.length);
  const kind = ZONE_KINDS[round % ZONE_KINDS.length];
  const extra = round >= ZONE_KINDS.length ? `${Math.floor(round / ZONE_KINDS.length) + 1}` : '';
  return { code: zoneCode(n), name: `${city}${kind}${extra}`, city, region };
}

export async function seedSynthetic(database: Database, opts: SyntheticOptions): Promise<SyntheticZone[]> {
  const first = opts.first ?? 1;
  const seed = opts.seed ?? 20260101;
  // One hash for every generated account: argon2 costs ~50 ms a hash, and 200 zones have 2,000 users.
  const passwordHash = await hashPassword(opts.password ?? DEMO_PASSWORD);
  const out: SyntheticZone[] = [];
  for (let n = first; n < first + opts.zones; n++) {
    const started = performance.now();
    const id = zoneIdentity(n);
    const result = await asSystem(database, async (tx) => {
      const existing = await findZone(tx, id.code);
      if (existing) return { zoneId: existing.id, created: false, rows: {} };
      const zone = await createZone(tx, { code: id.code, name: id.name, regionCode: id.region });
      await enterZone(tx, zone.id);
      const rng = new Rng((seed + n * 7919) >>> 0);
      const z = await skeleton(
        tx,
        { zoneId: zone.id, code: id.code, city: id.city, region: id.region, rng },
        n,
        passwordHash,
      );
      const rows = await fill(tx, z, opts.scale);
      await record(tx, cliActor(zone.id), {
        action: 'create',
        entity: 'synthetic.seed',
        entityId: null,
        after: { scale: opts.scale, seed, ...rows },
      });
      return { zoneId: zone.id, created: true, rows };
    });
    const r = { code: id.code, name: id.name, ...result, seconds: (performance.now() - started) / 1000 };
    opts.onZone?.(r);
    out.push(r);
  }
  // Fresh statistics for the planner: a bulk load leaves none, and the embedded database has no
  // autovacuum to gather them later (without them, a zone's dashboard plans nested loops: seconds).
  // VACUUM as well, as autovacuum would in the minutes after a load: the rows' visibility is then
  // recorded once, not by the first statements that read them (what a database in use looks like).
  if (out.some((r) => r.created) && opts.analyze !== false) await database.pool.query('VACUUM ANALYZE');
  return out;
}

/** The zone's departments (the demo's and two more agencies) and one user per role. */
async function skeleton(
  tx: Tx,
  base: Omit<ZoneContext, 'deps' | 'agencies' | 'users'>,
  n: number,
  passwordHash: string,
): Promise<ZoneContext> {
  const { rng, zoneId } = base;
  const units = [
    ...DEMO_DEPARTMENTS,
    ...MORE_AGENCIES.map((name) => ({ name, kind: 'agency' as const, description: '第三方招商机构' })),
  ];
  const deps = new Map<string, string>();
  const depRows = units.map((d, i) => {
    const id = uuid(rng);
    deps.set(d.name, id);
    return [id, zoneId, d.name, d.kind, d.description, (i + 1) * 10];
  });
  await bulkInsert(
    tx,
    'departments',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['name', 'text'],
      ['kind', 'text'],
      ['description', 'text'],
      ['sort_order', 'int'],
    ],
    depRows,
  );
  const agencies = units.filter((d) => d.kind === 'agency').map((d) => deps.get(d.name) as string);
  const accounts = [
    ...DEMO_USERS,
    { username: 'agency2', roles: ['agency'], department: MORE_AGENCIES[0], title: '第三方招商机构' },
  ];
  const users = new Map<string, { id: string; name: string }>();
  const userRows = accounts.map((u) => {
    const id = uuid(rng);
    const name = `${chineseName(rng)}（${u.title}）`;
    users.set(u.username, { id, name });
    return [
      id,
      zoneId,
      `${zonePrefix(n)}${u.username}`,
      name,
      passwordHash,
      pgArray(u.roles),
      u.department ? (deps.get(u.department) ?? null) : null,
      `139${String(rng.int(0, 99999999)).padStart(8, '0')}`,
    ];
  });
  await bulkInsert(
    tx,
    'users',
    [
      ['id', 'uuid'],
      ['zone_id', 'uuid'],
      ['username', 'text'],
      ['display_name', 'text'],
      ['password_hash', 'text'],
      ['roles', 'text[]'],
      ['department_id', 'uuid'],
      ['phone', 'text'],
    ],
    userRows,
  );
  return { ...base, deps, agencies, users };
}

async function fill(tx: Tx, z: ZoneContext, scale: Scale): Promise<Record<string, number>> {
  const size = SCALES[scale];
  const companies = await seedCompanies(tx, z, size.companies);
  const p = await seedProjects(tx, z, companies, size.projects);
  const l = await seedLeads(tx, z, companies, p.projects, size.leads);
  const w = await seedInvestmentWork(tx, z, companies, l.leads, p.projects);
  const m = await seedMajor(tx, z, companies, size.majorProjects);
  return {
    companies: companies.length,
    investmentProjects: p.projects.length,
    stageEvents: p.stageEvents,
    foreignCapital: p.foreignCapital,
    leads: l.leads.length,
    followups: l.followups,
    visits: w.visits,
    targets: w.targets,
    evaluations: w.evaluations,
    majorProjects: m.projects,
    majorPlans: m.plans,
    monthlyReports: m.reports,
    issues: m.issues,
  };
}
