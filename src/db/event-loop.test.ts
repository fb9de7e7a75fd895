import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import type { App } from '../server/context.ts';
import { createTestDatabase, type TestDatabase } from '../test/databases.ts';
import { statementsFor } from './prepared.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GET over a kept-alive HTTP connection; resolves with the status, body and time taken. */
function timedGet(agent: http.Agent, port: number, url: string) {
  return new Promise<{ status: number; body: string; ms: number; at: number }>((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get({ host: '127.0.0.1', port, path: url, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => {
        const at = performance.now();
        resolve({ status: res.statusCode ?? 0, body, ms: at - t0, at });
      });
    });
    req.on('error', reject);
  });
}

// The embedded database is the one at risk: it runs in this process.
describe('the embedded database does not stall the server', () => {
  let t: TestDatabase;
  let app: App;
  let port: number;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    app = await buildApp({ database: t.database, webDir: null });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => {
    agent.destroy();
    await app?.close();
    await t?.drop();
  });

  /** One measurement: a 300 ms query, and health checks over HTTP while it runs. */
  async function measure() {
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const started = performance.now();
    let queryDone = Number.POSITIVE_INFINITY;
    const long = t.database.pool.query('SELECT pg_sleep(0.3)').then(() => {
      queryDone = performance.now();
    });
    await sleep(20);
    const checks: Awaited<ReturnType<typeof timedGet>>[] = [];
    while (queryDone === Number.POSITIVE_INFINITY) {
      checks.push(await timedGet(agent, port, '/api/health'));
      await sleep(15);
    }
    await long;
    loop.disable();
    const during = checks.filter((c) => c.at < queryDone);
    return {
      queryMs: queryDone - started,
      during,
      worstMs: Math.max(...during.map((c) => c.ms)),
      loopMaxMs: loop.max / 1e6,
    };
  }

  it('answers /api/health within 50 ms while a 300 ms query runs, with a quiet event loop', async () => {
    // Warm up the route, the connection and the pool.
    for (let i = 0; i < 3; i++) expect((await timedGet(agent, port, '/api/health')).status).toBe(200);

    // Other test files compete for the two cores; a stall caused by the database repeats every time
    // (~300 ms), a scheduling hiccup does not, so the best of three attempts is judged.
    let m = await measure();
    for (let attempt = 1; attempt < 3 && (m.worstMs >= 50 || m.loopMaxMs >= 50); attempt++) m = await measure();
    console.info(
      `300 ms query took ${m.queryMs.toFixed(0)} ms; ${m.during.length} health checks during it, ` +
        `slowest ${m.worstMs.toFixed(1)} ms; worst event-loop delay ${m.loopMaxMs.toFixed(1)} ms`,
    );
    expect(m.queryMs).toBeGreaterThanOrEqual(300);
    expect(m.during.length).toBeGreaterThanOrEqual(3);
    for (const c of m.during) {
      expect(c.status).toBe(200);
      expect(JSON.parse(c.body)).toEqual({ status: 'ok', database: 'pglite' });
    }
    expect(m.worstMs).toBeLessThan(50);
    expect(m.loopMaxMs).toBeLessThan(50);
    // The database itself answers again once the query is done.
    expect((await t.database.pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('still reports an embedded database that is gone as unavailable (503)', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-gone-'));
    const pool = new pg.Pool({ host: empty, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
    const gone = await buildApp({
      database: { kind: 'pglite', pool, appRole: null, statements: statementsFor('off'), close: () => pool.end() },
      webDir: null,
    });
    try {
      const res = await gone.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
    } finally {
      await gone.close();
      await pool.end();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
