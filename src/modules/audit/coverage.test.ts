import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { asSystem } from '../../db/tx.ts';
import { Client, type Harness, KINDS, makeZone, PASSWORD, useApp } from '../../test/harness.ts';
import { upload } from '../major-projects/test-kit.ts';

/**
 * Issue 2: every write goes to the audit log (actor, time, entity, before, after).
 * One scenario makes an accepted write through every state-changing route of the
 * OpenAPI document and checks the audit rows each one added; a route the scenario
 * does not reach fails the test, so a new route cannot go without audit coverage.
 */

type Rec = Record<string, unknown>;
type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Action = 'create' | 'update' | 'delete' | 'restore' | 'login' | 'logout' | 'password' | 'import';

/**
 * State-changing routes whose accepted writes need not leave an audit row, with the reason.
 * None today: login, logout and password changes are audited as such (without any secret).
 */
const EXCUSED: Record<string, string> = {};

interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

interface Expect {
  action: Action;
  entity: string;
  /** The entity's id, or how to read it from the response body. */
  id?: string | ((body: Rec) => string);
  /** Picks the row when the response does not carry the entity's id. */
  where?: (row: AuditRow) => boolean;
  /** Why this update records no before state (something added alongside the record). */
  noBefore?: string;
  /** The acting user when not the caller (login: the user logging in). */
  actorId?: string;
}

interface Route {
  key: string;
  method: string;
  pattern: RegExp;
  /** Per path segment, 1 when literal: the router prefers static segments over parameters. */
  literal: number[];
}

const idOf = (b: Rec) => b.id as string;
const obj = (v: unknown): Rec | null => (v !== null && typeof v === 'object' ? (v as Rec) : null);

function routesOf(doc: { paths: Record<string, Record<string, unknown>> }): Route[] {
  const out: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const m of Object.keys(ops)) {
      if (!['post', 'put', 'patch', 'delete'].includes(m)) continue;
      const segs = path.split('/');
      out.push({
        key: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase(),
        pattern: new RegExp(
          `^${segs.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`,
        ),
        literal: segs.map((s) => (s.startsWith('{') ? 0 : 1)),
      });
    }
  }
  return out;
}

/** Sends writes, records which documented route each reached, and checks the audit rows it added. */
class Scenario {
  readonly exercised = new Set<string>();
  readonly started = Date.now();
  constructor(
    readonly h: Harness,
    readonly zoneId: string,
    readonly routes: Route[],
  ) {}

  routeOf(method: Method, url: string): string {
    const path = url.split('?')[0];
    const hits = this.routes
      .filter((r) => r.method === method && r.pattern.test(path))
      .sort((a, b) => {
        for (let i = 0; i < a.literal.length; i++)
          if (a.literal[i] !== b.literal[i]) return b.literal[i] - a.literal[i];
        return 0;
      });
    if (!hits[0]) throw new Error(`${method} ${url} is not a documented state-changing route`);
    return hits[0].key;
  }

  private lastId() {
    return asSystem(this.h.database, async (tx) => {
      const { rows } = await tx.client.query<{ id: string }>(
        'SELECT coalesce(max(id), 0)::text AS id FROM audit_log WHERE zone_id = $1',
        [this.zoneId],
      );
      return rows[0].id;
    });
  }

  private rowsAfter(id: string) {
    return asSystem(this.h.database, async (tx) => {
      const { rows } = await tx.client.query<AuditRow>(
        `SELECT id::text, at, actor_id AS "actorId", action, entity, entity_id AS "entityId", before, after
           FROM audit_log WHERE zone_id = $1 AND id > $2::bigint ORDER BY id`,
        [this.zoneId, id],
      );
      return rows;
    });
  }

  async write(
    client: Client,
    method: Method,
    url: string,
    body: unknown,
    expects: [Expect, ...Expect[]],
  ): Promise<Rec> {
    return this.send(client, method, url, expects, () => client.request(method, url, body));
  }

  async upload(client: Client, url: string, filename: string, data: Buffer, expects: [Expect, ...Expect[]]) {
    return this.send(client, 'POST', url, expects, () => upload(client, url, filename, data));
  }

