import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Test helpers that run Gaoxin as real processes (`node bin/gaoxin.mjs …`),
 * the way a person does: used by the process-level tests under src/cli/.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/gaoxin.mjs');

/** The environment for a child: the data folder `dataDir`, and the PostgreSQL URL instead of the embedded database if given. */
export function gaoxinEnv(where: { dataDir: string; databaseUrl?: string }, extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  // Never the developer's ./data folder or database: only what the test names.
  delete env.DATABASE_URL;
  delete env.GAOXIN_DATA_DIR;
  delete env.PORT;
  delete env.HOST;
  if (where.databaseUrl) env.DATABASE_URL = where.databaseUrl;
  env.GAOXIN_DATA_DIR = where.dataDir;
  return env;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gx-proc-'));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const live = new Set<ChildProcess>();

/** Starts `gaoxin <args>`; `stdin` is written and closed (empty when absent). `done` resolves when it has ended. */
export function spawnGaoxin(args: string[], env: NodeJS.ProcessEnv, stdin = '', timeoutMs = 120_000) {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  child.stdin?.on('error', () => {}); // the command may exit before reading its input
  child.stdin?.end(stdin);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<RunResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
  return { child, done };
}

/** Runs one CLI command to its end. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin = '', timeoutMs = 120_000): Promise<RunResult> {
  return spawnGaoxin(args, env, stdin, timeoutMs).done;
}

export interface Server {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** Milliseconds from spawn until /api/health answered 200. */
  startMs: number;
  output(): string;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `gaoxin serve` and waits until /api/health answers; fails with the process output if it does not. */
export async function startServer(
  env: NodeJS.ProcessEnv,
  opts: { demo?: boolean; timeoutMs?: number } = {},
): Promise<Server> {
  const port = await freePort();
  const args = [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'];
  if (!opts.demo) args.push('--no-demo');
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (gone) throw new Error(`gaoxin serve exited before it answered:\n${out}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gaoxin serve did not answer /api/health in time:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  return {
    child,
    pid: child.pid as number,
    port,
    url,
    startMs: performance.now() - started,
    output: () => out,
    exited,
  };
}

/** Sends `signal` and waits for the process to end (SIGKILL after `graceMs`). */
export async function stopServer(s: Server, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000) {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill(signal);
  const timer = setTimeout(() => s.child.kill('SIGKILL'), graceMs);
  const r = await s.exited;
  clearTimeout(timer);
  return r;
}

/** Kills every child still running: for afterEach/afterAll, whatever the test's outcome. */
export async function killAll(): Promise<void> {
  const waits = [...live].map(
    (c) =>
      new Promise<void>((resolve) => {
        if (c.exitCode !== null || c.signalCode !== null) return resolve();
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      }),
  );
  await Promise.all(waits);
  live.clear();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A JSON client of a running server that keeps its session cookie. */
export class HttpClient {
  cookie: string | null = null;
  constructor(public base: string) {}

  async request(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const m = /^gaoxin_session=([^;]*)/.exec(c);
      if (m) this.cookie = m[1] ? `gaoxin_session=${m[1]}` : null;
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json };
  }

  async login(username: string, password: string): Promise<void> {
    const r = await this.request('POST', '/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.json)}`);
  }

  /** Ids of every department of the caller's zone, soft-deleted included. */
  async departmentIds(): Promise<Set<string>> {
    const r = await this.request('GET', '/api/v1/departments?includeDeleted=true');
    if (r.status !== 200) throw new Error(`department list: ${r.status} ${JSON.stringify(r.json)}`);
    return new Set((r.json as { items: { id: string }[] }).items.map((d) => d.id));
  }
}
