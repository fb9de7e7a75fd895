import pg from 'pg';
import { prepareParameterised, statementsFor } from '../../src/db/prepared.ts';
import { inZone, type Tx } from '../../src/db/tx.ts';
import type { Actor } from '../../src/modules/auth/actor.ts';
import { dashboard as investmentDashboard } from '../../src/modules/investment/report-records.ts';
import { listTargets } from '../../src/modules/investment/targets.ts';
import { dashboard as majorDashboard } from '../../src/modules/major-projects/dashboard.ts';
import { supervise } from '../../src/modules/major-projects/supervision.ts';
import { REPORTS } from '../../src/reports/registry.ts';
import type { ReportZone } from '../../src/reports/report.ts';
import type { BenchContext } from '../lib/context.ts';
import { median, percentile, round } from '../lib/stats.ts';

/**
 * Each report endpoint's server time against the same SQL through the driver.
 * The SQL is captured from the very function the endpoint calls (run once in
 * a zone transaction here), then replayed statement by statement on a pooled
 * connection: what a person with psql would pay for those figures.
 */

type Run = (tx: Tx, zone: ReportZone, actor: Actor) => Promise<unknown>;
interface Case {
  name: string;
  url: string;
  run: Run;
}

function cases(year: number): Case[] {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const through = `${year}-12`;
  return [
    {
      name: 'investment-summary',
      url: `/api/v1/reports/investment-summary?from=${from}&to=${to}`,
      run: (tx, zone) => REPORTS['investment-summary'].run(tx, zone, { from, to }),
    },
    {
      name: 'major-projects-summary',
      url: `/api/v1/reports/major-projects-summary?year=${year}&through=${through}`,
      run: (tx, zone) => REPORTS['major-projects-summary'].run(tx, zone, { year, through }),
    },
    {
      name: 'investment-dashboard',
      url: `/api/v1/investment/dashboard?from=${from}&to=${to}`,
      run: (tx, zone, actor) => investmentDashboard(tx, actor, zone, { from, to }),
    },
    {
      name: 'investment-targets',
      url: `/api/v1/investment/targets?year=${year}`,
      run: (tx, _zone, actor) => listTargets(tx, actor, year),
    },
    {
      name: 'major-projects-dashboard',
      url: `/api/v1/major-projects/dashboard?year=${year}&through=${through}`,
      run: (tx, zone) => majorDashboard(tx, zone, { year, through }),
    },
    {
      name: 'major-projects-supervision',
      url: `/api/v1/major-projects/supervision?year=${year}&through=${through}`,
      run: (tx, zone) => supervise(tx, zone.id, { year, through }),
    },
  ];
}

type QueryArgs = unknown[];
const proto = pg.Client.prototype as unknown as { query: (...args: QueryArgs) => unknown };
const original = proto.query;
let capturing: QueryArgs[] | null = null;
proto.query = function (this: unknown, ...args: QueryArgs) {
  // Statements the app runs named (db/prepared.ts) are replayed by text, prepared on the replaying connection alike.
  const first = args[0] as { name?: string; text: string; values: unknown[] } | string;
  const named = typeof first === 'object' && first?.name ? first : null;
  capturing?.push(
    named
      ? [named.text, named.values]
      : args.map((a) => (a && typeof a === 'object' && !Array.isArray(a) ? { ...a } : a)),
  );
  return original.apply(this, args);
};

/** The statements `run` sends, in order. */
async function capture(ctx: BenchContext, run: Run): Promise<QueryArgs[]> {
  return inZone(ctx.db, ctx.zone.id, async (tx) => {
    capturing = [];
    try {
      await run(tx, ctx.zone, ctx.actor);
      return capturing;
    } finally {
      capturing = null;
    }
  });
}

export interface ReportFigure {
  name: string;
  statements: number;
  endpointP50Ms: number;
  endpointP95Ms: number;
  roundTripP50Ms: number;
  sqlP50Ms: number;
  sqlInZoneTxP50Ms: number;
  /** Endpoint ÷ the statements run directly (the headline). */
  ratio: number;
  /** Endpoint ÷ the statements in a transaction that sets the zone (what the zone wall itself costs is excluded). */
  ratioInZoneTx: number;
}

export async function reportOverhead(ctx: BenchContext) {
  const runs = ctx.quick ? 15 : 50;
  const warmUp = ctx.quick ? 30 : 200;
  const out: ReportFigure[] = [];
  for (const c of cases(ctx.year)) {
    const statements = await capture(ctx, c.run);
    const client = await ctx.db.pool.connect();
    // The replay prepares its statements as the app's transactions do (prepared.ts). On the embedded
    // database the bench is a guest of the server's session: its statements get names of their own.
    const guest = ctx.db.kind === 'pglite' && ctx.db.statements.mode === 'off';
    const unprepare = prepareParameterised(
      client,
      guest ? statementsFor('connection', `bench${process.pid}`) : ctx.db.statements,
    );
    const replay = async () => {
      for (const s of statements) await client.query(...(s as [string]));
    };
    const endpoint: number[] = [];
    const trip: number[] = [];
    const sql: number[] = [];
    const txTimes: number[] = [];
    try {
      // Warm both paths to a long-running server's steady state first. With 3 rounds the first report
      // measured paid the fresh server's compilation (V8's, and the embedded database's WebAssembly
      // tiering up): investment-summary on PGlite served 6.5 ms over its first 100 requests, 4.1 over
      // the next 100, 2.7 after 3,000. Then alternate them so drift in the machine's load hits both alike.
      for (let i = 0; i < warmUp; i++) {
        await ctx.admin.get(c.url);
        await replay();
      }
      for (let i = 0; i < runs; i++) {
        const r = await ctx.admin.call('GET', c.url);
        if (r.status !== 200) throw new Error(`${c.url}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
        endpoint.push(r.serverMs);
        trip.push(r.ms);
        let t = performance.now();
        await replay();
        sql.push(performance.now() - t);
        t = performance.now();
        await inZone(ctx.db, ctx.zone.id, async (tx) => {
          for (const s of statements) await tx.client.query(...(s as [string]));
        });
        txTimes.push(performance.now() - t);
      }
    } finally {
      unprepare();
      client.release();
    }
    const f: ReportFigure = {
      name: c.name,
      statements: statements.length,
      endpointP50Ms: round(median(endpoint)),
      endpointP95Ms: round(percentile(endpoint, 95)),
      roundTripP50Ms: round(median(trip)),
      sqlP50Ms: round(median(sql)),
      sqlInZoneTxP50Ms: round(median(txTimes)),
      ratio: round(median(endpoint) / median(sql)),
      ratioInZoneTx: round(median(endpoint) / median(txTimes)),
    };
    ctx.log(
      `  ${c.name}: endpoint p50 ${f.endpointP50Ms} ms, SQL ${f.sqlP50Ms} ms (in a zone transaction ${f.sqlInZoneTxP50Ms} ms), ratio ${f.ratio} (${f.ratioInZoneTx} against the zone transaction)`,
    );
    out.push(f);
  }
  const worst = out.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  return {
    reports: out,
    reportOverheadRatio: worst.ratio,
    worstReport: worst.name,
    reportOverheadRatioInZoneTx: Math.max(...out.map((f) => f.ratioInZoneTx)),
    reportP50MaxMs: Math.max(...out.map((f) => f.endpointP50Ms)),
  };
}