  private async send(
    client: Client,
    method: Method,
    url: string,
    expects: Expect[],
    go: () => Promise<LightMyRequestResponse>,
  ): Promise<Rec> {
    const route = this.routeOf(method, url);
    const mark = await this.lastId();
    const res = await go();
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeGreaterThanOrEqual(200);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    this.exercised.add(route);
    const body = (res.body ? res.json() : {}) as Rec;
    const rows = await this.rowsAfter(mark);
    const seen = rows.map((r) => `${r.action} ${r.entity} ${r.entityId}`).join('; ');
    for (const e of expects) {
      const id = typeof e.id === 'function' ? e.id(body) : e.id;
      const row = rows.find(
        (r) =>
          r.action === e.action &&
          r.entity === e.entity &&
          (id === undefined || r.entityId === id) &&
          (!e.where || e.where(r)),
      );
      const what = `${route}: audit row ${e.action} ${e.entity} ${id ?? ''} (added: ${seen || 'none'})`;
      expect(row, what).toBeDefined();
      if (!row) continue;
      expect(row.actorId, what).toBe(e.actorId ?? client.userId);
      const at = new Date(row.at).getTime();
      expect(at, what).toBeGreaterThanOrEqual(this.started - 5_000);
      expect(at, what).toBeLessThanOrEqual(Date.now() + 5_000);
      this.checkStates(row, e, what);
    }
    return body;
  }

  private checkStates(row: AuditRow, e: Expect, what: string) {
    const before = obj(row.before);
    const after = obj(row.after);
    switch (e.action) {
      case 'create':
        expect(row.before, `${what}: before of a create`).toBeNull();
        expect(after, `${what}: after of a create`).not.toBeNull();
        break;
      case 'update':
        expect(after, `${what}: after of an update`).not.toBeNull();
        if (!e.noBefore) {
          expect(before, `${what}: before of an update`).not.toBeNull();
          expect(after, `${what}: an update that changed nothing`).not.toEqual(before);
        }
        break;
      case 'delete':
        expect(before, `${what}: before of a delete`).not.toBeNull();
        // Soft deletes show the deletion time; a company merged away, the one it went into.
        if (after !== null) expect(after.deletedAt ?? after.mergedIntoId, `${what}: after of a delete`).toBeTruthy();
        break;
      case 'restore':
        expect(after, `${what}: after of a restore`).not.toBeNull();
        if (after && 'deletedAt' in after) expect(after.deletedAt, what).toBeNull();
        break;
      case 'import':
        expect(after, `${what}: after of an import`).not.toBeNull();
        break;
      default: {
        // Sessions and passwords: the row says who and when, never a secret.
        const text = JSON.stringify([row.before, row.after]);
        expect(text, what).not.toContain(PASSWORD);
        expect(text, what).not.toContain(NEW_PASSWORD);
      }
    }
  }
}

const NEW_PASSWORD = 'Changed-password-2';
const INV = '/api/v1/investment';
const MP = '/api/v1/major-projects';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const csv = (rows: string[][]) => Buffer.from(`${rows.map((r) => r.join(',')).join('\n')}\n`);
const afterHas = (key: string, value: unknown) => (r: AuditRow) => obj(r.after)?.[key] === value;

