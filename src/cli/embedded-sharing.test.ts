import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { asSystem } from '../db/tx.ts';
import {
  gaoxinEnv,
  HttpClient,
  killAll,
  runCli,
  type Server,
  startServer,
  stopServer,
  tempDataDir,
} from './process-harness.ts';

/**
 * One embedded data folder, several processes: the CLI works while `gaoxin serve`
 * runs (through the socket the server exposes), and a second server refuses the
 * folder instead of opening it a second time.
 */

const dataDir = tempDataDir();
const env = gaoxinEnv({ dataDir });
const lockPath = path.join(dataDir, 'gaoxin.lock');
let server: Server | null = null;

const addUser = (zone: string, username: string, password: string, role = 'admin') =>
  runCli(
    ['user', 'add', '--zone', zone, '--username', username, '--role', role, '--password-stdin'],
    env,
    `${password}\n`,
  );

beforeAll(async () => {
  // A fresh folder made by the CLI alone: it opens the folder itself (no server yet).
  const z = await runCli(['zone', 'add', 'SHR', '共享测试园区'], env);
  expect(z.code, z.stderr).toBe(0);
  expect(fs.existsSync(lockPath)).toBe(false);
}, 300_000);

afterEach(killAll);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('CLI and server on one embedded folder', () => {
  it('CLI commands run at once on a folder no server holds', async () => {
    // One of them opens the folder; the others join it through its socket, and it waits for them before closing.
    const runs = await Promise.all([
      addUser('SHR', 'admin.shr', 'Sharing-test-1'),
      runCli(['zone', 'add', 'PAR1', '并行园区一'], env),
      runCli(['zone', 'add', 'PAR2', '并行园区二'], env),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(lockPath)).toBe(false);
  }, 300_000);

  it('the CLI works through the running server, a second server is refused, and all data stays', async () => {
    server = await startServer(env);
    const ownerPid = server.pid;
    const admin = new HttpClient(server.url);
    await admin.login('admin.shr', 'Sharing-test-1');

    // Two CLI commands at once while the server holds the folder.
    const [zoneAdd, userAdd] = await Promise.all([
      runCli(['zone', 'add', 'LIVE', '运行中新增园区', '--region', '430400'], env),
      addUser('SHR', 'staff.live', 'Live-password-1', 'staff'),
    ]);
    expect(zoneAdd.code, zoneAdd.stderr).toBe(0);
    expect(zoneAdd.stdout).toMatch(/zone LIVE 运行中新增园区 created/);
    expect(userAdd.code, userAdd.stderr).toBe(0);
    const liveAdmin = await addUser('LIVE', 'admin.live', 'Live-password-2');
    expect(liveAdmin.code, liveAdmin.stderr).toBe(0);
    // They went through the server: it still owns the folder.
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid).toBe(ownerPid);

    // The new users log in on the running server at once, each in their own zone.
    const live = new HttpClient(server.url);
    await live.login('admin.live', 'Live-password-2');
    const me = await live.request('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: { username: 'admin.live' }, zone: { code: 'LIVE' }, roles: ['admin'] });
    const staff = new HttpClient(server.url);
    await staff.login('staff.live', 'Live-password-1');
    expect((await staff.request('GET', '/api/v1/me')).json).toMatchObject({ zone: { code: 'SHR' } });

    // The server still works after the CLI came and went.
    const dep = await live.request('POST', '/api/v1/departments', { name: '招商局' });
    expect(dep.status).toBe(201);
    const users = await admin.request('GET', '/api/v1/users');
    expect(users.status).toBe(200);
    expect(JSON.stringify(users.json)).toContain('staff.live');

    // A second server on the same folder gives up with a clear message, touching nothing.
    const t0 = performance.now();
    const second = await runCli(['serve', '--port', '0', '--no-demo'], { ...env, GAOXIN_LOCK_WAIT_MS: '1000' }, '');
    expect(second.code).not.toBe(0);
    expect(second.signal).toBeNull();
    expect(second.stderr).toContain(`in use by process ${ownerPid}`);
    expect(second.stderr).toContain('正被进程');
    expect(performance.now() - t0).toBeLessThan(60_000);
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid).toBe(ownerPid);
    expect((await live.request('GET', `/api/v1/departments/${(dep.json as { id: string }).id}`)).status).toBe(200);

    // Stopped, the folder is the CLI's own again, and everything is there.
    expect((await stopServer(server)).code).toBe(0);
    server = null;
    const later = await runCli(['zone', 'add', 'AFTER', '停机后新增园区'], env);
    expect(later.code, later.stderr).toBe(0);
    const dup = await addUser('LIVE', 'admin.live', 'Live-password-2');
    expect(dup.code).not.toBe(0);
    expect(fs.existsSync(lockPath)).toBe(false);

    const db = await openDatabase({ dataDir });
    try {
      const found = await asSystem(db, async (tx) => {
        const zones = await tx.client.query<{ code: string }>('SELECT code FROM zones ORDER BY code');
        const us = await tx.client.query<{ username: string; code: string }>(
          'SELECT u.username, z.code FROM users u JOIN zones z ON z.id = u.zone_id ORDER BY u.username',
        );
        const deps = await tx.client.query<{ name: string }>('SELECT name FROM departments');
        return { zones: zones.rows.map((r) => r.code), users: us.rows, deps: deps.rows.map((r) => r.name) };
      });
      expect(found.zones).toEqual(['AFTER', 'LIVE', 'PAR1', 'PAR2', 'SHR']);
      expect(found.users).toEqual([
        { username: 'admin.live', code: 'LIVE' },
        { username: 'admin.shr', code: 'SHR' },
        { username: 'staff.live', code: 'SHR' },
      ]);
      expect(found.deps).toEqual(['招商局']);
    } finally {
      await db.close();
    }
  }, 300_000);
});
