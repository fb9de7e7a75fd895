import { monitorEventLoopDelay } from 'node:perf_hooks';
import { queryTimeoutFromEnv } from '../../src/db/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { buildApp } from '../../src/server/app.ts';

/**
 * The benchmark's server process: the real app (buildApp, as `gaoxin serve`
 * builds it) on the database the environment names, plus one route of its
 * own, GET /bench/loop, that reports the event loop's worst delay since the
 * last call. Prints one JSON line with the port once it listens.
 */

const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const dataDir = process.env.BENCH_DATA_DIR ?? '';
const webDir = process.env.BENCH_WEB_DIR || null;

// The request timeouts `gaoxin serve` sets: a 100k-row import must finish under them too.
const database = await openDatabase(
  { databaseUrl, dataDir },
  { allowClient: false, poolSize: Number(process.env.BENCH_POOL) || undefined, queryTimeoutMs: queryTimeoutFromEnv() },
);
const app = await buildApp({ database, webDir, logger: false });

// Server time of every answer (arrival → reply sent to the socket) as a Server-Timing header: the
// endpoint's own cost, without the load generator's or the HTTP client's.
const arrived = new WeakMap<object, number>();
app.server.prependListener('request', (req) => arrived.set(req, performance.now()));
app.addHook('onSend', async (req, reply) => {
  const t = arrived.get(req.raw);
  if (t !== undefined) reply.header('server-timing', `app;dur=${(performance.now() - t).toFixed(3)}`);
});

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
app.get('/bench/loop', { schema: { hide: true } }, async () => {
  const out = { maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6, meanMs: loop.mean / 1e6 };
  loop.reset();
  return out;
});

await app.listen({ port: Number(process.env.BENCH_PORT ?? 0), host: '127.0.0.1' });
const addr = app.server.address();
process.stdout.write(`${JSON.stringify({ ready: true, port: typeof addr === 'object' && addr ? addr.port : 0 })}\n`);

const stop = async () => {
  await app.close().catch(() => {});
  await database.close().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
