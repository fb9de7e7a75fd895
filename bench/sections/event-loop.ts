import type { BenchContext } from '../lib/context.ts';
import { round } from '../lib/stats.ts';

/**
 * The server's event loop while the heaviest reports run: every report
 * endpoint at once, several rounds, with a health probe every 20 ms beside
 * them. The server's own monitor (perf_hooks, 5 ms resolution) gives the worst
 * stall; the probe gives what a person clicking meanwhile waits.
 */
export async function eventLoopStall(ctx: BenchContext, urls: string[]) {
  const rounds = ctx.quick ? 3 : 10;
  await ctx.admin.get('/bench/loop'); // resets the monitor
  let probing = true;
  const probeMs: number[] = [];
  const probe = (async () => {
    while (probing) {
      const t = performance.now();
      await fetch(`${ctx.server.url}/api/health`).then((r) => r.arrayBuffer());
      probeMs.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t = performance.now();
  for (let i = 0; i < rounds; i++) await Promise.all(urls.map((u) => ctx.admin.get(u)));
  const seconds = (performance.now() - t) / 1000;
  probing = false;
  await probe;
  const loop = await ctx.admin.get<{ maxMs: number; p99Ms: number }>('/bench/loop');
  const r = {
    eventLoopMaxStallMs: round(loop.maxMs, 1),
    eventLoopP99Ms: round(loop.p99Ms, 1),
    healthProbeMaxMs: round(Math.max(...probeMs), 1),
    heavySeconds: round(seconds, 1),
    heavyRequests: rounds * urls.length,
  };
  ctx.log(
    `  ${r.heavyRequests} report requests in ${r.heavySeconds} s: worst loop stall ${r.eventLoopMaxStallMs} ms, health probe worst ${r.healthProbeMaxMs} ms`,
  );
  return r;
}
