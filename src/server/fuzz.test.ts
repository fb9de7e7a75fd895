import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { LEDGERS } from '../ledger/registry.ts';
import { REPORTS } from '../reports/registry.ts';
import { type Harness, KINDS, makeZone, snapshot, useApp } from '../test/harness.ts';

/**
 * Property-based fuzz of every route in the OpenAPI document: malformed
 * bodies, query strings and path ids, as a logged-in admin and anonymously.
 * Whatever arrives, the answer is never a 5xx, and a refused request writes
 * nothing.
 */

// Runs per route for the admin (half as many anonymously): up to 30, fewer when there are many
// routes so a database's fuzz stays under about 2,000 requests. FUZZ_RUNS overrides.
const runsFor = (routes: number) =>
  Number(process.env.FUZZ_RUNS) || Math.max(8, Math.min(30, Math.round(1200 / routes)));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  nullable?: boolean;
  items?: JsonSchema;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}
interface OpenApiOp {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDoc {
  paths: Record<string, Partial<Record<Method, OpenApiOp>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface Route {
  method: Method;
  path: string;
  pathParams: { name: string; schema?: JsonSchema }[];
  query: { name: string; schema?: JsonSchema }[];
  /** The JSON body's schema, when the route declares one. */
  body?: JsonSchema;
}

function routesOf(doc: OpenApiDoc): Route[] {
  const out: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      const params = (op.parameters ?? []).map((p) => ({ in: p.in, name: p.name, schema: p.schema }));
      out.push({
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content['application/json']?.schema,
      });
    }
  }
  return out;
}

/** Percent-encodes anything, lone surrogates included (as U+FFFD). */
const encode = (s: string) =>
  encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

const SQLISH = [
  "' OR '1'='1",
  '1; DROP TABLE users; --',
  "'); DELETE FROM departments; --",
  '$1',
  '%',
  '%_\\',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  'a\u0000b',
  '\u0000',
  '\uD800',
  'NaN',
  '-1',
  '1e400',
  '0x10',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123e4567-e89b-12d3-a456-42661417400',
  '123e4567-e89b-12d3-a456-4266141740000',
  '2026-02-30',
  '9999-99-99',
  '衡阳高新区😀',
  '\u202Eevil',
  '<script>alert(1)</script>',
];

// Names that an object lookup finds on Object.prototype unless it checks own keys.
const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

/** Strings of the right type and nasty content. */
const text = fc.oneof(
  { arbitrary: fc.constantFrom(...SQLISH), weight: 4 },
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  fc.string({ maxLength: 8 }).map((s) => `经济合作局${s}`),
  fc.integer({ min: 150, max: 3000 }).map((n) => 'x'.repeat(n)),
  fc.uuid(),
);

const deep = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean())
  .map(([d, arr]) => (arr ? `${'['.repeat(d)}${']'.repeat(d)}` : `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`));

const RAW_BODIES = [
  '{"__proto__":{"isAdmin":true,"roles":["admin"]}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":{"__proto__":{"x":1}}}',
  '{"name":',
  '{"name":"x"}}',
  "{'name':'x'}",
  '',
  'null',
  '[]',
  '"a string"',
  '1e999',
  '\u0000',
  '\uFEFF{}',
];

/** Values of any kind: random JSON, wrong types, huge strings. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  text,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}, -1, 0, 2 ** 31, Number.MAX_SAFE_INTEGER + 2),
  fc.constantFrom(100_000, 1_100_000).map((n) => 'y'.repeat(n)),
  fc.array(text, { maxLength: 5 }),
);

/** Values that mostly fit `schema` (so requests get past validation) with nasty content. */
function fitting(doc: OpenApiDoc, schema: JsonSchema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const s = schema?.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''] : schema;
  if (!s || depth > 4) return value;
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => fitting(doc, a, ids, depth + 1)));
  const types = Array.isArray(s.type) ? s.type : [s.type];
  let arb: fc.Arbitrary<unknown>;
  if (s.enum?.length) arb = fc.constantFrom(...s.enum);
  else if (types.includes('string') && s.format === 'uuid') arb = fc.oneof(fc.constantFrom(...ids), fc.uuid());
  else if (types.includes('string') && s.format === 'email') arb = fc.oneof(fc.emailAddress(), text);
  else if (types.includes('string')) arb = text;
  else if (types.includes('integer'))
    arb = fc.oneof({ arbitrary: fc.integer({ min: -2, max: 4 }), weight: 4 }, fc.integer());
  else if (types.includes('number')) arb = fc.oneof(fc.integer({ min: -2, max: 4 }), fc.double({ noNaN: true }));
  else if (types.includes('boolean')) arb = fc.boolean();
  else if (types.includes('array'))
    arb = fc.array(fitting(doc, s.items, ids, depth + 1), { minLength: s.minItems ?? 0, maxLength: 4 });
  else if (s.properties) {
    const props = Object.fromEntries(
      Object.entries(s.properties).map(([k, v]) => [k, fitting(doc, v, ids, depth + 1)]),
    );
    arb = fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
  } else arb = value;
  return s.nullable || types.includes('null') ? fc.option(arb, { nil: null }) : arb;
}