describe.each(KINDS)('the audit log on %s', (kind) => {
  const h = useApp(kind);

  it('records every accepted write of every state-changing route', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const routes = routesOf(doc);
    expect(routes.length).toBeGreaterThan(50);
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const owner = await zone.as(['owner']);
    const s = new Scenario(h, zone.id, routes);
    const put = (c: Client, url: string, body: unknown, e: [Expect, ...Expect[]]) => s.write(c, 'PUT', url, body, e);
    const post = (c: Client, url: string, body: unknown, e: [Expect, ...Expect[]]) => s.write(c, 'POST', url, body, e);
    const patch = (c: Client, url: string, body: unknown, e: [Expect, ...Expect[]]) =>
      s.write(c, 'PATCH', url, body, e);
    const del = (c: Client, url: string, e: [Expect, ...Expect[]]) => s.write(c, 'DELETE', url, undefined, e);
    const versionOf = async (url: string) => (await admin.get(url)).json().version as number;

    // ── Departments and users ──────────────────────────────────────────────
    const dep = await post(admin, '/api/v1/departments', { name: '经济合作局' }, [
      { action: 'create', entity: 'department', id: idOf },
    ]);
    const agency = await post(admin, '/api/v1/departments', { name: '某招商咨询公司', kind: 'agency' }, [
      { action: 'create', entity: 'department', id: idOf },
    ]);
    const spare = await post(admin, '/api/v1/departments', { name: '临时部门' }, [
      { action: 'create', entity: 'department', id: idOf },
    ]);
    await patch(admin, `/api/v1/departments/${dep.id}`, { version: 1, description: '招商' }, [
      { action: 'update', entity: 'department', id: idOf(dep) },
    ]);
    await del(admin, `/api/v1/departments/${spare.id}`, [{ action: 'delete', entity: 'department', id: idOf(spare) }]);
    await post(admin, `/api/v1/departments/${spare.id}/restore`, undefined, [
      { action: 'restore', entity: 'department', id: idOf(spare) },
    ]);

    const user = await post(
      admin,
      '/api/v1/users',
      { username: `audit${zone.code.toLowerCase()}`, displayName: '审计用户', password: PASSWORD, roles: ['staff'] },
      [{ action: 'create', entity: 'user', id: idOf }],
    );
    // Sessions and passwords, by the user themself.
    const self = new Client(h.app);
    self.userId = idOf(user);
    await post(self, '/api/v1/auth/login', { username: user.username, password: PASSWORD }, [
      { action: 'login', entity: 'user', id: idOf(user) },
    ]);
    await post(self, '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, [
      { action: 'password', entity: 'user', id: idOf(user) },
    ]);
    await post(self, '/api/v1/auth/logout', undefined, [{ action: 'logout', entity: 'user', id: idOf(user) }]);
    await patch(
      admin,
      `/api/v1/users/${user.id}`,
      { version: await versionOf(`/api/v1/users/${user.id}`), departmentId: dep.id },
      [{ action: 'update', entity: 'user', id: idOf(user) }],
    );
    await del(admin, `/api/v1/users/${user.id}`, [{ action: 'delete', entity: 'user', id: idOf(user) }]);
    await post(admin, `/api/v1/users/${user.id}/restore`, undefined, [
      { action: 'restore', entity: 'user', id: idOf(user) },
    ]);

    // ── Investment: companies ──────────────────────────────────────────────
    const company = (name: string) =>
      post(admin, `${INV}/companies`, { name }, [{ action: 'create', entity: 'company', id: idOf }]);
    const c1 = await company('审计装备股份有限公司');
    const c2 = await company('审计装备有限公司');
    const c3 = await company('审计临时企业');
    await patch(admin, `${INV}/companies/${c1.id}`, { version: 1, region: '湖南衡阳' }, [
      { action: 'update', entity: 'company', id: idOf(c1) },
    ]);
    await post(admin, `${INV}/companies/${c1.id}/merge`, { sourceId: c2.id }, [
      { action: 'update', entity: 'company', id: idOf(c1) },
      // The merged company leaves the live set pointing at the one it was merged into.
      { action: 'delete', entity: 'company', id: idOf(c2), where: afterHas('mergedIntoId', c1.id) },
    ]);
    await del(admin, `${INV}/companies/${c3.id}`, [{ action: 'delete', entity: 'company', id: idOf(c3) }]);
    await post(admin, `${INV}/companies/${c3.id}/restore`, undefined, [
      { action: 'restore', entity: 'company', id: idOf(c3) },
    ]);

    // ── Investment: projects, stages, foreign capital, signing events ──────
    const project = (code: string, extra: Rec = {}) =>
      post(
        admin,
        `${INV}/projects`,
        { code, name: `项目${code}`, companyId: c1.id, channel: 'staff', totalInvestment: '100000000.00', ...extra },
        [{ action: 'create', entity: 'investment_project', id: idOf }],
      );
    const p1 = await project('AU-P1', { stage: 'signed', stageOn: '2025-03-15', responsibleDepartmentId: dep.id });
    const p2 = await project('AU-P2', { stageOn: '2025-01-02' });
    const p3 = await project('AU-P3');
    const p4 = await project('AU-P4', { stageOn: '2025-01-02' });
    await patch(admin, `${INV}/projects/${p1.id}`, { version: 1, chain: '装备制造' }, [
      { action: 'update', entity: 'investment_project', id: idOf(p1) },
    ]);
    await post(admin, `${INV}/projects/${p2.id}/stage`, { stage: 'signed', date: '2025-04-01' }, [
      { action: 'update', entity: 'investment_project', id: idOf(p2), where: afterHas('stage', 'signed') },
    ]);
    await post(
      admin,
      `${INV}/projects/${p2.id}/stage`,
      { stage: 'dropped', date: '2025-05-01', reason: '投资方撤资' },
      [{ action: 'update', entity: 'investment_project', id: idOf(p2), where: afterHas('stage', 'dropped') }],
    );
    await del(admin, `${INV}/projects/${p3.id}`, [{ action: 'delete', entity: 'investment_project', id: idOf(p3) }]);
    await post(admin, `${INV}/projects/${p3.id}/restore`, undefined, [
      { action: 'restore', entity: 'investment_project', id: idOf(p3) },
    ]);

    const fx = await post(
      admin,
      `${INV}/projects/${p1.id}/foreign-capital`,
      { arrivedOn: '2025-06-01', amountUsd: '1000.00' },
      [{ action: 'create', entity: 'foreign_capital', id: idOf }],
    );
    await patch(admin, `${INV}/foreign-capital/${fx.id}`, { version: 1, note: '首笔' }, [
      { action: 'update', entity: 'foreign_capital', id: idOf(fx) },
    ]);
    await del(admin, `${INV}/foreign-capital/${fx.id}`, [
      { action: 'delete', entity: 'foreign_capital', id: idOf(fx) },
    ]);

    const ev = await post(admin, `${INV}/signing-events`, { name: '审计集中签约', heldOn: '2025-05-01' }, [
      { action: 'create', entity: 'signing_event', id: idOf },
    ]);
    await post(admin, `${INV}/signing-events/${ev.id}/projects`, { projectIds: [p4.id] }, [
      { action: 'update', entity: 'signing_event', id: idOf(ev), noBefore: 'records the projects attached' },
      // A project in talks is signed on the event's day.
      { action: 'update', entity: 'investment_project', id: idOf(p4), where: afterHas('stage', 'signed') },
    ]);
    await s.write(admin, 'DELETE', `${INV}/signing-events/${ev.id}/projects/${p4.id}`, undefined, [
      { action: 'update', entity: 'signing_event', id: idOf(ev), noBefore: 'records the project detached' },
    ]);
    await patch(admin, `${INV}/signing-events/${ev.id}`, { version: 1, place: '会展中心' }, [
      { action: 'update', entity: 'signing_event', id: idOf(ev) },
    ]);
    await del(admin, `${INV}/signing-events/${ev.id}`, [{ action: 'delete', entity: 'signing_event', id: idOf(ev) }]);

    // ── Investment: leads ──────────────────────────────────────────────────
    const lead = (title: string) =>
      post(admin, `${INV}/leads`, { companyId: c1.id, title, channel: 'staff' }, [
        { action: 'create', entity: 'lead', id: idOf },
      ]);
    const l1 = await lead('扩产意向');
    const l2 = await lead('研发中心意向');
    const l3 = await lead('重复登记');
    await patch(admin, `${INV}/leads/${l1.id}`, { version: 1, industry: '装备制造' }, [
      { action: 'update', entity: 'lead', id: idOf(l1) },
    ]);
    await post(admin, `${INV}/leads/${l1.id}/claim`, undefined, [{ action: 'update', entity: 'lead', id: idOf(l1) }]);
    await post(admin, `${INV}/leads/${l1.id}/assign`, { ownerDepartmentId: dep.id }, [
      { action: 'update', entity: 'lead', id: idOf(l1) },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    await post(admin, `${INV}/leads/${l1.id}/followups`, { happenedOn: today, content: '电话沟通' }, [
      { action: 'update', entity: 'lead', id: idOf(l1), noBefore: 'records the follow-up added' },
    ]);
    const converted = await post(admin, `${INV}/leads/${l1.id}/convert`, { code: 'AU-L1' }, [
      { action: 'update', entity: 'lead', id: idOf(l1), where: afterHas('status', 'converted') },
      { action: 'create', entity: 'investment_project', where: afterHas('code', 'AU-L1') },
    ]);
    expect(obj(converted.project)?.code).toBe('AU-L1');
    await post(admin, `${INV}/leads/${l2.id}/close`, { reason: '企业放弃' }, [
      { action: 'update', entity: 'lead', id: idOf(l2), where: afterHas('status', 'closed') },
    ]);
    await del(admin, `${INV}/leads/${l3.id}`, [{ action: 'delete', entity: 'lead', id: idOf(l3) }]);

    // ── Investment: visits, agencies, targets, evaluation, commitments ────
    const visit = await post(admin, `${INV}/visits`, { startedOn: '2025-06-01', place: '深圳', companyIds: [c1.id] }, [
      { action: 'create', entity: 'visit', id: idOf },
    ]);
    await patch(admin, `${INV}/visits/${visit.id}`, { version: 1, agreed: '年内签约' }, [
      { action: 'update', entity: 'visit', id: idOf(visit) },
    ]);
    await del(admin, `${INV}/visits/${visit.id}`, [{ action: 'delete', entity: 'visit', id: idOf(visit) }]);
    await put(
      admin,
      `${INV}/agencies/${agency.id}`,
      { contractStart: '2025-01-01', contractEnd: '2027-12-31', yearlyQuota: '500000000.00' },
      [{ action: 'create', entity: 'agency', id: idOf(agency) }],
    );
    const target = await post(admin, `${INV}/targets`, { year: 2026, departmentId: dep.id, leads: 10 }, [
      { action: 'create', entity: 'investment_target', id: idOf },
    ]);
    await patch(admin, `${INV}/targets/${target.id}`, { version: 1, signedProjects: 3 }, [
      { action: 'update', entity: 'investment_target', id: idOf(target) },
    ]);
    await del(admin, `${INV}/targets/${target.id}`, [
      { action: 'delete', entity: 'investment_target', id: idOf(target) },
    ]);
    await put(
      admin,
      `${INV}/projects/${p1.id}/evaluation`,
      { landAreaMu: '50', years: [{ output: '300000000', tax: '12000000', incentives: '5000000' }] },
      [{ action: 'create', entity: 'evaluation', id: idOf, where: afterHas('projectId', p1.id) }],
    );
    const promise = await post(
      admin,
      `${INV}/projects/${p1.id}/commitments`,
      { metric: 'tax', year: 2026, target: '1000000' },
      [{ action: 'create', entity: 'commitment', id: idOf }],
    );
    await patch(admin, `${INV}/commitments/${promise.id}`, { version: 1, actual: '800000' }, [
      { action: 'update', entity: 'commitment', id: idOf(promise) },
    ]);
    await del(admin, `${INV}/commitments/${promise.id}`, [
      { action: 'delete', entity: 'commitment', id: idOf(promise) },
    ]);

    // ── Investment: agreements and their files ─────────────────────────────
    const agreement = await post(
      admin,
      `${INV}/projects/${p1.id}/agreements`,
      { kind: 'investment', title: '投资协议' },
      [{ action: 'create', entity: 'agreement', id: idOf }],
    );
    await patch(admin, `${INV}/agreements/${agreement.id}`, { version: 1, signedOn: '2025-03-15' }, [
      { action: 'update', entity: 'agreement', id: idOf(agreement) },
    ]);
    const withFile = await s.upload(admin, `${INV}/agreements/${agreement.id}/files`, '投资协议.pdf', PDF, [
      { action: 'create', entity: 'attachment', id: (b) => (b.files as Rec[])[0].id as string },
    ]);
    const fileId = (withFile.files as Rec[])[0].id as string;
    await del(admin, `${INV}/files/${fileId}`, [{ action: 'delete', entity: 'attachment', id: fileId }]);
    await del(admin, `${INV}/agreements/${agreement.id}`, [
      { action: 'delete', entity: 'agreement', id: idOf(agreement) },
    ]);

    // ── Major projects ─────────────────────────────────────────────────────
    const settings = (await admin.get(`${MP}/settings`)).json();
    await put(admin, `${MP}/settings`, { ...settings, coordinatingDepartmentId: dep.id }, [
      { action: 'update', entity: 'major_project_settings', id: zone.id },
    ]);
    const plan = { year: 2025, levels: ['zone'], kind: 'continuing', annualPlan: '30000000.00' };
    const mp = await post(
      admin,
      MP,
      { key: 'MP-AU', name: '审计重大项目', builder: '审计建设有限公司', totalInvestment: '500000000', plan },
      [
        { action: 'create', entity: 'major_project', id: idOf },
        { action: 'create', entity: 'major_project.plan', where: afterHas('year', 2025) },
      ],
    );
    const mpId = idOf(mp);
    const ofProject = afterHas('projectId', mpId);
    await post(admin, `${MP}/from-investment`, { investmentProjectId: p1.id, plan }, [
      { action: 'create', entity: 'major_project', id: idOf },
    ]);
    await patch(admin, `${MP}/${mpId}`, { version: 1, location: '高新区' }, [
      { action: 'update', entity: 'major_project', id: mpId },
    ]);
    await put(admin, `${MP}/${mpId}/owners`, { userIds: [owner.userId] }, [
      { action: 'update', entity: 'major_project.owners', id: mpId },
    ]);
    await put(admin, `${MP}/${mpId}/task-force`, { members: [{ name: '张三', role: '组长', departmentId: dep.id }] }, [
      { action: 'update', entity: 'major_project.task_force', id: mpId },
    ]);
    await put(admin, `${MP}/${mpId}/plans/2026`, { levels: ['city'], kind: 'continuing', annualPlan: '40000000' }, [
      { action: 'create', entity: 'major_project.plan', where: (r) => ofProject(r) && afterHas('year', 2026)(r) },
    ]);
    await del(admin, `${MP}/${mpId}/plans/2026`, [
      { action: 'delete', entity: 'major_project.plan', where: (r) => obj(r.before)?.year === 2026 },
    ]);
    await put(admin, `${MP}/${mpId}/milestones/land_requisition`, { plannedDate: '2025-01-10', actualDate: null }, [
      { action: 'create', entity: 'major_project.milestone', where: ofProject },
    ]);
    await post(owner, `${MP}/${mpId}/reports`, { month: '2025-01', completed: '1000000', problems: '征地未完成' }, [
      { action: 'create', entity: 'major_project.report', where: ofProject },
      // A problem written in a report opens an issue.
      { action: 'create', entity: 'major_project.issue', where: ofProject },
    ]);
    await patch(admin, `${MP}/${mpId}/reports/2025-01`, { version: 1, completed: '1200000', reason: '统计口径调整' }, [
      { action: 'update', entity: 'major_project.report', where: ofProject },
    ]);
    const photo = await s.upload(owner, `${MP}/${mpId}/files`, '现场.jpg', JPEG, [
      { action: 'create', entity: 'major_project.file', id: idOf },
    ]);
    await del(admin, `${MP}/${mpId}/files/${photo.id}`, [
      { action: 'delete', entity: 'major_project.file', id: idOf(photo) },
    ]);

    // An issue through its loop, overdue (and escalated) on the way.
    const issue = await post(admin, `${MP}/${mpId}/issues`, { description: '用电报装滞后', raisedOn: '2024-01-02' }, [
      { action: 'create', entity: 'major_project.issue', id: idOf },
    ]);
    const issueUrl = `${MP}/issues/${issue.id}`;
    const step = (body: Rec) =>
      post(admin, `${issueUrl}/steps`, body, [{ action: 'update', entity: 'major_project.issue', id: idOf(issue) }]);
    let v = (await step({ step: 'assign', version: 1, on: '2024-01-03', departmentId: dep.id, deadlineWorkdays: 1 }))
      .version as number;
    await post(admin, `${MP}/issues/escalate`, {}, [
      { action: 'update', entity: 'major_project.issue', id: idOf(issue), where: (r) => !!obj(r.after)?.escalatedOn },
    ]);
    v = (await admin.get(issueUrl)).json().version;
    v = (await step({ step: 'handle', version: v })).version as number;
    v = (await step({ step: 'respond', version: v, note: '已完成报装' })).version as number;
    v = (await step({ step: 'review', version: v, passed: true })).version as number;
    await step({ step: 'close', version: v });

    const notice = await post(
      admin,
      `${MP}/notices`,
      { projectId: mpId, departmentId: dep.id, title: '督办通知', content: '请加快征地' },
      [{ action: 'create', entity: 'major_project.notice', id: idOf }],
    );
    await post(admin, `${MP}/notices/${notice.id}/answer`, { version: 1, answer: '已督促' }, [
      { action: 'update', entity: 'major_project.notice', id: idOf(notice) },
    ]);
    await put(
      admin,
      '/api/v1/calendar/years/2030',
      { source: '园区安排', holidays: [{ name: '元旦', from: '2030-01-01', to: '2030-01-01' }], workdays: [] },
      [{ action: 'create', entity: 'work_calendar_year', id: '2030' }],
    );
    await del(admin, `${MP}/${mpId}`, [{ action: 'delete', entity: 'major_project', id: mpId }]);
    await post(admin, `${MP}/${mpId}/restore`, undefined, [{ action: 'restore', entity: 'major_project', id: mpId }]);

    // ── Ledgers: the import, and each record it wrote ──────────────────────
    const imported = (ledger: string): Expect => ({ action: 'import', entity: 'ledger', id: ledger });
    await s.upload(
      admin,
      '/api/v1/ledgers/investment-projects/import',
      'projects.csv',
      csv([
        ['项目编号', '项目名称', '投资方', '三类500强', '招商渠道', '总投资(万元)', '阶段', '签约日期', '签约活动'],
        [
          'AU-LG1',
          '台账项目',
          '台账投资有限公司',
          '世界500强',
          '全员招商',
          '1000',
          '签约',
          '2025-02-01',
          '台账签约仪式',
        ],
      ]),
      [
        imported('investment-projects'),
        { action: 'create', entity: 'investment_project', where: afterHas('code', 'AU-LG1') },
        { action: 'create', entity: 'company', where: afterHas('name', '台账投资有限公司') },
        { action: 'create', entity: 'signing_event', where: afterHas('name', '台账签约仪式') },
        // The investor's 500强 lists, set by the file.
        {
          action: 'update',
          entity: 'company',
          where: (r) => JSON.stringify(obj(r.after)?.top500) === '[{"list":"fortune_global"}]',
        },
      ],
    );
    await s.upload(
      admin,
      '/api/v1/ledgers/foreign-capital/import',
      'fx.csv',
      csv([
        ['登记编号', '项目编号', '到位日期', '到位金额(万美元)'],
        ['FX-AU-1', 'AU-P1', '2025-06-02', '10'],
      ]),
      [
        imported('foreign-capital'),
        { action: 'create', entity: 'foreign_capital', where: afterHas('code', 'FX-AU-1') },
      ],
    );
    await s.upload(
      admin,
      '/api/v1/ledgers/major-projects/import',
      'mp.csv',
      csv([
        [
          '项目编号',
          '项目名称',
          '建设单位',
          '年度',
          '项目级别',
          '建设性质',
          '总投资(万元)',
          '年度计划投资(万元)',
          '责任单位',
        ],
        ['MP-AU-L', '台账重大项目', '台账建设有限公司', '2025', '区级', '续建', '50000', '10000', '台账新设部门'],
      ]),
      [
        imported('major-projects'),
        { action: 'create', entity: 'major_project', where: afterHas('key', 'MP-AU-L') },
        { action: 'create', entity: 'major_project.plan' },
        { action: 'create', entity: 'department', where: afterHas('name', '台账新设部门') },
      ],
    );
    await s.upload(
      admin,
      '/api/v1/ledgers/major-project-progress/import',
      'progress.csv',
      csv([
        ['项目编号', '填报月份', '本月完成投资(万元)', '形象进度', '存在问题'],
        ['MP-AU-L', '2025-01', '100', '基础施工', ''],
      ]),
      [imported('major-project-progress'), { action: 'create', entity: 'major_project.report' }],
    );

    // ── Every state-changing route was reached, or is excused with a reason ──
    const all = new Set(routes.map((r) => r.key));
    expect(
      Object.keys(EXCUSED).filter((k) => !all.has(k)),
      'excused routes that do not exist',
    ).toEqual([]);
    const missing = [...all].filter((k) => !s.exercised.has(k) && !(k in EXCUSED)).sort();
    expect(missing, 'state-changing routes without an audited write in this scenario').toEqual([]);
  }, 60_000);
});
