import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/databases.ts';
import { EXAMPLES } from './test-support.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/gaoxin.mjs');
// One run of the command line is enough: a PostgreSQL server starts in a blink, the embedded one takes seconds.
const KIND = (await databaseKinds()).includes('postgres') ? 'postgres' : 'pglite';

describe(`the command line on ${KIND}: the spec example, as written in shared/spec/examples/README.md`, () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    db = await createTestDatabase(KIND);
    if (KIND === 'postgres') env = { ...process.env, DATABASE_URL: db.location, LANG: 'en_US.UTF-8' };
    else {
      // The embedded folder is owned by whoever opens it first: hand it over to the CLI.
      await db.database.close();
      env = { ...process.env, DATABASE_URL: '', GAOXIN_DATA_DIR: db.location, LANG: 'en_US.UTF-8' };
    }
  }, 60_000);
  afterAll(async () => {
    if (KIND === 'postgres') await db.drop();
    else fs.rmSync(db.location, { recursive: true, force: true });
  });
  const gaoxin = (...args: string[]) => run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });

  it('imports the three files into zone EX and prints the expected summary', async () => {
    const ex = (f: string) => path.join(EXAMPLES, f);
    const a = await gaoxin('import', 'investment-projects', ex('investment-projects.csv'), '--zone', 'EX');
    expect(a.stdout).toContain('6 created');
    expect(a.stderr).toContain('备注');
    await gaoxin('import', 'investment-projects', ex('investment-projects-yi.csv'), '--zone', 'EX');
    await gaoxin('import', 'foreign-capital', ex('foreign-capital.csv'), '--zone', 'EX');
    const out = await gaoxin(
      'report',
      'investment-summary',
      '--zone',
      'EX',
      '--from',
      '2024-01-01',
      '--to',
      '2024-06-30',
      '--format',
      'json',
    );
    const expected = JSON.parse(fs.readFileSync(ex('investment-summary.json'), 'utf8'));
    expect(JSON.parse(out.stdout)).toEqual(expected);
  }, 120_000);

  it('exits non-zero and lists the problems for a bad file', async () => {
    const bad = path.join(os.tmpdir(), `gx-bad-${process.pid}.csv`);
    fs.writeFileSync(bad, '项目编号,项目名称,投资方,招商渠道,阶段,总投资(万元)\nZ-1,项目,企业,无此渠道,签约,abc\n');
    const err = await gaoxin('import', 'investment-projects', bad, '--zone', 'EX').catch((e) => e);
    fs.rmSync(bad);
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/row 2, 招商渠道 “无此渠道”/);
    expect(err.stderr).toMatch(/row 2, 总投资\(万元\) “abc”: Not a number/);
    expect(err.stderr).toMatch(/nothing was imported/);
  }, 60_000);
});
