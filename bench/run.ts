import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseKind, openDatabase } from '../src/db/database.ts';
import { asSystem } from '../src/db/tx.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { SCALES, type Scale, seedSynthetic, zonePrefix } from '../src/seed/synthetic.ts';
import { pgbenchSelectTps } from './lib/calibration.ts';
import type { BenchContext } from './lib/context.ts';
import { createBenchDatabase } from './lib/databases.ts';
import { BenchClient } from './lib/http.ts';
import { loadavg, machine } from './lib/machine.ts';
import { ROOT, startChild } from './lib/processes.ts';
import { checks, markdown, write } from './lib/results.ts';
import { round } from './lib/stats.ts';
import { browserFigures } from './sections/browser.ts';
import { eventLoopStall } from './sections/event-loop.ts';
import { importLedgers } from './sections/import.ts';
import { loadEndpoints } from './sections/load.ts';
import { nationalRollup } from './sections/national.ts';
import { reportOverhead } from './sections/reports.ts';

/**
 * `npm run bench [-- --quick] [--only pglite|postgres] [--skip browser,national,load,import] [--web-dir DIR] [--label NAME]`
 * Measures on the embedded database and on the local PostgreSQL (in databases
 * it creates and drops), then writes bench/results/<date>.json, latest.json
 * and a markdown table (with --label, bench/results/<date>-<label>.* only, for a
 * partial run that must not replace latest). See BENCHMARKS.md.
 */

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('quick');
const skip = new Set((option('skip') ?? '').split(',').filter(Boolean));
const kinds: DatabaseKind[] = option('only') ? [option('only') as DatabaseKind] : ['pglite', 'postgres'];
const scale: Scale = quick ? 'small' : 'zone';
const nationalZones = Number(option('national-zones') ?? (quick ? 20 : 200));
const nationalScale: Scale = quick ? 'small' : 'zone';
const YEAR = 2025;
const started = performance.now();
const log = (m: string) =>
  process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);
const notes: string[] = [];

/** Runs a section, keeping its error in the results instead of losing the whole run. */
async function section<T>(name: string, fn: () => Promise<T>): Promise<T | { error: string }> {
  if (skip.has(name)) return { error: 'skipped (--skip)' };
  log(`${name}…`);
  try {
    return await fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log(`  ${name} FAILED: ${message.slice(0, 500)}`);
    notes.push(`${name} failed: ${message.slice(0, 300)}`);
    return { error: message.slice(0, 2000) };
  }
}

function buildWeb(): string {
  const given = option('web-dir');
  if (given) return path.resolve(given);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-bench-web-'));
  log(`building the web app into ${dir}…`);
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  return dir;
}

