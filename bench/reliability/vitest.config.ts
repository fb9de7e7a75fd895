import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: crash, conflict, PostgreSQL restart, outage and stall, and access-matrix tests on
 * real processes and both databases; part of `npm test` (~4 minutes here; BENCHMARKS.md). Files run
 * one after another: they kill servers and cut connections, and must not share the two cores.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['bench/reliability/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
