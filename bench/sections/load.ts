import autocannon from 'autocannon';
import type { BenchContext } from '../lib/context.ts';
import { startChild } from '../lib/processes.ts';
import { round } from '../lib/stats.ts';

/**
 * List and detail endpoints under autocannon at 50 and 200 connections,
 * against a bare Fastify route in its own process on the same machine.
 * Every connection carries the zone admin's session.
 */

export interface LoadFigure {
  endpoint: string;
  connections: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  requests: number;
}

async function cannon(url: string, paths: string[], connections: number, seconds: number, cookie: string) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: cookie ? { cookie } : {},
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    requestsPerSec: round(result.requests.average, 1),
    p50Ms: round(result.latency.p50, 1),
    p99Ms: round(result.latency.p99, 1),
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    requests: result.requests.total,
  };
}

export async function loadEndpoints(ctx: BenchContext, year: number) {
  const seconds = ctx.quick ? 5 : 30;
  const inv = await ctx.admin.get<{ items: { id: string }[] }>('/api/v1/investment/projects?page=1&pageSize=50');
  const major = await ctx.admin.get<{ items: { id: string }[] }>(`/api/v1/major-projects?year=${year}`);
  const endpoints: [string, string[]][] = [
    ['investment projects list', ['/api/v1/investment/projects?page=1&pageSize=20']],
    ['investment project detail', inv.items.slice(0, 20).map((p) => `/api/v1/investment/projects/${p.id}`)],
    ['companies list', ['/api/v1/investment/companies?page=1&pageSize=20']],
    ['major projects list (a year, unpaged)', [`/api/v1/major-projects?year=${year}`]],
    ['major project detail', major.items.slice(0, 20).map((p) => `/api/v1/major-projects/${p.id}`)],
  ];
  const bare = await startChild('bench/lib/bare-server.ts', {});
  const out: LoadFigure[] = [];
  try {
    for (const connections of [50, 200]) {
      const b = await cannon(bare.url, ['/bare'], connections, seconds, '');
      out.push({ endpoint: 'bare Fastify route', connections, ...b });
      ctx.log(`  bare Fastify route @${connections}: ${b.requestsPerSec} req/s, p99 ${b.p99Ms} ms`);
      for (const [name, paths] of endpoints) {
        const r = await cannon(ctx.server.url, paths, connections, seconds, ctx.admin.cookie);
        out.push({ endpoint: name, connections, ...r });
        ctx.log(
          `  ${name} @${connections}: ${r.requestsPerSec} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, errors ${r.errors + r.non2xx}`,
        );
      }
    }
  } finally {
    await bare.stop();
  }
  const at = (c: number) => out.filter((f) => f.connections === c && f.endpoint !== 'bare Fastify route');
  const bareAt = (c: number) => out.find((f) => f.connections === c && f.endpoint === 'bare Fastify route');
  const worstP99 = (c: number) => Math.max(...at(c).map((f) => f.p99Ms));
  const errors = (c: number) => at(c).reduce((a, f) => a + f.errors + f.non2xx, 0);
  return {
    load: out,
    seconds,
    loadP99Ms: worstP99(50),
    loadP99Ms200: worstP99(200),
    loadErrors: errors(200),
    loadErrors50: errors(50),
    throughputVsBare: round(Math.min(...at(50).map((f) => f.requestsPerSec)) / (bareAt(50)?.requestsPerSec ?? 1), 3),
  };
}
