// Runs PGlite off the main thread and serves it over the Postgres wire
// protocol on a Unix socket, so the app queries it with the same `pg` driver
// as a server and a long query never stalls the HTTP event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { PgliteWireServer } from './pglite-wire.mjs';

const { pgdataDir, socketPath } = workerData;
// amcheck for `gaoxin check` (src/db/check.ts); loaded, not installed: the check creates it in a
// transaction it rolls back.
const db = await PGlite.create(pgdataDir, { extensions: { amcheck } });
const server = new PgliteWireServer(db);
await server.start(socketPath);
parentPort.postMessage({ type: 'ready' });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Other processes (CLI commands) connected to this database finish their work
// first: the socket keeps accepting while any of them is connected, and closes
// once none has been for a moment, or when the grace period runs out.
async function drain(graceMs) {
  const deadline = Date.now() + graceMs;
  let quietSince = null;
  while (Date.now() < deadline) {
    if (server.activeConnections > 0) quietSince = null;
    else {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= 100) return;
    }
    await sleep(20);
  }
}

parentPort.on('message', async (msg) => {
  if (msg?.type !== 'stop') return;
  try {
    await drain(msg.graceMs ?? 0);
    await server.stop();
    await db.close();
  } finally {
    parentPort.postMessage({ type: 'stopped' });
  }
});
