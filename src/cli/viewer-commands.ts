import fs from 'node:fs';
import type { Command } from 'commander';
import { asSystem } from '../db/tx.ts';
import { writeXlsx } from '../ledger/xlsx.ts';
import { RollupQuery } from '../modules/rollup/api.ts';
import { grantRegion, listGrants, revokeRegion } from '../modules/rollup/grants.ts';
import { rollupOfRegions } from '../modules/rollup/service.ts';
import { rollupTable } from '../modules/rollup/table.ts';
import { isRegionCode } from '../modules/zones/service.ts';
import { issueMessage } from '../server/validation.ts';
import { fail, withDatabase } from './open.ts';

const REGION =
  'GB/T 2260 six-digit code: XX0000 a province, XXXX00 a prefecture, else a county; 000000 the whole country';

/** The operator's commands for upper-level viewers and their rollup; there is no API to grant a region. */
export function registerViewerCommands(program: Command) {
  const viewer = program.command('viewer').description('upper-level viewers (上级查看): the regions a user oversees');
  viewer
    .command('grant')
    .description('let a user read the rollup of every zone in a region')
    .argument('<username>', 'an existing user (any zone)')
    .argument('<region>', REGION)
    .action((username: string, region: string) =>
      withDatabase(async (db) => {
        const r = await asSystem(db, (tx) => grantRegion(tx, username, region));
        process.stdout.write(
          `${r.created ? 'granted' : 'already granted'}: ${username} oversees ${region} (${r.zones} zones today)\n`,
        );
      }),
    );
  viewer
    .command('revoke')
    .description('end a user’s oversight of a region')
    .argument('<username>')
    .argument('<region>')
    .action((username: string, region: string) =>
      withDatabase(async (db) => {
        if (!(await asSystem(db, (tx) => revokeRegion(tx, username, region)))) {
          fail(`${username} 未被授予 ${region} / ${username} does not oversee ${region}`);
        }
        process.stdout.write(`revoked: ${username} no longer oversees ${region}\n`);
      }),
    );
  viewer
    .command('list')
    .description('every grant: user, their zone, region, zones covered today')
    .action(() =>
      withDatabase(async (db) => {
        for (const g of await asSystem(db, listGrants)) {
          process.stdout.write(`${g.username}\t${g.zone}\t${g.region}\t${g.zones} zones\n`);
        }
      }),
    );

  program
    .command('rollup')
    .description('both summaries’ headline figures for every zone of the regions, and their totals')
    .requiredOption('--region <codes>', `comma-separated; ${REGION}`)
    .requiredOption('--year <year>', 'plan year, YYYY')
    .option('--through <month>', 'last month counted, YYYY-MM')
    .option('--from <date>', 'investment period’s first day (default: the year’s first)')
    .option('--to <date>', 'investment period’s last day (default: the end of --through)')
    .option('--format <format>', 'json or xlsx', 'json')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (o: Record<string, string | undefined>) => {
      const { region, format, out, ...rest } = o;
      if (format !== 'json' && format !== 'xlsx') fail('--format must be json or xlsx');
      if (format === 'xlsx' && !out) fail('--format xlsx needs --out FILE');
      const regions = (region ?? '').split(',').map((r) => r.trim());
      const bad = regions.find((r) => !isRegionCode(r));
      if (bad !== undefined) fail(`--region: 行政区划代码应为 6 位数字 / a region code is six digits: ${bad}`);
      const q = RollupQuery.safeParse(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
      if (!q.success) {
        fail(
          q.error.issues
            .map((i) => `--${i.path.join('.')}: ${issueMessage(i, 'zh-CN')} / ${issueMessage(i, 'en')}`)
            .join('\n'),
        );
      }
      await withDatabase(async (db) => {
        const result = await asSystem(db, (tx) => rollupOfRegions(tx, regions, q.data));
        if (format === 'xlsx') {
          fs.writeFileSync(out as string, await writeXlsx(rollupTable(result)));
          return;
        }
        const json = `${JSON.stringify(result, null, 2)}\n`;
        if (out) fs.writeFileSync(out, json);
        else process.stdout.write(json);
      });
    });
}