async function runKind(kind: DatabaseKind, webDir: string | null) {
  const bench = await createBenchDatabase(kind, 'zone');
  const out: Record<string, unknown> = { kind };
  try {
    // The zones, written before the server starts (it owns the embedded folder once it runs).
    const seedDb = await openDatabase(bench.config);
    try {
      const t = performance.now();
      const [main] = await seedSynthetic(seedDb, { zones: 1, scale });
      out.seed = { scale, seconds: round((performance.now() - t) / 1000), zone: main.code, rows: main.rows };
      log(`  ${kind}: zone ${main.code} at ${scale} scale seeded in ${out.seed && round(main.seconds)} s`);
    } finally {
      await seedDb.close();
    }
    const server = await startChild('bench/lib/app-server.ts', { ...bench.env, BENCH_WEB_DIR: webDir ?? '' });
    const db = await openDatabase(bench.config, { allowClient: true, migrate: false });
    try {
      const zone = await asSystem(db, async (tx) => {
        const { rows } = await tx.client.query<{ id: string; code: string; name: string }>(
          `SELECT id, code, name FROM zones WHERE code = 'S001'`,
        );
        return rows[0];
      });
      const admin = await BenchClient.login(server.url, `${zonePrefix(1)}admin`, DEMO_PASSWORD);
      const me = await admin.get<{ user: { id: string; displayName: string } }>('/api/v1/me');
      const ctx: BenchContext = {
        kind,
        quick,
        server,
        db,
        zone,
        admin,
        year: YEAR,
        log,
        actor: {
          userId: me.user.id,
          zoneId: zone.id,
          username: `${zonePrefix(1)}admin`,
          displayName: me.user.displayName,
          roles: ['admin'],
          departmentId: null,
        },
      };
      out.reports = await section('reports', () => reportOverhead(ctx));
      out.load = await section('load', () => loadEndpoints(ctx, YEAR));
      const heavy = [
        `/api/v1/major-projects/dashboard?year=${YEAR}&through=${YEAR}-12`,
        `/api/v1/investment/dashboard?from=${YEAR}-01-01&to=${YEAR}-12-31`,
        `/api/v1/investment/targets?year=${YEAR}`,
        `/api/v1/reports/major-projects-summary?year=${YEAR}&through=${YEAR}-12`,
      ];
      out.eventLoop = await section('eventloop', () => eventLoopStall(ctx, heavy));
      if (webDir) {
        out.browser = await section('browser', () =>
          browserFigures(ctx, [
            { page: 'major-projects dashboard', path: '/major-projects/dashboard' },
            { page: 'investment dashboard', path: '/investment/dashboard' },
          ]),
        );
      }
      // The import zones come last, through the running server's database: until here S001 is alone,
      // so the SQL replayed without the zone wall reads the same rows as with it.
      out.import = await section('import', async () => {
        await seedSynthetic(db, { zones: quick ? 1 : 2, scale: 'small', first: 2 });
        return importLedgers(ctx, [
          { rows: 10_000, username: `${zonePrefix(2)}admin`, password: DEMO_PASSWORD },
          ...(quick ? [] : [{ rows: 100_000, username: `${zonePrefix(3)}admin`, password: DEMO_PASSWORD }]),
        ]);
      });
    } finally {
      await db.close();
      await server.stop();
    }
  } finally {
    await bench.drop();
  }
  return out;
}

async function runNational() {
  const bench = await createBenchDatabase('postgres', 'national');
  try {
    const db = await openDatabase(bench.config);
    try {
      const t = performance.now();
      await seedSynthetic(db, {
        zones: nationalZones,
        scale: nationalScale,
        onZone: (z) => {
          if (Number(z.code.slice(1)) % 10 === 0) log(`  national: ${z.code} seeded (${round(z.seconds)} s)`);
        },
      });
      const seedSeconds = round((performance.now() - t) / 1000);
      // The load's gigabytes of dirty pages are written out first, as the checkpointer would within minutes
      // of a load: the rollup is timed on a database at rest, not racing that flush for the 2 cores.
      await db.pool.query('CHECKPOINT');
      const server = await startChild('bench/lib/app-server.ts', { ...bench.env, BENCH_WEB_DIR: '' });
      const r = await nationalRollup(db, server, YEAR, quick ? 5 : 15).finally(() => server.stop());
      log(
        `  ${r.zones} zones (${nationalScale} scale) seeded in ${seedSeconds} s; rollup p50 ${r.nationalRollupP50Ms} ms (its statement alone ${r.nationalRollupSqlP50Ms} ms)`,
      );
      return { ...r, scale: nationalScale, seedSeconds };
    } finally {
      await db.close();
    }
  } finally {
    await bench.drop();
  }
}

type Section = Record<string, unknown> | { error: string } | undefined;
const num = (s: Section, key: string) => {
  const v = s && !('error' in s) ? s[key] : undefined;
  return typeof v === 'number' ? v : Number.NaN;
};
const worst = (...v: number[]) => (v.some(Number.isFinite) ? Math.max(...v.filter(Number.isFinite)) : null);

