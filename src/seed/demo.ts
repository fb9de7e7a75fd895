import type { Role } from '../core/policy.ts';
import type { Database } from '../db/database.ts';
import { asSystem, enterZone } from '../db/tx.ts';
import { cliActor } from '../modules/auth/actor.ts';
import { createDepartment } from '../modules/departments/service.ts';
import { grantRegion } from '../modules/rollup/grants.ts';
import { createUser } from '../modules/users/service.ts';
import { createZone, findZone } from '../modules/zones/service.ts';
import { seedInvestment } from './investment.ts';
import { seedMajorProjects } from './major-projects.ts';
import { chineseName, Rng } from './random.ts';

export const DEMO_ZONE = { code: 'HY', name: '衡阳高新区', regionCode: '430400', level: 'national' as const };
export const DEMO_PASSWORD = 'Gaoxin@2026';

/** The zone's units, in the order its office lists them. */
export const DEMO_DEPARTMENTS: { name: string; kind: 'internal' | 'external' | 'agency'; description: string }[] = [
  { name: '党政办公室', kind: 'internal', description: '综合协调、督查督办' },
  { name: '经济合作局', kind: 'internal', description: '招商引资、项目引进与签约' },
  { name: '经济发展局', kind: 'internal', description: '重大项目调度、经济运行' },
  { name: '科技局', kind: 'internal', description: '科技创新、惠企政策兑现' },
  { name: '审批服务部', kind: 'internal', description: '项目审批、代办服务' },
  { name: '财政局', kind: 'internal', description: '产业扶持资金、收支测算' },
  { name: '建设局', kind: 'internal', description: '工程建设、质量安全' },
  { name: '社会事业局', kind: 'internal', description: '人才、社区、教育卫生' },
  { name: '企业服务中心', kind: 'internal', description: '企业走访、诉求办理' },
  { name: '自然资源规划分局', kind: 'external', description: '用地报批、征地、挂牌出让' },
  { name: '生态环境分局', kind: 'external', description: '环评审批' },
  { name: '深圳鹏程招商咨询有限公司', kind: 'agency', description: '第三方招商机构，年度任务不低于40亿元固定资产投资' },
];

/** One account per role, so every door of the app can be opened in a demo. */
export const DEMO_USERS: { username: string; roles: Role[]; department?: string; title: string }[] = [
  { username: 'admin', roles: ['admin'], department: '党政办公室', title: '系统管理员' },
  { username: 'leader', roles: ['leader'], title: '党工委书记' },
  { username: 'jhj', roles: ['staff'], department: '经济合作局', title: '经济合作局招商专员' },
  { username: 'jfj', roles: ['staff'], department: '经济发展局', title: '经济发展局项目调度员' },
  { username: 'kjj', roles: ['staff'], department: '科技局', title: '科技局政策专员' },
  { username: 'agency', roles: ['agency'], department: '深圳鹏程招商咨询有限公司', title: '第三方招商机构' },
  { username: 'owner', roles: ['owner'], title: '项目业主' },
  { username: 'enterprise', roles: ['enterprise'], title: '企业用户' },
  { username: 'viewer', roles: ['viewer'], title: '市级查看' },
];

export interface SeedOptions {
  seed?: number;
  zone?: { code: string; name: string; regionCode?: string; level?: 'national' | 'provincial' };
  /** Prefix for usernames, so several generated zones can share one database. */
  usernamePrefix?: string;
  password?: string;
}

/** Creates the demo zone if it is not there yet; returns whether it created it. */
export async function seedDemo(
  database: Database,
  opts: SeedOptions = {},
): Promise<{ created: boolean; zoneId: string }> {
  const rng = new Rng(opts.seed ?? 20260101);
  const zoneInput = opts.zone ?? DEMO_ZONE;
  const prefix = opts.usernamePrefix ?? '';
  return asSystem(database, async (tx) => {
    const existing = await findZone(tx, zoneInput.code);
    if (existing) return { created: false, zoneId: existing.id };
    const zone = await createZone(tx, zoneInput);
    // The rest is written as the zone's own operator, so it is audited like any other change.
    await enterZone(tx, zone.id);
    const actor = cliActor(zone.id);
    const depIds = new Map<string, string>();
    for (const [i, d] of DEMO_DEPARTMENTS.entries()) {
      const dep = await createDepartment(tx, actor, { ...d, sortOrder: (i + 1) * 10 });
      depIds.set(d.name, dep.id);
    }
    for (const u of DEMO_USERS) {
      await createUser(tx, actor, {
        username: `${prefix}${u.username}`,
        displayName: `${chineseName(rng)}（${u.title}）`,
        password: opts.password ?? DEMO_PASSWORD,
        roles: u.roles,
        departmentId: u.department ? (depIds.get(u.department) ?? null) : null,
        phone: `139${String(rng.int(0, 99999999)).padStart(8, '0')}`,
        email: null,
        locale: 'zh-CN',
      });
    }
    await seedInvestment(tx, actor, { seed: opts.seed, usernamePrefix: prefix });
    await seedMajorProjects(tx, actor, { seed: opts.seed, usernamePrefix: prefix });
    if (zone.regionCode) {
      // The 市级查看 account oversees its prefecture, as the operator would grant it (gaoxin viewer grant).
      await tx.client.query(`SELECT set_config('app.system', 'on', true)`);
      await grantRegion(tx, `${prefix}viewer`, `${zone.regionCode.slice(0, 4)}00`);
    }
    return { created: true, zoneId: zone.id };
  });
}