type Body = { type: string; payload: string } | null;

function bodyFor(doc: OpenApiDoc, route: Route, ids: string[]): fc.Arbitrary<Body> {
  const json = (payload: string) => ({ type: 'application/json', payload });
  const props = Object.keys(route.body?.properties ?? {});
  const keys = fc.oneof(fc.constantFrom(...props, '__proto__', 'constructor', 'zoneId', 'id'), fc.string());
  const fit = fitting(doc, route.body ?? { type: 'object', properties: {} }, ids);
  const malformed = fc.oneof(
    fc.constant(null),
    fc.jsonValue().map((v) => json(JSON.stringify(v))),
    fc.dictionary(keys, value, { maxKeys: 6 }).map((o) => json(JSON.stringify(o))),
    fc.constantFrom(...RAW_BODIES).map(json),
    deep.map(json),
    fc
      .tuple(fc.string(), fc.string({ maxLength: 200 }))
      .map(([b, junk]) => ({ type: `multipart/form-data; boundary=${b || 'x'}`, payload: junk })),
    fc.constant({
      type: 'multipart/form-data; boundary=xx',
      payload:
        '--xx\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nnot a workbook\r\n--xx--\r\n',
    }),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fit.map((v) => json(JSON.stringify(v))) },
    // Fitting except one field of the wrong kind, or one unknown field.
    {
      weight: 2,
      arbitrary: fc
        .tuple(fit, keys, value)
        .map(([o, k, v]) =>
          json(JSON.stringify(o && typeof o === 'object' && !Array.isArray(o) ? { ...o, [k]: v } : { [k]: v })),
        ),
    },
    { weight: 3, arbitrary: malformed },
  );
}

function queryFor(doc: OpenApiDoc, route: Route, ids: string[]): fc.Arbitrary<string> {
  const known = route.query.map((q) =>
    fc.option(
      fitting(doc, q.schema, ids).map((v) => `${q.name}=${encode(typeof v === 'string' ? v : JSON.stringify(v))}`),
      { nil: '' },
    ),
  );
  const names = route.query.map((q) => q.name);
  const keys = fc.oneof(fc.constantFrom(...names, '__proto__', 'constructor[prototype]', 'a[b]'), fc.string());
  const pair = fc
    .tuple(keys, text, fc.boolean())
    .map(([k, v, raw]) => (raw ? `${k.replace(/[&#?]/g, '')}=${v.replace(/[&#]/g, '')}` : `${encode(k)}=${encode(v)}`));
  return fc
    .oneof(
      fc.tuple(...known).map((ps) => ps.filter(Boolean)),
      fc.array(pair, { minLength: 1, maxLength: 6 }),
      // A known key twice (it becomes an array) and once without a value.
      fc.constantFrom(...(names.length ? names : ['x'])).map((k) => [`${k}=1`, `${k}=2`, k]),
    )
    .map((ps) => (ps.length ? `?${ps.join('&')}` : ''));
}

function pathFor(doc: OpenApiDoc, route: Route, ids: string[]): fc.Arbitrary<string> {
  if (route.pathParams.length === 0) return fc.constant(route.path);
  const one = (schema?: JsonSchema) =>
    fc.oneof(
      fitting(doc, schema, ids).map((v) => encode(String(v))),
      text.map(encode),
      fc.constantFrom('%', '%E0%A4%A', '..', '.', '%2F', 'a/b', '%00', 'x'.repeat(250), ...PROTO_KEYS),
      fc.constantFrom(...ids, ...Object.keys(LEDGERS), ...Object.keys(REPORTS)),
    );
  return fc.tuple(...route.pathParams.map((p) => one(p.schema))).map((vals) => {
    let path = route.path;
    route.pathParams.forEach((p, i) => {
      path = path.replace(`{${p.name}}`, vals[i] || 'x');
    });
    return path;
  });
}

/** The next transaction id: unchanged means no transaction wrote anything (not even one rolled back). */
async function nextXid(h: Harness): Promise<string> {
  const { rows } = await h.database.pool.query<{ x: string }>(
    'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x',
  );
  return rows[0].x;
}