async function main() {
  const date = new Date().toISOString().slice(0, 10);
  const start = loadavg();
  log(`gaoxin bench ${quick ? '--quick' : '(full)'}; load average ${start.one} ${start.five} ${start.fifteen}`);
  const serverUrl = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const info = { ...(await machine(serverUrl)), pgbenchSelectTps: quick ? null : await pgbenchSelectTps(serverUrl) };
  log(`  pgbench -S (calibration): ${info.pgbenchSelectTps ?? 'not measured'} tps`);
  let webDir: string | null = null;
  if (!skip.has('browser')) {
    try {
      // Debian's Chromium and CJK fonts, as the browser tests install them (a new machine has neither).
      execFileSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit' });
      webDir = buildWeb();
    } catch (err) {
      notes.push(
        `browser figures not measured: Chromium or the web build failed (${(err as Error).message.slice(0, 200)})`,
      );
    }
  }
  const results: Record<string, Record<string, unknown>> = {};
  for (const kind of kinds) {
    log(`— ${kind} —`);
    results[kind] = await runKind(kind, kind === 'pglite' || kinds.length === 1 ? webDir : null);
  }
  const national = kinds.includes('postgres') ? await section('national', runNational) : undefined;
  const per = (kind: string, s: string) => results[kind]?.[s] as Section;
  const imports = (kind: string) => {
    const s = per(kind, 'import');
    return Array.isArray(s) ? (s as { rows: number; seconds: number; peakRssMb: number }[]) : [];
  };
  const imp10 = (k: string) => imports(k).find((f) => f.rows === 10_000)?.seconds ?? Number.NaN;
  const browser = per('pglite', 'browser') ?? per(kinds[0], 'browser');
  const summary = {
    reportOverheadRatio: worst(...kinds.map((k) => num(per(k, 'reports'), 'reportOverheadRatio'))),
    reportP50MaxMs: Object.fromEntries(kinds.map((k) => [k, num(per(k, 'reports'), 'reportP50MaxMs')])),
    loadP99Ms: worst(...kinds.map((k) => num(per(k, 'load'), 'loadP99Ms'))),
    loadP99Ms200: worst(...kinds.map((k) => num(per(k, 'load'), 'loadP99Ms200'))),
    loadErrors: worst(...kinds.map((k) => num(per(k, 'load'), 'loadErrors'))),
    throughputVsBare: Object.fromEntries(kinds.map((k) => [k, num(per(k, 'load'), 'throughputVsBare')])),
    import10kSeconds: worst(...kinds.map(imp10)),
    importPeakRssMb: Object.fromEntries(
      kinds.map((k) => [k, Object.fromEntries(imports(k).map((f) => [String(f.rows), f.peakRssMb]))]),
    ),
    eventLoopMaxStallMs: num(per('pglite', 'eventLoop'), 'eventLoopMaxStallMs'),
    nationalRollupP50Ms: num(national, 'nationalRollupP50Ms'),
    nationalZones: num(national, 'zones'),
    nationalScale,
    loginJsGzipKb: num(browser, 'loginJsGzipKb'),
    dashboardJsGzipKb: num(browser, 'dashboardJsGzipKb'),
    dashboardJsAllGzipKb: num(browser, 'dashboardJsAllGzipKb'),
    dashboardFiguresMs: num(browser, 'dashboardFiguresMs'),
    dashboardChartMs: num(browser, 'dashboardChartMs'),
  };
  if (Number.isFinite(summary.dashboardJsAllGzipKb)) {
    notes.push(
      `dashboards: ${summary.dashboardJsGzipKb} kB of JavaScript (gzip) until the figures show, ${summary.dashboardJsAllGzipKb} kB in all with the charts (ECharts, requested after the figures); figures after ${summary.dashboardFiguresMs} ms, first chart after ${summary.dashboardChartMs} ms (worst dashboard)`,
    );
  }
  if (quick) {
    notes.unshift(
      `--quick: zone S001 at small scale (${SCALES.small.companies} companies, ${SCALES.small.projects} investment projects, ${SCALES.small.majorProjects} major projects), load ${5} s per run, no 100k import, national rollup over ${nationalZones} small zones instead of 200 full ones. The targets are the full run's: at this scale a report's statement takes about 1 ms, so the endpoint's fixed cost of a request (0.5–0.9 ms, BENCHMARKS.md) weighs more in the report ratio`,
    );
  }
  const end = loadavg();
  const result = {
    date,
    mode: quick ? 'quick' : 'full',
    seconds: round((performance.now() - started) / 1000, 0),
    machine: info,
    loadavg: { start, end },
    scale: { zone: scale, sizes: SCALES[scale], year: YEAR },
    summary,
    checks: checks(summary),
    notes,
    ...results,
    national,
  };
  const md = markdown(result);
  const file = write(result, md, option('label'));
  process.stdout.write(
    `\n${md}\nwritten: ${path.relative(ROOT, file)}${option('label') ? '' : ', bench/results/latest.json, latest.md'}\n`,
  );
}

await main();
process.exit(0);
