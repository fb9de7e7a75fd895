import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes.ts';

/** The targets, checked by reading the figures (never by a timed test). */
export const TARGETS: { key: string; label: string; max: number; unit: string }[] = [
  { key: 'reportOverheadRatio', label: 'report endpoint ÷ same SQL (worst median)', max: 1.5, unit: '×' },
  { key: 'reportP50MaxMs.pglite', label: 'zone-scale report p50, embedded (worst)', max: 50, unit: 'ms' },
  { key: 'reportP50MaxMs.postgres', label: 'zone-scale report p50, PostgreSQL (worst)', max: 50, unit: 'ms' },
  { key: 'loadErrors', label: 'errors under load, 200 connections', max: 0, unit: '' },
  { key: 'loadP99Ms', label: 'p99 under load, 50 connections (worst endpoint)', max: 200, unit: 'ms' },
  { key: 'import10kSeconds', label: 'import of a 10,000-row ledger (worst database)', max: 5, unit: 's' },
  { key: 'eventLoopMaxStallMs', label: 'worst event-loop stall during heavy reports, embedded', max: 50, unit: 'ms' },
  { key: 'nationalRollupP50Ms', label: 'national rollup p50, PostgreSQL', max: 500, unit: 'ms' },
  { key: 'loginJsGzipKb', label: 'login page JavaScript (gzip)', max: 250, unit: 'kB' },
  { key: 'dashboardJsGzipKb', label: 'dashboard JavaScript until its figures show (gzip)', max: 450, unit: 'kB' },
];

type Summary = Record<string, unknown>;
const get = (o: Summary, key: string): unknown =>
  key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Summary)[k] : undefined), o);

export function checks(summary: Summary) {
  return TARGETS.map((t) => {
    const value = get(summary, t.key);
    const n = typeof value === 'number' ? value : Number.NaN;
    return { ...t, value: Number.isFinite(n) ? n : null, met: Number.isFinite(n) ? n <= t.max : null };
  });
}

export function markdown(result: {
  date: string;
  mode: string;
  machine: Record<string, unknown>;
  loadavg: { start: { one: number; five: number }; end: { one: number; five: number } };
  summary: Summary;
  checks: ReturnType<typeof checks>;
  notes: string[];
}) {
  const m = result.machine;
  const lines = [
    `## Benchmark ${result.date} (${result.mode})`,
    '',
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, ${m.os}; Node ${m.node}; PostgreSQL ${m.postgres}; PGlite ${m.pglite}.`,
    `Calibration: \`pgbench -S -c 8 -j 2 -T 15\` at scale 10 on the same PostgreSQL: ${m.pgbenchSelectTps ?? 'not measured'} tps.`,
    `Load average (1 min / 5 min): ${result.loadavg.start.one} / ${result.loadavg.start.five} at the start, ${result.loadavg.end.one} / ${result.loadavg.end.five} at the end.`,
    '',
    '| figure | measured | target | |',
    '|---|---|---|---|',
    ...result.checks.map(
      (c) =>
        `| ${c.label} | ${c.value ?? 'not measured'} ${c.value === null ? '' : c.unit} | ≤ ${c.max} ${c.unit} | ${c.met === null ? '—' : c.met ? 'met' : '**missed**'} |`,
    ),
    '',
    ...result.notes.map((n) => `- ${n}`),
    '',
  ];
  return lines.join('\n');
}

/** Writes `<date>[-quick].*` and `latest.*`; a labelled run (a partial one) writes `<date>-<label>.*` only. */
export function write(result: { date: string; mode: string }, md: string, label?: string) {
  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const base = label ? `${result.date}-${label}` : result.mode === 'quick' ? `${result.date}-quick` : result.date;
  const names = label ? [base] : [base, 'latest'];
  const json = `${JSON.stringify(result, null, 2)}\n`;
  for (const name of names) fs.writeFileSync(path.join(dir, `${name}.json`), json);
  for (const name of names) fs.writeFileSync(path.join(dir, `${name}.md`), md);
  // In the repository's own format (the lint checks bench/**): biome aligns the tables.
  const files = names.flatMap((n) => [`${n}.json`, `${n}.md`]).map((n) => path.join(dir, n));
  try {
    execFileSync('npx', ['biome', 'format', '--write', ...files], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    // unformatted results are still results
  }
  return path.join(dir, `${base}.json`);
}