describe.each(KINDS)('fuzzing every route on %s', (kind) => {
  const h = useApp(kind);

  it('answers Object.prototype names in every path parameter without a 5xx', async () => {
    await h.app.ready();
    const routes = routesOf((await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDoc);
    const admin = await (await makeZone(h)).as(['admin']);
    const before = await snapshot(h.database);
    let accepted = 0;
    for (const route of routes.filter((r) => r.pathParams.length > 0)) {
      for (const key of PROTO_KEYS) {
        const url = route.pathParams.reduce((p, q) => p.replace(`{${q.name}}`, key), route.path);
        const res = await admin.request(
          route.method.toUpperCase() as 'GET',
          url,
          route.method === 'get' ? undefined : {},
        );
        expect(res.statusCode, `${route.method} ${url}: ${res.body}`).toBeLessThan(500);
        if (res.statusCode < 400) accepted++;
      }
    }
    if (accepted === 0) expect(await snapshot(h.database)).toEqual(before);
  });

  it('never answers 5xx and never writes when it refuses', { timeout: 240_000 }, async () => {
    await h.app.ready();
    const docRes = await h.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(docRes.statusCode).toBe(200);
    const doc = docRes.json() as OpenApiDoc;
    const routes = routesOf(doc);
    expect(routes.length).toBeGreaterThanOrEqual(18);

    const zone = await makeZone(h);
    let admin = await zone.as(['admin']);
    const dep = (await admin.post('/api/v1/departments', { name: '经济合作局' })).json();
    const gone = (await admin.post('/api/v1/departments', { name: '撤销的局' })).json();
    await admin.delete(`/api/v1/departments/${gone.id}`);
    const staff = await zone.as(['staff'], { departmentId: dep.id });
    const ids = [dep.id, gone.id, staff.userId, admin.userId];

    // The full snapshot is costly; it is taken only when some transaction has written since the last one.
    let baseline = await snapshot(h.database);
    let xid = await nextXid(h);
    let fullSnapshots = 0;
    const check = async (refused: boolean, what: string) => {
      const now = await nextXid(h);
      if (now === xid) return;
      xid = now;
      fullSnapshots++;
      const after = await snapshot(h.database);
      if (refused) expect(after, what).toEqual(baseline);
      baseline = after;
    };

    let requests = 0;
    const t0 = performance.now();
    const runs = runsFor(routes.length);
    const statuses = new Map<number, number>();
    for (const actor of ['admin', 'anonymous'] as const) {
      for (const route of routes) {
        const request = fc.record({
          path: pathFor(doc, route, ids),
          query: queryFor(doc, route, ids),
          body: route.method === 'get' ? fc.constant(null) : bodyFor(doc, route, ids),
          lang: fc.constantFrom('zh-CN', 'en', '*', 'xx;q=abc'),
        });
        await fc.assert(
          fc.asyncProperty(request, async (r) => {
            const headers: Record<string, string> = { 'accept-language': r.lang };
            if (actor === 'admin' && admin.cookie) headers.cookie = admin.cookie;
            if (r.body) headers['content-type'] = r.body.type;
            const url = `${r.path}${r.query}`;
            const res: LightMyRequestResponse = await h.app.inject({
              method: route.method.toUpperCase() as 'GET',
              url,
              headers,
              payload: r.body?.payload,
            });
            requests++;
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            const what = `${actor} ${route.method.toUpperCase()} ${url.slice(0, 300)} ${r.body?.type ?? ''} ${(r.body?.payload ?? '').slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
            expect(res.statusCode, what).toBeLessThan(500);
            await check(res.statusCode >= 400, what);
            if (actor === 'admin' && res.statusCode < 400 && route.method !== 'get') {
              // An accepted request may have ended the admin's session (logout, own password): log in again.
              if ((await admin.get('/api/v1/me')).statusCode === 401) admin = await zone.as(['admin']);
              await check(false, 'relogin');
            }
          }),
          { numRuns: actor === 'admin' ? runs : Math.ceil(runs / 2), endOnFailure: true },
        );
      }
    }
    console.info(
      `${kind}: ${requests} fuzzed requests over ${routes.length} routes (${runs} runs each) in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${fullSnapshots} full snapshots;`,
      Object.fromEntries(statuses),
    );
    // No body reached Object.prototype (`__proto__` / `constructor.prototype` keys).
    expect(Object.keys(Object.prototype)).toEqual([]);
    // The fuzz got past authentication and validation too, not only 400s and 401s.
    for (const status of [200, 400, 401, 404]) expect(statuses.get(status) ?? 0, String(status)).toBeGreaterThan(0);
  });
});
