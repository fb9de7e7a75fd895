import { describe, expect, it } from 'vitest';
import { asSystem } from '../../src/db/tx.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { seedSynthetic, zonePrefix } from '../../src/seed/synthetic.ts';
import { Client, type Harness, KINDS, snapshot, useApp } from '../../src/test/harness.ts';
import { example, type OpenApiDoc } from './openapi-example.ts';

/**
 * The access matrix: every route that takes a record id × every role of zone
 * A × the ids of zone B's records (and, for agency users, of another agency's
 * records in their own zone). Each answer must be exactly what the same
 * request gets for an id that exists nowhere — 404, or 403 where the role may
 * not use the route at all — never a 2xx, and nothing in the database changes.
 */

const ROLES = ['admin', 'leader', 'jhj', 'jfj', 'agency', 'agency2', 'owner', 'enterprise', 'viewer'];
const ABSENT = '00000000-0000-4000-8000-00000000abcd';

/** Which table a path parameter names, by the route's path. */
const ENTITIES: [RegExp, string, string][] = [
  [/^\/api\/v1\/departments\//, 'id', 'departments'],
  [/^\/api\/v1\/users\//, 'id', 'users'],
  [/\/investment\/companies\//, 'id', 'companies'],
  [/\/investment\/projects\//, 'id', 'investment_projects'],
  [/\/investment\/leads\//, 'id', 'investment_leads'],
  [/\/investment\/visits\//, 'id', 'investment_visits'],
  [/\/investment\/signing-events\//, 'id', 'investment_signing_events'],
  [/\/investment\/signing-events\//, 'projectId', 'investment_projects'],
  [/\/investment\/foreign-capital\//, 'id', 'investment_foreign_capital'],
  [/\/investment\/agreements\//, 'id', 'investment_agreements'],
  [/\/investment\/files\//, 'id', 'investment_attachments'],
  [/\/investment\/commitments\//, 'id', 'investment_commitments'],
  [/\/investment\/targets\//, 'id', 'investment_targets'],
  [/\/investment\/agencies\//, 'departmentId', 'investment_agencies'],
  [/\/major-projects\/issues\//, 'issueId', 'major_project_issues'],
  [/\/major-projects\/notices\//, 'noticeId', 'major_supervision_notices'],
  [/\/major-projects\/\{id\}/, 'fileId', 'major_project_files'],
  [/\/major-projects\/\{id\}/, 'id', 'major_projects'],
];
/** A small PNG as a form upload, for the routes that take files. */
const BOUNDARY = 'gaoxin-matrix';
const UPLOAD = Buffer.concat([
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`,
  ),
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
  Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
]);

/** Parameters that are not record ids: a fixed, valid value. */
const FIXED: Record<string, string> = { kind: 'start', year: '2025', month: '2025-06' };

type Ids = Record<string, string | undefined>;

/** One id of each table in the zone, where `where` (on alias x) holds. */
async function idsOf(h: Harness, zoneCode: string, where: Record<string, string> = {}): Promise<Ids> {
  return asSystem(h.database, async (tx) => {
    const out: Ids = {};
    for (const t of new Set(ENTITIES.map(([, , table]) => table))) {
      const col = t === 'investment_agencies' ? 'department_id' : 'id';
      const { rows } = await tx.client.query<{ id: string }>(
        `SELECT x.${col}::text AS id FROM ${t} x JOIN zones z ON z.id = x.zone_id
          WHERE z.code = $1 AND ${where[t] ?? 'true'} ORDER BY 1 LIMIT 1`,
        [zoneCode],
      );
      out[t] = rows[0]?.id;
    }
    return out;
  });
}

/** Zone A's records an agency user may not see: those of other agencies and departments (README: who sees what). */
function notOfAgency(username: string): Record<string, string> {
  const dep = `(SELECT department_id FROM users WHERE username = '${username}')`;
  const project = (col: string) =>
    `(SELECT p.referrer_department_id FROM investment_projects p WHERE p.id = x.${col}) IS DISTINCT FROM ${dep}`;
  return {
    investment_projects: `x.referrer_department_id IS DISTINCT FROM ${dep}`,
    investment_leads: `x.source_department_id IS DISTINCT FROM ${dep} AND x.owner_department_id IS DISTINCT FROM ${dep}`,
    companies: `NOT EXISTS (SELECT 1 FROM investment_projects p WHERE p.company_id = x.id AND p.referrer_department_id = ${dep})
                AND NOT EXISTS (SELECT 1 FROM investment_leads l WHERE l.company_id = x.id
                                 AND (l.source_department_id = ${dep} OR l.owner_department_id = ${dep}))`,
    investment_visits: `x.department_id IS DISTINCT FROM ${dep}`,
    investment_targets: `x.department_id <> ${dep}`,
    investment_agencies: `x.department_id <> ${dep}`,
    investment_foreign_capital: project('project_id'),
    investment_commitments: project('project_id'),
    investment_agreements: project('project_id'),
    investment_attachments: `(SELECT p.referrer_department_id FROM investment_agreements a
                                JOIN investment_projects p ON p.id = a.project_id WHERE a.id = x.agreement_id)
                               IS DISTINCT FROM ${dep}`,
  };
}

/** Records the generator does not make (agreements, files, notices), written straight into a zone. */
async function addRareRecords(h: Harness, zoneCode: string) {
  await asSystem(h.database, async (tx) => {
    const z = `(SELECT id FROM zones WHERE code = '${zoneCode}')`;
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const sha = '0'.repeat(64);
    await tx.client.query(
      `INSERT INTO investment_agreements (zone_id, project_id, kind, title)
         SELECT p.zone_id, p.id, 'investment', '投资协议' FROM investment_projects p WHERE p.zone_id = ${z}`,
    );
    await tx.client.query(
      `INSERT INTO investment_attachments (zone_id, agreement_id, filename, content_type, size, sha256, data, uploaded_by)
         SELECT a.zone_id, a.id, '协议.png', 'image/png', 8, $1, $2, '测试' FROM investment_agreements a WHERE a.zone_id = ${z}`,
      [sha, png],
    );
    await tx.client.query(
      `INSERT INTO major_project_files (zone_id, project_id, filename, content_type, size, sha256, data, uploaded_by_name)
         SELECT p.zone_id, p.id, '现场.png', 'image/png', 8, $1, $2, '测试' FROM major_projects p WHERE p.zone_id = ${z} LIMIT 5`,
      [sha, png],
    );
    await tx.client.query(
      `INSERT INTO major_supervision_notices (zone_id, project_id, department_id, title, content, sent_on, sent_by_name)
         SELECT p.zone_id, p.id, p.department_id, '督办通知', '请加快推进', '2026-10-12', '督查专员'
           FROM major_projects p WHERE p.zone_id = ${z} AND p.department_id IS NOT NULL LIMIT 3`,
    );
  });
}

interface Call {
  method: string;
  path: string;
  body?: unknown;
  multipart: boolean;
}

function calls(doc: OpenApiDoc): Call[] {
  const out: Call[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!/\{(id|projectId|departmentId|issueId|noticeId|fileId)\}/.test(path)) continue;
    for (const [method, op] of Object.entries(ops)) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      const qs = query.map((p) => `${p.name}=${encodeURIComponent(String(example(doc, p.schema)))}`).join('&');
      const content = op.requestBody?.content ?? {};
      out.push({
        method: method.toUpperCase(),
        path: qs ? `${path}?${qs}` : path,
        body: content['application/json'] ? example(doc, content['application/json'].schema) : undefined,
        // Uploads: declared as multipart, or (where the document has no body for them) POST …/files.
        multipart: 'multipart/form-data' in content || (method === 'post' && path.endsWith('/files')),
      });
    }
  }
  return out;
}

/** The path with its id parameters from `ids` (ABSENT where there is none) and the fixed ones filled in. */
function fill(path: string, ids: Ids | null): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (FIXED[name]) return FIXED[name];
    const entity = ENTITIES.find(([re, p]) => p === name && re.test(path))?.[2];
    return (ids && entity && ids[entity]) || ABSENT;
  });
}

describe.each(KINDS)('access matrix on %s', (kind) => {
  const h = useApp(kind);

  it('answers another zone’s and another agency’s ids exactly like ids that do not exist', async () => {
    await seedSynthetic(h.database, { zones: 2, scale: 'small', first: 1 });
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDoc;
    const list = calls(doc);
    for (const code of ['S001', 'S002']) await addRareRecords(h, code);
    const zoneB = await idsOf(h, 'S002');
    const otherAgency: Record<string, Ids> = {
      agency: await idsOf(h, 'S001', notOfAgency(`${zonePrefix(1)}agency`)),
      agency2: await idsOf(h, 'S001', notOfAgency(`${zonePrefix(1)}agency2`)),
    };
    const clients = new Map<string, Client>();
    for (const role of ROLES) {
      const c = new Client(h.app);
      const res = await c.post('/api/v1/auth/login', { username: `${zonePrefix(1)}${role}`, password: DEMO_PASSWORD });
      expect(res.statusCode, res.body).toBe(200);
      clients.set(role, c);
    }
    const before = await snapshot(h.database);
    const failures: string[] = [];
    const unreached = new Set<string>();
    let sent = 0;
    const send = (c: Client, call: Call, ids: Ids | null) =>
      call.multipart
        ? c.app.inject({
            method: call.method as 'POST',
            url: fill(call.path, ids),
            headers: { cookie: c.cookie ?? '', 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
            payload: UPLOAD,
          })
        : c.request(call.method as 'GET', fill(call.path, ids), call.body);
    for (const call of list) {
      for (const [role, c] of clients) {
        const sources: [string, Ids][] = [['zone B', zoneB]];
        if (otherAgency[role]) sources.push(['another agency', otherAgency[role]]);
        const control = await send(c, call, null);
        for (const [what, ids] of sources) {
          const res = await send(c, call, ids);
          sent += 2;
          const label = `${role} ${call.method} ${fill(call.path, ids)} (${what})`;
          if (res.statusCode < 300) failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          else if (res.statusCode !== control.statusCode || res.json().title !== control.json().title) {
            failures.push(`${label}: ${res.statusCode} but ${control.statusCode} for an id that does not exist`);
          }
        }
        if (role === 'admin' && (control.statusCode === 400 || control.statusCode === 415)) {
          unreached.add(`${call.method} ${call.path}${call.multipart ? ' (multipart)' : ''}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(h.database)).toEqual(before);
    console.log(
      `${kind}: ${list.length} routes with ids × ${ROLES.length} roles: ${sent} requests, all answered like a missing id; ` +
        `${unreached.size} routes refused the example before any lookup${unreached.size ? `: ${[...unreached].join(', ')}` : ''}`,
    );
    // Every route is exercised past validation, up to the record lookup.
    expect([...unreached]).toEqual([]);
  });
});
