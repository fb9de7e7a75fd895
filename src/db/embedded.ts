import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The embedded database lives in one data folder and is opened by exactly one
 * process at a time (PGlite is single-process). That process, the owner, holds
 * `gaoxin.lock` and serves the database on a Unix socket; any other Gaoxin
 * process (the CLI while `gaoxin serve` runs) connects to that socket instead
 * of opening the files, so two writers never touch the same folder.
 */
export interface EmbeddedHandle {
  /** Directory that holds `.s.PGSQL.5432`, as `pg` wants it in `host`. */
  socketDir: string;
  owner: boolean;
  close(): Promise<void>;
}

interface LockInfo {
  pid: number;
  socketDir: string;
  /** The owner's start time (Linux /proc), so a stranger that reuses its pid is not mistaken for it. */
  started?: string | null;
}

const SOCKET_NAME = '.s.PGSQL.5432';
const DEFAULT_WAIT_MS = 30_000;
/** How long an owner that closes waits for other processes still connected (CLI commands) to finish. */
const CLIENT_GRACE_MS = 15_000;

/** Folders this process owns right now: the same pid in a lock means "us" only for these. */
const ownedHere = new Set<string>();

function socketDirFor(dataDir: string): string {
  // Unix socket paths are limited to ~107 bytes; fall back to a short folder.
  if (path.join(dataDir, SOCKET_NAME).length < 100) return dataDir;
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `gaoxin-${hash}`);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot); null where there is no /proc. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function ownerAlive(held: LockInfo, dataDir: string): boolean {
  // After a container restart the server may get its old pid back: that lock is stale, not ours.
  if (held.pid === process.pid) return ownedHere.has(dataDir);
  if (!pidAlive(held.pid)) return false;
  if (held.started) {
    const now = startTimeOf(held.pid);
    if (now !== null && now !== held.started) return false;
  }
  return true;
}

function readRaw(lockPath: string): string | null {
  try {
    return fs.readFileSync(lockPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function parseLock(raw: string): LockInfo | null {
  try {
    const info = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof info.pid === 'number' && typeof info.socketDir === 'string') return info as LockInfo;
  } catch {
    // torn or foreign content
  }
  return null;
}

function canConnect(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(socketPath);
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tmpName = (base: string) => `${base}.${process.pid}.${randomBytes(4).toString('hex')}`;

function tryTakeLock(lockPath: string, info: LockInfo): boolean {
  // Written whole to a private file, then linked into place: link() fails when a lock
  // exists, and no one ever reads a half-written lock.
  const tmp = tmpName(lockPath);
  fs.writeFileSync(tmp, JSON.stringify(info));
  try {
    fs.linkSync(tmp, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
    // A file system without hard links: exclusive create instead.
    try {
      fs.writeFileSync(lockPath, JSON.stringify(info), { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Removes a dead owner's lock without racing another process that does the same:
 * the lock is moved aside first, and put back if it is no longer the stale one
 * (someone else broke it and took the folder in between).
 */
function breakStaleLock(lockPath: string, staleRaw: string): void {
  const aside = tmpName(`${lockPath}.stale`);
  try {
    fs.renameSync(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    if (fs.readFileSync(aside, 'utf8') !== staleRaw) fs.linkSync(aside, lockPath);
  } catch {
    // a new lock appeared meanwhile: that owner wins
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

export class DataDirBusyError extends Error {}

function lockWaitMs(): number {
  const v = process.env.GAOXIN_LOCK_WAIT_MS?.trim();
  return v && /^\d+$/.test(v) ? Number(v) : DEFAULT_WAIT_MS;
}

function lockAgeMs(lockPath: string): number {
  const st = fs.statSync(lockPath, { throwIfNoEntry: false });
  return st ? Date.now() - st.mtimeMs : Number.POSITIVE_INFINITY;
}

/**
 * Opens the embedded database of `dataDir`: as its owner when nobody holds it,
 * else (when `allowClient`) as a client of the process that does. A folder held
 * by another owner is waited for up to `waitMs` (GAOXIN_LOCK_WAIT_MS, default 30 s):
 * a CLI command holds it only briefly.
 */
export async function openEmbedded(
  dataDir: string,
  opts: { allowClient: boolean; waitMs?: number },
): Promise<EmbeddedHandle> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'gaoxin.lock');
  const deadline = Date.now() + (opts.waitMs ?? lockWaitMs());
  for (;;) {
    const socketDir = socketDirFor(dataDir);
    if (tryTakeLock(lockPath, { pid: process.pid, socketDir, started: startTimeOf(process.pid) })) {
      ownedHere.add(dataDir);
      try {
        return await startOwner(dataDir, socketDir, lockPath);
      } catch (err) {
        ownedHere.delete(dataDir);
        fs.rmSync(lockPath, { force: true });
        throw err;
      }
    }
    const raw = readRaw(lockPath);
    if (raw === null) continue; // released meanwhile
    const held = parseLock(raw);
    if (held && ownerAlive(held, dataDir)) {
      const sockPath = path.join(held.socketDir, SOCKET_NAME);
      if (opts.allowClient && (await canConnect(sockPath))) {
        return { socketDir: held.socketDir, owner: false, close: async () => {} };
      }
      if (Date.now() > deadline) {
        throw new DataDirBusyError(
          `数据目录 ${dataDir} 正被进程 ${held.pid} 使用（另一个 gaoxin serve？）/ ` +
            `data folder ${dataDir} is in use by process ${held.pid} (another gaoxin serve?). ` +
            'Stop it, or set GAOXIN_DATA_DIR to another folder.',
        );
      }
      await sleep(200);
      continue;
    }
    if (held === null && lockAgeMs(lockPath) < 2000) {
      // Only the no-hard-link fallback can show a lock being written: look again shortly.
      await sleep(100);
      continue;
    }
    // The owner died (kill -9, crash, power loss): its lock and socket are stale.
    breakStaleLock(lockPath, raw);
  }
}

async function startOwner(dataDir: string, socketDir: string, lockPath: string): Promise<EmbeddedHandle> {
  fs.mkdirSync(socketDir, { recursive: true });
  const socketPath = path.join(socketDir, SOCKET_NAME);
  fs.rmSync(socketPath, { force: true });
  const pgdataDir = path.join(dataDir, 'pgdata');
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { pgdataDir, socketPath },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      const onExit = (code: number) => reject(new Error(`embedded database worker exited (${code}) while starting`));
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', (msg: { type?: string }) => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (msg?.type === 'ready') resolve();
        else reject(new Error('embedded database did not start'));
      });
    });
  } catch (err) {
    // A worker left running would keep the process alive with the folder half-open.
    await worker.terminate();
    throw err;
  }
  worker.on('error', (err) => {
    console.error('embedded database worker failed:', err);
  });
  const release = () => {
    ownedHere.delete(dataDir);
    const raw = readRaw(lockPath);
    if (raw !== null && parseLock(raw)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
    fs.rmSync(socketPath, { force: true });
  };
  process.once('exit', release);
  let closed = false;
  return {
    socketDir,
    owner: true,
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLIENT_GRACE_MS + 10_000);
        worker.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage({ type: 'stop', graceMs: CLIENT_GRACE_MS });
      });
      await worker.terminate();
      release();
      process.off('exit', release);
    },
  };
}
