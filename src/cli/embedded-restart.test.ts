import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { asSystem } from '../db/tx.ts';
import { cliActor } from '../modules/auth/actor.ts';
import { createUser } from '../modules/users/service.ts';
import { createZone } from '../modules/zones/service.ts';
import {
  gaoxinEnv,
  HttpClient,
  killAll,
  type Server,
  sleep,
  spawnGaoxin,
  startServer,
  stopServer,
  tempDataDir,
} from './process-harness.ts';

/**
 * `gaoxin serve` on the embedded database, as real processes: a kill -9 in the
 * middle of a stream of writes loses no acknowledged write, and a clean stop
 * (SIGTERM) keeps every record and leaves no lock or socket behind.
 */

const PASSWORD = 'Restart-test-1';
const CYCLES = 3;
const dataDir = tempDataDir();
const env = gaoxinEnv({ dataDir });
const lockPath = path.join(dataDir, 'gaoxin.lock');
const socketPath = path.join(dataDir, '.s.PGSQL.5432');

beforeAll(async () => {
  // The folder is prepared in-process (zone and admin); the CLI paths are tested elsewhere.
  const db = await openDatabase({ dataDir });
  try {
    await asSystem(db, async (tx) => {
      const z = await createZone(tx, { code: 'KILL', name: '重启测试园区' });
      await tx.client.query(`SELECT set_config('app.zone_id', $1, true)`, [z.id]);
      await createUser(tx, cliActor(z.id), {
        username: 'admin.kill',
        displayName: '管理员',
        password: PASSWORD,
        roles: ['admin'],
        departmentId: null,
        phone: null,
        email: null,
        locale: 'zh-CN',
      });
    });
  } finally {
    await db.close();
  }
});

afterEach(killAll);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function loggedIn(s: Server): Promise<HttpClient> {
  const c = new HttpClient(s.url);
  await c.login('admin.kill', PASSWORD);
  return c;
}

/** Creates departments from `workers` parallel loops until `stop()`; returns the ids acknowledged with 201. */
function writeStream(c: HttpClient, tag: string, workers: number) {
  const acked: string[] = [];
  const failures: string[] = [];
  let stopped = false;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let i = 0; !stopped; i++) {
      try {
        const r = await c.request('POST', '/api/v1/departments', { name: `${tag}-w${w}-${i}` });
        if (r.status === 201) acked.push((r.json as { id: string }).id);
        else failures.push(`${r.status} ${JSON.stringify(r.json)}`);
      } catch {
        return; // the connection died with the server: this write was never acknowledged
      }
    }
  });
  return {
    acked,
    failures,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

describe('embedded database across process deaths', () => {
  it(`kill -9 during a stream of writes loses no acknowledged write (${CYCLES} cycles)`, async () => {
    const acked = new Set<string>();
    const startTimes: number[] = [];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const s = await startServer(env);
      startTimes.push(s.startMs);
      const c = await loggedIn(s);
      // Everything acknowledged before the previous kill is still there.
      const present = await c.departmentIds();
      for (const id of acked) expect(present.has(id), `acknowledged department ${id}`).toBe(true);
      const stream = writeStream(c, `k${cycle}`, 4);
      // Kill mid-stream: after a second at least, and once some writes were acknowledged even on a busy machine.
      const t0 = Date.now();
      while (Date.now() - t0 < 1000 + cycle * 250 || (stream.acked.length < 20 && Date.now() - t0 < 10_000)) {
        await sleep(50);
      }
      s.child.kill('SIGKILL');
      const { signal } = await s.exited;
      await stream.stop();
      expect(signal).toBe('SIGKILL');
      expect(stream.failures).toEqual([]);
      expect(stream.acked.length).toBeGreaterThan(0);
      for (const id of stream.acked) acked.add(id);
      // The killed owner left its lock and socket behind: the next start must cope with them.
      const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
      expect(lock.pid).toBe(s.pid);
      if (cycle === 2) {
        // As after a container restart: the dead owner's pid now belongs to another live process.
        fs.writeFileSync(lockPath, JSON.stringify({ ...lock, pid: process.pid }));
      }
    }
    const s = await startServer(env);
    startTimes.push(s.startMs);
    const present = await (await loggedIn(s)).departmentIds();
    const lost = [...acked].filter((id) => !present.has(id));
    expect(lost).toEqual([]);
    expect((await stopServer(s)).code).toBe(0);
    console.log(
      `kill -9: ${acked.size} acknowledged writes verified across ${CYCLES} kills; ` +
        `start times after a kill (ms): ${startTimes.map((t) => Math.round(t)).join(', ')}`,
    );
  }, 300_000);

  it('a clean stop (SIGTERM) keeps every record and removes the lock and the socket', async () => {
    const s1 = await startServer(env);
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid).toBe(s1.pid);
    expect(fs.existsSync(socketPath)).toBe(true);
    const c1 = await loggedIn(s1);
    const created: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await c1.request('POST', '/api/v1/departments', { name: `term-${i}`, description: `第${i}个` });
      expect(r.status).toBe(201);
      created.push((r.json as { id: string }).id);
    }
    const first = created[0];
    const patched = await c1.request('PATCH', `/api/v1/departments/${first}`, { version: 1, name: 'term-renamed' });
    expect(patched.status).toBe(200);
    const before = await c1.departmentIds();

    expect(await stopServer(s1, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(lockPath)).toBe(false);
    expect(fs.existsSync(socketPath)).toBe(false);

    const s2 = await startServer(env);
    const c2 = await loggedIn(s2);
    expect(await c2.departmentIds()).toEqual(before);
    const again = await c2.request('GET', `/api/v1/departments/${first}`);
    expect(again.json).toMatchObject({ name: 'term-renamed', version: 2 });
    // The old session survived too: sessions are stored in the database.
    const me = await new HttpClient(s2.url).request('GET', '/api/v1/me');
    expect(me.status).toBe(401);
    c1.base = s2.url;
    expect((await c1.request('GET', '/api/v1/me')).status).toBe(200);
    expect((await stopServer(s2, 'SIGINT')).code).toBe(0);
    expect(fs.existsSync(lockPath)).toBe(false);
    console.log(`start on an existing folder after a clean stop: ${Math.round(s2.startMs)} ms`);
  }, 300_000);

  it('SIGTERM while the server is still opening the database stops it cleanly', async () => {
    const run = spawnGaoxin(['serve', '--port', '0', '--host', '127.0.0.1', '--no-demo'], env);
    // The lock appears once serve is opening the folder (its signal handlers are in place by then).
    const t0 = Date.now();
    while (!fs.existsSync(lockPath) && Date.now() - t0 < 120_000) await sleep(10);
    expect(fs.existsSync(lockPath)).toBe(true);
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect({ code: r.code, signal: r.signal }, r.stderr).toEqual({ code: 0, signal: null });
    expect(r.stdout).not.toContain('is running');
    expect(fs.existsSync(lockPath)).toBe(false);
    expect(fs.existsSync(socketPath)).toBe(false);
  }, 300_000);
});
