import { type Command, InvalidArgumentError, Option } from 'commander';
import { withDatabase } from '../cli/open.ts';
import { SCALES, type Scale, seedSynthetic } from './synthetic.ts';

const count = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new InvalidArgumentError('a whole number from 1 to 999');
  return n;
};
const seedNumber = (v: string) => {
  if (!/^-?\d{1,15}$/.test(v)) throw new InvalidArgumentError('not an integer');
  return Number(v);
};

/** `gaoxin seed synthetic`: benchmark zones S001… (src/seed/synthetic.ts). */
export function registerSyntheticSeed(seed: Command) {
  seed
    .command('synthetic')
    .description(
      'generate benchmark zones S001… (zone scale: 5,000 companies, 3,000 leads, 2,000 investment projects, 500 major projects over ten years; small: a tenth); usernames s001_admin, …',
    )
    .requiredOption('--zones <n>', 'how many zones', count)
    .addOption(new Option('--scale <scale>', 'zone or small').choices(Object.keys(SCALES)).default('zone'))
    .option('--seed <n>', 'random seed (an integer)', seedNumber, 20260101)
    .option('--first <n>', 'number of the first zone (1 → S001)', count, 1)
    .action((o: { zones: number; scale: Scale; seed: number; first: number }) =>
      withDatabase(async (db) => {
        const started = performance.now();
        await seedSynthetic(db, {
          zones: o.zones,
          scale: o.scale,
          seed: o.seed,
          first: o.first,
          onZone: (z) => {
            const what = z.created
              ? Object.entries(z.rows)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')
              : 'already exists; nothing changed';
            process.stdout.write(`${z.code} ${z.name}: ${what} (${z.seconds.toFixed(1)} s)\n`);
          },
        });
        process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      }),
    );
}
