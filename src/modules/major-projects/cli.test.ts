import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/databases.ts';
import { KINDS } from '../../test/harness.ts';
import { EXAMPLES } from './test-kit.ts';

const run = promisify(execFile);
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/gaoxin.mjs');

/** The README's commands, as a person types them, against the embedded database and a PostgreSQL server. */
describe.each(KINDS)('gaoxin import/report of the worked example on %s', (kind) => {
  it('prints exactly major-projects-summary.json', { timeout: 180_000 }, async () => {
    // The embedded database stays open here, so each command joins it over its socket as it would join a server.
    const db = await createTestDatabase(kind);
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    if (kind === 'postgres') {
      env.DATABASE_URL = db.location;
      env.GAOXIN_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-mp-cli-'));
    } else env.GAOXIN_DATA_DIR = db.location;
    try {
      const gaoxin = (...args: string[]) => run(process.execPath, [BIN, ...args], { env, timeout: 120_000 });
      const ex = (f: string) => path.join(EXAMPLES, f);
      expect((await gaoxin('import', 'major-projects', ex('major-projects.csv'), '--zone', 'EX')).stdout).toContain(
        '5 created',
      );
      await gaoxin('import', 'major-projects', ex('major-projects-yi.csv'), '--zone', 'EX');
      await gaoxin('import', 'major-project-progress', ex('major-project-progress.csv'), '--zone', 'EX');
      const out = await gaoxin(
        'report',
        'major-projects-summary',
        '--zone',
        'EX',
        '--year',
        '2024',
        '--through',
        '2024-03',
        '--format',
        'json',
      );
      const expected = JSON.parse(fs.readFileSync(ex('major-projects-summary.json'), 'utf8'));
      const actual = JSON.parse(out.stdout);
      // Key order aside, and rates to 1e-9.
      const rates = (o: Record<string, unknown>): unknown =>
        JSON.parse(
          JSON.stringify(o, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e9) : v)),
        );
      expect(rates(actual)).toEqual(rates(expected));
    } finally {
      await db.drop();
      if (kind === 'postgres') fs.rmSync(env.GAOXIN_DATA_DIR as string, { recursive: true, force: true });
    }
  });
});
