import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { asSystem, inZone } from '../db/tx.ts';
import { importLedger, problemLines } from '../ledger/import.ts';
import { LEDGERS } from '../ledger/registry.ts';
import { writeXlsx } from '../ledger/xlsx.ts';
import { cliActor } from '../modules/auth/actor.ts';
import { createZone, findZone } from '../modules/zones/service.ts';
import { REPORTS } from '../reports/registry.ts';
import { fail, withDatabase } from './open.ts';

const lang = (): 'zh-CN' | 'en' => ((process.env.LANG ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh-CN');

function ledgerOf(name: string) {
  const def = Object.hasOwn(LEDGERS, name) ? LEDGERS[name] : undefined;
  if (!def) fail(`unknown ledger ${name}; one of: ${Object.keys(LEDGERS).join(', ') || '(none yet)'}`);
  return def;
}

export function registerLedgerCommands(program: Command) {
  program
    .command('import')
    .description(
      `import a ledger (.xlsx or .csv) into a zone, whole or not at all; ledgers: ${Object.keys(LEDGERS).join(', ')}`,
    )
    .argument('<ledger>', 'ledger name, e.g. investment-projects')
    .argument('<file>', '.xlsx or .csv file')
    .requiredOption('--zone <code>', 'zone code (created, named by its code, if absent)')
    .option('--dry-run', 'check and count, write nothing')
    .action(async (name: string, file: string, o: { zone: string; dryRun?: boolean }) => {
      const def = ledgerOf(name);
      if (!fs.existsSync(file)) fail(`file not found: ${file}`);
      const data = fs.readFileSync(file);
      await withDatabase(async (db) => {
        const zone = await asSystem(
          db,
          async (tx) => (await findZone(tx, o.zone)) ?? createZone(tx, { code: o.zone, name: o.zone }),
        );
        const out = await importLedger(
          db,
          cliActor(zone.id),
          def,
          { data, filename: path.basename(file) },
          { dryRun: o.dryRun },
        );
        for (const w of problemLines(out.warnings, lang())) process.stderr.write(`warning: ${w}\n`);
        if (!out.ok) {
          process.stderr.write(`${problemLines(out.problems, lang()).join('\n')}\n`);
          process.stderr.write(`${out.problems.length} problem(s); nothing was imported\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(
          `${out.dryRun ? 'dry run: ' : ''}${name}: ${out.rows} rows, ${out.created} created, ${out.updated} updated, ${out.unchanged} unchanged\n`,
        );
      });
    });

  program
    .command('export')
    .description('export a ledger of a zone to .xlsx in its import shape')
    .argument('<ledger>', 'ledger name')
    .requiredOption('--zone <code>', 'zone code')
    .requiredOption('--out <file>', 'output .xlsx file')
    .option('--template', 'write the empty template instead')
    .action(async (name: string, o: { zone: string; out: string; template?: boolean }) => {
      const def = ledgerOf(name);
      if (o.template) {
        fs.writeFileSync(o.out, await writeXlsx(def.template()));
        return;
      }
      await withDatabase(async (db) => {
        const zone = await asSystem(db, (tx) => findZone(tx, o.zone));
        if (!zone) fail(`no zone with code ${o.zone}`);
        const table = await inZone(db, zone.id, (tx) => def.export(tx));
        fs.writeFileSync(o.out, await writeXlsx(table));
        process.stdout.write(`${name}: ${table.rows.length} rows written to ${o.out}\n`);
      });
    });

  program
    .command('report')
    .description(`compute a report from the records; reports: ${Object.keys(REPORTS).join(', ')}`)
    .argument('<report>', 'report name, e.g. investment-summary')
    .requiredOption('--zone <code>', 'zone code')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .option('--year <year>', 'plan year, YYYY')
    .option('--through <month>', 'last month counted, YYYY-MM')
    .option('--format <format>', 'json or xlsx', 'json')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (name: string, o: Record<string, string | undefined>) => {
      const def = Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined;
      if (!def) fail(`unknown report ${name}; one of: ${Object.keys(REPORTS).join(', ') || '(none yet)'}`);
      if (o.format !== 'json' && o.format !== 'xlsx') fail('--format must be json or xlsx');
      if (o.format === 'xlsx' && !o.out) fail('--format xlsx needs --out FILE');
      const { zone: code, format, out, ...rest } = o;
      const opts = def.options.safeParse(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
      if (!opts.success) fail(opts.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
      await withDatabase(async (db) => {
        const zone = await asSystem(db, (tx) => findZone(tx, code ?? ''));
        if (!zone) fail(`no zone with code ${code}`);
        const result = await inZone(db, zone.id, (tx) => def.run(tx, zone, opts.data));
        if (format === 'xlsx') {
          if (!def.toTable) fail(`${name} has no xlsx form yet`);
          fs.writeFileSync(out as string, await writeXlsx(def.toTable(result)));
          return;
        }
        const json = `${JSON.stringify(result, null, 2)}\n`;
        if (out) fs.writeFileSync(out, json);
        else process.stdout.write(json);
      });
    });
}
