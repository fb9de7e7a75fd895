import { Command, InvalidArgumentError, Option } from 'commander';
import { isRole, ROLES, type Role } from '../core/policy.ts';
import { checkDatabase, repairKept } from '../db/check.ts';
import { migrate } from '../db/migrate.ts';
import { asSystem, enterZone } from '../db/tx.ts';
import { cliActor } from '../modules/auth/actor.ts';
import { UserCreate } from '../modules/users/api.ts';
import { createUser } from '../modules/users/service.ts';
import { createZone, findZone } from '../modules/zones/service.ts';
import { seedDemo } from '../seed/demo.ts';
import { registerSyntheticSeed } from '../seed/synthetic-cli.ts';
import { issueMessage } from '../server/validation.ts';
import { registerLedgerCommands } from './ledger-commands.ts';
import { exitWithError, fail, readStdin, withDatabase } from './open.ts';
import { registerViewerCommands } from './viewer-commands.ts';

const seedNumber = (v: string) => {
  if (!/^-?\d{1,15}$/.test(v)) throw new InvalidArgumentError('not an integer');
  return Number(v);
};

const program = new Command('gaoxin')
  .description('Gaoxin 高新: the operations platform of a high-tech zone')
  .showHelpAfterError();

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('not a port number');
  return n;
};

program
  .command('serve')
  .description('serve the web app and the API (embedded database in ./data unless DATABASE_URL is set)')
  .addOption(new Option('--port <port>', 'port to listen on').env('PORT').default(3000).argParser(port))
  .addOption(new Option('--host <host>', 'address to bind').env('HOST').default('0.0.0.0'))
  .option('--no-demo', 'do not create the demo zone on first start')
  // Loaded on use: the web server's modules would slow every other command's start.
  .action(async (o: { port: number; host: string; demo: boolean }) => (await import('./serve.ts')).serve(o));

program
  .command('migrate')
  .description('apply pending database migrations (serve also does this at start)')
  .action(() =>
    withDatabase(async (db) => {
      const applied = await migrate(db.pool);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    }),
  );

program
  .command('check')
  .description('check the database: storage (amcheck over every table and index) and the figures kept on write')
  .option('--repair', 'first recount the figures kept on write (storage is not repaired)')
  .action((o: { repair?: boolean }) =>
    withDatabase(async (db) => {
      if (o.repair) {
        await repairKept(db);
        process.stdout.write('已重新计算保存的合计 / kept figures recounted\n');
      }
      const r = await checkDatabase(db);
      if (r.problems.length) {
        fail(`检查未通过 / check failed (${r.problems.length}):\n${r.problems.join('\n')}`);
      }
      process.stdout.write(
        `检查通过 / check passed: ${r.tables} tables, ${r.indexes} indexes, ${r.keptRows} kept rows agree\n`,
      );
    }),
  );

const zone = program.command('zone').description('manage zones');
zone
  .command('add')
  .description('create a zone')
  .argument('<code>', 'zone code, e.g. HY')
  .argument('<name>', 'zone name, e.g. 衡阳高新区')
  .option('--region <code>', 'GB/T 2260 six-digit region code')
  .addOption(
    new Option('--level <level>', 'national or provincial').choices(['national', 'provincial']).default('national'),
  )
  .action((code: string, name: string, o: { region?: string; level: 'national' | 'provincial' }) =>
    withDatabase(async (db) => {
      const z = await asSystem(db, (tx) =>
        createZone(tx, { code, name, regionCode: o.region ?? null, level: o.level }),
      );
      process.stdout.write(`zone ${z.code} ${z.name} created (${z.id})\n`);
    }),
  );

const collectRole = (v: string, prev: Role[]) => {
  const roles = v.split(',').map((r) => r.trim());
  for (const r of roles)
    if (!isRole(r)) throw new InvalidArgumentError(`unknown role ${r}; one of ${ROLES.join(', ')}`);
  return [...prev, ...(roles as Role[])];
};

const user = program.command('user').description('manage users');
user
  .command('add')
  .description('create a user in a zone; the password is read from standard input')
  .requiredOption('--zone <code>', 'zone code')
  .requiredOption('--username <username>', 'login name')
  .requiredOption('--role <role>', `role (repeat or comma-separate): ${ROLES.join(', ')}`, collectRole, [])
  .option('--name <display name>', 'name shown in the app (defaults to the username)')
  .option('--password-stdin', 'read the password from standard input (required)')
  .action(async (o: { zone: string; username: string; role: Role[]; name?: string; passwordStdin?: boolean }) => {
    if (!o.passwordStdin) {
      fail(
        '需要 --password-stdin：请通过标准输入提供密码 / --password-stdin is required: pipe the password in, e.g. `echo … | gaoxin user add … --password-stdin`',
      );
    }
    const password = (await readStdin()).replace(/\r?\n$/, '');
    const parsed = UserCreate.safeParse({
      username: o.username,
      displayName: o.name ?? o.username,
      password,
      roles: o.role,
    });
    if (!parsed.success) {
      fail(
        parsed.error.issues
          .map((i) => `${i.path.join('.') || 'input'}: ${issueMessage(i, 'zh-CN')} / ${issueMessage(i, 'en')}`)
          .join('\n'),
      );
    }
    await withDatabase(async (db) => {
      const u = await asSystem(db, async (tx) => {
        const z = await findZone(tx, o.zone);
        if (!z)
          fail(`园区 ${o.zone} 不存在 / no zone with code ${o.zone} (create it with: gaoxin zone add ${o.zone} NAME)`);
        await enterZone(tx, z.id);
        return createUser(tx, cliActor(z.id), parsed.data);
      });
      process.stdout.write(`user ${u.username} created with roles ${u.roles.join(', ')} (${u.id})\n`);
    });
  });

const seed = program.command('seed').description('generate data');
seed
  .command('demo')
  .description('create the demo zone 衡阳高新区 (HY) with its departments and a user per role, if absent')
  .option('--seed <n>', 'random seed (an integer)', seedNumber, 20260101)
  .action((o: { seed: number }) =>
    withDatabase(async (db) => {
      const r = await seedDemo(db, { seed: o.seed });
      process.stdout.write(r.created ? 'demo zone HY created\n' : 'demo zone HY already exists; nothing changed\n');
    }),
  );

registerSyntheticSeed(seed);
registerLedgerCommands(program);
registerViewerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  exitWithError(err);
}
