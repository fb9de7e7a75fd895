import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/cli/process-harness.ts';
import { ANSWER_GRACE_MS, type Database, openDatabase } from '../../src/db/database.ts';
import { asSystem, isConnectionError } from '../../src/db/tx.ts';
import { buildApp } from '../../src/server/app.ts';
import type { App } from '../../src/server/context.ts';
import { prepareZone, serverDatabase } from './support.ts';
import { TcpProxy } from './tcp-proxy.ts';

/**
 * PostgreSQL unavailable under load. The app talks to the server through a
 * TCP proxy this test owns (the shared server itself cannot be restarted
 * safely). Whether the server goes away (connections reset) or stops
 * answering (nothing passes, nothing is reset), every request fails cleanly —
 * 503 with a Retry-After header, never a 500 or a hang — and once it is back
 * the app recovers by itself, with no restart and no acknowledged write lost.
 * The app runs with the request timeouts `gaoxin serve` sets
 * (GAOXIN_QUERY_TIMEOUT_MS), made short so the test is quick.
 */

const PASSWORD = 'Outage-test-pass-1';
const QUERY_TIMEOUT_MS = 1_500;
const CONNECT_TIMEOUT_MS = 2_000;
/** The longest a request may take while the database does not answer: the app's own limit, and some slack. */
const LONGEST_ANSWER_MS = QUERY_TIMEOUT_MS + ANSWER_GRACE_MS + 1_500;
let proxy: TcpProxy;
let database: Database;
let app: App;
let url = '';
let base = '';
let cookie = '';
let drop = async () => {};

