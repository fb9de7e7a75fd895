import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/cli/process-harness.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { buildApp } from '../../src/server/app.ts';
import type { App } from '../../src/server/context.ts';
import { prepareZone, serverDatabase } from './support.ts';
import { TcpProxy } from './tcp-proxy.ts';

/**
 * PostgreSQL unavailable under load. The app talks to the server through a
 * TCP proxy this test owns (the shared server itself cannot be restarted
 * safely): while the proxy is cut, every request fails cleanly — 503 with a
 * Retry-After header, never a 500 or a hang — and once it is restored the app
 * recovers by itself, with no restart and no acknowledged write lost.
 */

const PASSWORD = 'Outage-test-pass-1';
let proxy: TcpProxy;
let database: Database;
let app: App;
let base = '';
let drop = async () => {};

beforeAll(async () => {
  const d = await serverDatabase('outage');
  drop = d.drop;
  await prepareZone({ databaseUrl: d.url, dataDir: '/tmp' }, 'OUT', 'outage.admin', PASSWORD);
  proxy = new TcpProxy('127.0.0.1', Number(new URL(d.url).port || 5432));
  await proxy.start();
  const viaProxy = new URL(d.url);
  viaProxy.port = String(proxy.port);
  database = await openDatabase({ databaseUrl: viaProxy.toString(), dataDir: '/tmp' });
  app = await buildApp({ database, webDir: null, logger: process.env.OUTAGE_LOG ? { level: 'error' } : false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
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

describe('PostgreSQL unavailable under load', () => {
  it('answers 503 with Retry-After while it is down and recovers by itself', async () => {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'outage.admin', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
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
          body: write ? JSON.stringify({ name: `停机测试${w}-${i}` }) : undefined,
          signal: AbortSignal.timeout(15_000),
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
    await proxy.cut();
    await sleep(5000);
    await proxy.restore();
    const restoredAt = performance.now() - t0;
    phase = 'after';
    await sleep(6000);
    running = false;
    await Promise.all(workers);

    const of = (p: Answer['phase']) => answers.filter((a) => a.phase === p);
    // Healthy before: every request answered normally.
    expect(of('before').length).toBeGreaterThan(20);
    expect(of('before').filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);
    // Down: clean refusals with a retry hint, quickly; never a 500, never a hang.
    const down = of('down');
    expect(down.length).toBeGreaterThan(20);
    expect(down.filter((a) => a.status >= 500 && (a.status !== 503 || a.retryAfter === null))).toEqual([]);
    expect(down.filter((a) => a.status === 503).length).toBeGreaterThan(down.length / 2);
    expect(Math.max(...down.map((a) => a.ms))).toBeLessThan(10_000);
    // Recovered by itself: within a few seconds of the restore every answer is normal again.
    const after = of('after');
    const firstOk = after.find((a) => a.status === 200 || a.status === 201);
    expect(firstOk, 'no request succeeded after the restore').toBeDefined();
    const settled = after.filter((a) => a.at > restoredAt + 3000);
    expect(settled.length).toBeGreaterThan(20);
    expect(settled.filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);
    // No acknowledged write lost across the outage.
    const list = await fetch(`${base}/api/v1/departments?includeDeleted=true`, { headers: { cookie } });
    const stored = new Set(((await list.json()) as { items: { id: string }[] }).items.map((d) => d.id));
    const acked = answers.filter((a) => a.id).map((a) => a.id as string);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
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
      `outage: before ${statuses('before')}; down ${statuses('down')} (slowest ${Math.max(...down.map((a) => a.ms)).toFixed(0)} ms); ` +
        `after ${statuses('after')}; first success ${(firstOk ? firstOk.at - restoredAt : Number.NaN).toFixed(0)} ms after the restore`,
    );
  });
});
