import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { snapshot } from '../test/harness.ts';
import { gaoxinEnv, killAll, type RunResult, runCli, tempDataDir } from './process-harness.ts';

/**
 * `npx gaoxin …` as a person types it: help on every command, and bad input
 * refused with a clear message, a non-zero exit and nothing written.
 */

const dataDir = tempDataDir();
const env = gaoxinEnv({ dataDir });

beforeAll(async () => {
  const z = await runCli(['zone', 'add', 'CLI', '命令行测试园区'], env);
  expect(z.code, z.stderr).toBe(0);
  expect(z.stdout).toMatch(/^zone CLI 命令行测试园区 created \([0-9a-f-]{36}\)\n$/);
}, 300_000);

afterEach(killAll);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** The folder's content as the system sees it, opened in this process while no CLI runs. */
async function contents() {
  const db = await openDatabase({ dataDir });
  try {
    return await snapshot(db);
  } finally {
    await db.close();
  }
}

/** Runs `jobs` two at a time (the machine has two cores). */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) out.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => j()))));
  return out;
}

/** Command names listed under "Commands:" in a commander help text. */
function listedCommands(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]).filter((c) => c !== 'help');
}

describe('gaoxin CLI', () => {
  it('--help works on every command and lists its options', async () => {
    const top = await runCli(['--help'], env);
    expect(top.code).toBe(0);
    expect(listedCommands(top.stdout)).toEqual(
      expect.arrayContaining(['serve', 'migrate', 'check', 'zone', 'user', 'seed']),
    );
    // The foundation's commands (each process costs ~2 s of CPU, so not the ledger ones too).
    const options: Record<string, string[]> = {
      serve: ['--port <port>', '--host <host>', '--no-demo'],
      migrate: ['-h, --help'],
      'zone add': ['<code>', '<name>', '--region <code>', '--level <level>'],
      'user add': ['--zone <code>', '--username <username>', '--role <role>', '--password-stdin', '--name'],
      'seed demo': ['--seed <n>'],
      check: ['--repair'],
      'viewer grant': ['<username>', '<region>', '000000'],
      rollup: ['--region <codes>', '--year <year>', '--through <month>', '--from <date>', '--to <date>', '--format'],
    };
    const names = Object.keys(options);
    const helps = await inPairs(names.map((n) => () => runCli([...n.split(' '), '--help'], env)));
    const byName = new Map<string, RunResult>();
    for (const [i, n] of names.entries()) {
      const r = helps[i];
      expect(r.code, `${n} --help: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`Usage: gaoxin ${n}`);
      expect(r.stdout).toContain('Options:');
      byName.set(n, r);
    }
    for (const [cmd, opts] of Object.entries(options)) {
      const text = byName.get(cmd)?.stdout ?? '';
      for (const o of opts) expect(text, `${cmd} --help mentions ${o}`).toContain(o);
    }
    // Nothing here opened the data folder.
    expect(fs.existsSync(path.join(dataDir, 'gaoxin.lock'))).toBe(false);
  }, 300_000);

  it('user add refuses bad input with a clear message and writes nothing', async () => {
    const before = await contents();
    const add = (args: string[], stdin: string) =>
      runCli(['user', 'add', '--zone', 'CLI', ...args, '--password-stdin'], env, stdin);
    const cases: [string, () => Promise<RunResult>, RegExp[]][] = [
      [
        'bad role',
        () => add(['--username', 'ok.user', '--role', 'wizard'], 'Good-password-1\n'),
        [/unknown role wizard/, /admin, leader/],
      ],
      [
        'missing --password-stdin',
        () =>
          runCli(
            ['user', 'add', '--zone', 'CLI', '--username', 'ok.user', '--role', 'admin'],
            env,
            'Good-password-1\n',
          ),
        [/--password-stdin is required/, /标准输入/],
      ],
      [
        'unknown zone',
        () =>
          runCli(
            ['user', 'add', '--zone', 'NOPE', '--username', 'ok.user', '--role', 'admin', '--password-stdin'],
            env,
            'Good-password-1\n',
          ),
        [/no zone with code NOPE/, /园区 NOPE 不存在/],
      ],
      [
        'invalid username',
        () => add(['--username', 'Bad Name!', '--role', 'admin'], 'Good-password-1\n'),
        [/^username: /m, /Username: 3–64/],
      ],
      [
        'short password',
        () => add(['--username', 'ok.user', '--role', 'admin'], 'short\n'),
        [/^password: /m, /at least 8/],
      ],
      ['no role', () => add(['--username', 'ok.user'], 'Good-password-1\n'), [/roles/]],
    ];
    const results = await inPairs(cases.map(([, run]) => run));
    for (const [i, [label, , patterns]] of cases.entries()) {
      const r = results[i];
      expect(r.code, `${label}: exit code`).toBe(1);
      expect(r.stdout, label).toBe('');
      for (const p of patterns) expect(r.stderr, label).toMatch(p);
      expect(r.stderr, `${label}: no stack trace`).not.toMatch(/\n\s+at /);
    }
    expect(await contents()).toEqual(before);
  }, 300_000);

  it('zone add refuses a duplicate or malformed code; seed demo twice changes nothing the second time', async () => {
    const [dup, bad] = await Promise.all([
      runCli(['zone', 'add', 'CLI', '重复园区'], env),
      runCli(['zone', 'add', '坏 代码', '坏园区'], env),
    ]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/code: 园区代码 CLI 已存在 \/ Zone code CLI already exists/);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^code: /m);

    const first = await runCli(['seed', 'demo'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('demo zone HY created\n');
    const seeded = await contents();
    const second = await runCli(['seed', 'demo'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe('demo zone HY already exists; nothing changed\n');
    expect(await contents()).toEqual(seeded);
    const badSeed = await runCli(['seed', 'demo', '--seed', 'abc'], env);
    expect(badSeed.code).not.toBe(0);
    expect(badSeed.stderr).toContain('not an integer');
  }, 300_000);

  it('check passes the seeded folder, names a planted figure with exit status 1, and writes nothing', async () => {
    const seeded = await runCli(['seed', 'demo'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    const before = await contents();
    const ok = await runCli(['check'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^检查通过 \/ check passed: \d{2} tables, \d{3} indexes, \d+ kept rows agree\n$/);
    expect(await contents()).toEqual(before);

    const plant = async (n: number) => {
      const db = await openDatabase({ dataDir });
      try {
        await db.pool.query(
          `UPDATE company_totals SET live_companies = live_companies + $1
            WHERE zone_id = (SELECT id FROM zones WHERE code = 'HY')`,
          [n],
        );
      } finally {
        await db.close();
      }
    };
    await plant(7);
    const bad = await runCli(['check'], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(
      /^检查未通过 \/ check failed \(1\):\n园区 HY 企业数不符 \/ zone HY: kept company count \d+, counted \d+\n$/,
    );
    const repaired = await runCli(['check', '--repair'], env);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stdout).toMatch(/^已重新计算保存的合计 \/ kept figures recounted\n检查通过 \/ check passed: /);
    expect(await contents()).toEqual(before);
  }, 300_000);

  it('viewer grant/revoke/list and rollup: the operator’s regions, bad input refused with exit 1', async () => {
    const seeded = await runCli(['seed', 'demo'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    // The demo's 市级查看 oversees 衡阳 (430400), which holds the demo zone.
    const list = await runCli(['viewer', 'list'], env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toBe('viewer\tHY\t430400\t1 zones\n');
    const before = await contents();
    const refused: [string[], RegExp][] = [
      [['viewer', 'grant', 'viewer', '4304'], /行政区划代码应为 6 位数字：4304 \/ A region code is six digits: 4304/],
      [['viewer', 'grant', 'nobody', '430000'], /用户 nobody 不存在 \/ No user named nobody/],
      [['viewer', 'revoke', 'viewer', '430000'], /viewer does not oversee 430000/],
      [['rollup', '--region', '43', '--year', '2026'], /--region: .*six digits: 43/],
      [
        ['rollup', '--region', '430000', '--year', '2026', '--through', '2025-06'],
        /--through: through 应为该年度内的月份/,
      ],
      [['rollup', '--region', '430000', '--year', '2026', '--format', 'xlsx'], /--format xlsx needs --out FILE/],
    ];
    const results = await inPairs(
      refused.map(
        ([args]) =>
          () =>
            runCli(args, env),
      ),
    );
    for (const [i, [args, pattern]] of refused.entries()) {
      expect(results[i].code, args.join(' ')).toBe(1);
      expect(results[i].stderr, args.join(' ')).toMatch(pattern);
      expect(results[i].stderr).not.toMatch(/\n\s+at /);
    }
    expect(await contents()).toEqual(before);

    const [rollup, grant] = await Promise.all([
      runCli(['rollup', '--region', '430000', '--year', '2026', '--through', '2026-06'], env),
      runCli(['viewer', 'grant', 'viewer', '430000'], env),
    ]);
    expect(rollup.code, rollup.stderr).toBe(0);
    const r = JSON.parse(rollup.stdout);
    expect(r).toMatchObject({
      regions: ['430000'],
      year: 2026,
      through: '2026-06',
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(r.zones.map((z: { zone: string }) => z.zone)).toEqual(['HY']);
    expect(r.total.zones).toBe(1);
    expect(r.total.signedInvestment).toBe(r.zones[0].signedInvestment);
    expect(grant.code, grant.stderr).toBe(0);
    expect(grant.stdout).toBe('granted: viewer oversees 430000 (1 zones today)\n');
    const revoke = await runCli(['viewer', 'revoke', 'viewer', '430000'], env);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(revoke.stdout).toBe('revoked: viewer no longer oversees 430000\n');
  }, 300_000);
});
