// Runs PGlite off the main thread and serves it over the Postgres wire
// protocol on a Unix socket, so the app queries it with the same `pg` driver
// as a server and a long query never stalls the HTTP event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { pgdataDir, socketPath } = workerData;
const db = await PGlite.create(pgdataDir);
const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 256 });
await server.start();
parentPort.postMessage({ type: 'ready' });

parentPort.on('message', async (msg) => {
  if (msg?.type !== 'stop') return;
  try {
    await server.stop();
    await db.close();
  } finally {
    parentPort.postMessage({ type: 'stopped' });
  }
});