beforeAll(async () => {
  const d = await serverDatabase('outage');
  drop = d.drop;
  url = d.url;
  await prepareZone({ databaseUrl: d.url, dataDir: '/tmp' }, 'OUT', 'outage.admin', PASSWORD);
  proxy = new TcpProxy('127.0.0.1', Number(new URL(d.url).port || 5432));
  await proxy.start();
  const viaProxy = new URL(d.url);
  viaProxy.port = String(proxy.port);
  database = await openDatabase(
    { databaseUrl: viaProxy.toString(), dataDir: '/tmp' },
    { queryTimeoutMs: QUERY_TIMEOUT_MS, connectTimeoutMs: CONNECT_TIMEOUT_MS },
  );
  app = await buildApp({ database, webDir: null, logger: process.env.OUTAGE_LOG ? { level: 'error' } : false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'outage.admin', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  await proxy?.stop();
  await drop();
});

interface Answer {
  at: number;
  phase: 'before' | 'down' | 'after';
  method: string;
  status: number;
  retryAfter: string | null;
  ms: number;
  id?: string;
}

const ok = (a: Answer) => a.status === 200 || a.status === 201;

/**
 * 8 clients reading and creating departments for 3 s, while `breakIt` runs for `downMs`, and 6 s after
 * `restore`; every answer, the moment of the restore, and the label for the log.
 */
async function underLoad(label: string, breakIt: () => Promise<void> | void, downMs: number) {
  let phase: Answer['phase'] = 'before';
  let running = true;
  const answers: Answer[] = [];
  const t0 = performance.now();
  const worker = async (w: number) => {
    for (let i = 0; running; i++) {
      const write = i % 3 === 0;
      const started = performance.now();
      const at = phase;
      const res = await fetch(`${base}/api/v1/departments`, {
        method: write ? 'POST' : 'GET',
        headers: { cookie, ...(write ? { 'content-type': 'application/json' } : {}) },
        body: write ? JSON.stringify({ name: `${label}${w}-${i}` }) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await res.json()) as { id?: string };
      answers.push({
        at: performance.now() - t0,
        phase: at === phase ? at : 'down', // a request that straddled a switch counts as in the outage
        method: write ? 'POST' : 'GET',
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        ms: performance.now() - started,
        id: write && res.status === 201 ? json.id : undefined,
      });
    }
  };
  const workers = Array.from({ length: 8 }, (_, w) => worker(w));
  await sleep(3000);
  phase = 'down';
  await breakIt();
  await sleep(downMs);
  await proxy.restore();
  const restoredAt = performance.now() - t0;
  phase = 'after';
  await sleep(6000);
  running = false;
  await Promise.all(workers);
  const of = (p: Answer['phase']) => answers.filter((a) => a.phase === p);
  const down = of('down');
  const firstOk = of('after').find(ok);
  const statuses = (p: Answer['phase']) =>
    Object.entries(
      of(p).reduce<Record<number, number>>((acc, a) => {
        acc[a.status] = (acc[a.status] ?? 0) + 1;
        return acc;
      }, {}),
    )
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
  console.log(
    `${label}: before ${statuses('before')}; down ${statuses('down')} (slowest ${Math.max(...down.map((a) => a.ms)).toFixed(0)} ms); ` +
      `after ${statuses('after')}; first success ${(firstOk ? firstOk.at - restoredAt : Number.NaN).toFixed(0)} ms after the restore`,
  );
  return { answers, of, down, firstOk, restoredAt };
}

/** What both ways of going away must show: healthy before, clean refusals while down, recovery, nothing lost. */
async function expectCleanOutage(run: Awaited<ReturnType<typeof underLoad>>, longestMs: number) {
  const { answers, of, down, firstOk, restoredAt } = run;
  expect(of('before').length).toBeGreaterThan(20);
  expect(of('before').filter((a) => !ok(a))).toEqual([]);
  // Down: clean refusals with a retry hint, within the app's own limit; never a 500, never a hang.
  expect(down.length).toBeGreaterThanOrEqual(8);
  expect(down.filter((a) => a.status >= 500 && (a.status !== 503 || a.retryAfter === null))).toEqual([]);
  expect(down.filter((a) => a.status === 503).length).toBeGreaterThan(down.length / 2);
  expect(Math.max(...down.map((a) => a.ms))).toBeLessThan(longestMs);
  // Recovered by itself: within a few seconds of the restore every answer is normal again.
  expect(firstOk, 'no request succeeded after the restore').toBeDefined();
  const settled = of('after').filter((a) => a.at > restoredAt + 3000);
  expect(settled.length).toBeGreaterThan(20);
  expect(settled.filter((a) => !ok(a))).toEqual([]);
  // No acknowledged write lost across the outage.
  const list = await fetch(`${base}/api/v1/departments?includeDeleted=true`, { headers: { cookie } });
  const stored = new Set(((await list.json()) as { items: { id: string }[] }).items.map((d) => d.id));
  const acked = answers.filter((a) => a.id).map((a) => a.id as string);
  expect(acked.filter((id) => !stored.has(id))).toEqual([]);
}

describe('PostgreSQL unavailable under load', () => {
  it('answers 503 with Retry-After while it is down and recovers by itself', async () => {
    const run = await underLoad('停机测试', () => proxy.cut(), 5000);
    await expectCleanOutage(run, 10_000);
  });

  it('answers 503 within its timeout while the server stops answering, and recovers by itself', async () => {
    // Longer than any request's limit, so every request of the stall meets it.
    const run = await underLoad('无响应测试', () => proxy.stall(), 3 * LONGEST_ANSWER_MS);
    await expectCleanOutage(run, LONGEST_ANSWER_MS);
    expect(run.down.filter((a) => a.status === 503).length).toBeGreaterThanOrEqual(8);
  });

  it('gives up on a transaction whose statement is not answered after one wait, and drops its connection', async () => {
    const removed: unknown[] = [];
    const onRemove = (client: unknown) => removed.push(client);
    database.pool.on('remove', onRemove);
    let stuck: unknown = null;
    const started = performance.now();
    const failed = await asSystem(database, async (tx) => {
      stuck = tx.client;
      await tx.client.query('SELECT 1');
      proxy.stall();
      await tx.client.query('SELECT 2');
    }).catch((err: unknown) => err);
    const ms = performance.now() - started;
    // The pool tells of a removal once the connection has closed.
    for (let i = 0; i < 50 && !removed.includes(stuck); i++) await sleep(20);
    database.pool.off('remove', onRemove);
    await proxy.restore();
    expect(isConnectionError(failed), String(failed)).toBe(true);
    // The connection that stopped answering left the pool instead of being handed out again.
    expect(removed).toContain(stuck);
    // One wait for the answer, not a second one for a ROLLBACK queued behind the statement.
    expect(ms).toBeGreaterThanOrEqual(QUERY_TIMEOUT_MS + ANSWER_GRACE_MS - 50);
    expect(ms).toBeLessThan(2 * QUERY_TIMEOUT_MS + ANSWER_GRACE_MS);
    // The pool serves again at once, on a connection that answers.
    const again = await asSystem(database, async (tx) => (await tx.client.query('SELECT 42 AS n')).rows[0].n);
    expect(again).toBe(42);
  });

  it('cancels a statement that waits too long (a lock held elsewhere) with 503, and keeps serving', async () => {
    const created = await fetch(`${base}/api/v1/departments`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '锁等待测试' }),
    });
    expect(created.status).toBe(201);
    const dept = (await created.json()) as { id: string; version: number };
    // Another session (an operator's psql left open, say) holds the row's lock.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM departments WHERE id = $1 FOR UPDATE', [dept.id]);
      const edit = () =>
        fetch(`${base}/api/v1/departments/${dept.id}`, {
          method: 'PATCH',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ version: dept.version, description: '锁释放后' }),
          signal: AbortSignal.timeout(30_000),
        });
      const started = performance.now();
      const waited = await edit();
      const ms = performance.now() - started;
      expect(waited.status).toBe(503);
      expect(waited.headers.get('retry-after')).toBe('5');
      const problem = (await waited.json()) as { title: string };
      expect(problem.title).toBe('数据库处理超时，请稍后重试');
      // The server's own timeout ended it, not the app's longer wait for an answer.
      expect(ms).toBeGreaterThanOrEqual(QUERY_TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(QUERY_TIMEOUT_MS + ANSWER_GRACE_MS);
      // Nothing was changed, and everything else is served meanwhile.
      const read = await fetch(`${base}/api/v1/departments/${dept.id}`, { headers: { cookie } });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { version: number }).version).toBe(dept.version);
      await holder.query('ROLLBACK');
      const after = await edit();
      expect(after.status).toBe(200);
      expect(((await after.json()) as { description: string }).description).toBe('锁释放后');
    } finally {
      await holder.end();
    }
  });
});
