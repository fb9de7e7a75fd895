import { createHash } from 'node:crypto';
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
}

const SOCKET_NAME = '.s.PGSQL.5432';

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

function readLock(lockPath: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockInfo>;
    if (typeof info.pid === 'number' && typeof info.socketDir === 'string') return info as LockInfo;
  } catch {
    // A lock being written or a torn one: treated as absent after its owner is gone.
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

function tryTakeLock(lockPath: string, info: LockInfo): boolean {
  try {
    const fd = fs.openSync(lockPath, 'wx');
    fs.writeSync(fd, JSON.stringify(info));
    fs.closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

export class DataDirBusyError extends Error {}

/**
 * Opens the embedded database of `dataDir`: as its owner when nobody holds it,
 * else (when `allowClient`) as a client of the process that does.
 */
export async function openEmbedded(
  dataDir: string,
  opts: { allowClient: boolean; waitMs?: number },
): Promise<EmbeddedHandle> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'gaoxin.lock');
  const deadline = Date.now() + (opts.waitMs ?? 30_000);
  for (;;) {
    const socketDir = socketDirFor(dataDir);
    if (tryTakeLock(lockPath, { pid: process.pid, socketDir })) {
      try {
        return await startOwner(dataDir, socketDir, lockPath);
      } catch (err) {
        fs.rmSync(lockPath, { force: true });
        throw err;
      }
    }
    const held = readLock(lockPath);
    if (held && held.pid !== process.pid && pidAlive(held.pid)) {
      const sockPath = path.join(held.socketDir, SOCKET_NAME);
      if (opts.allowClient && (await canConnect(sockPath))) {
        return { socketDir: held.socketDir, owner: false, close: async () => {} };
      }
      if (Date.now() > deadline) {
        throw new DataDirBusyError(
          `数据目录 ${dataDir} 正被进程 ${held.pid} 使用 / data folder ${dataDir} is in use by process ${held.pid}`,
        );
      }
      await sleep(200);
      continue;
    }
    if (held === null && Date.now() < deadline) {
      // Possibly a lock being written right now; look again shortly.
      await sleep(100);
      if (readLock(lockPath) !== null) continue;
    }
    // The owner died (kill -9 or crash): its lock and socket are stale.
    fs.rmSync(lockPath, { force: true });
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
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    worker.once('error', onError);
    worker.once('message', (msg: { type?: string }) => {
      worker.off('error', onError);
      if (msg?.type === 'ready') resolve();
      else reject(new Error('embedded database did not start'));
    });
  });
  worker.on('error', (err) => {
    console.error('embedded database worker failed:', err);
  });
  const release = () => {
    const held = readLock(lockPath);
    if (held?.pid === process.pid) fs.rmSync(lockPath, { force: true });
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
        const timer = setTimeout(resolve, 5000);
        worker.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage({ type: 'stop' });
      });
      await worker.terminate();
      release();
      process.off('exit', release);
    },
  };
}
