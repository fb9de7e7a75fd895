import { describe, expect, it } from 'vitest';
import { KINDS, useApp } from '../test/harness.ts';
import { KEEP_PLAN } from './prepared.ts';
import { asSystem, readOnly } from './tx.ts';

const TEXT = `SELECT count(*)::int AS n, $1::text AS tag FROM zones WHERE code <> $2`;

/** The database's prepared statements that hold TEXT (pg_prepared_statements of the connection asking). */
const preparedCopies = (rows: { statement: string }[]) => rows.filter((r) => r.statement === TEXT).length;

describe.each(KINDS)('prepared statements on %s', (kind) => {
  const h = useApp(kind);

  it('prepares a parameterised statement once and reuses it, from many connections at once', async () => {
    const db = h.database;
    // The embedded database prepares every such statement; a server only those marked KEEP_PLAN (prepared.ts).
    expect(db.statements.mode).toBe(kind === 'pglite' ? 'session' : 'marked');
    // More concurrent transactions than connections: every one gets the same answer, none fails on a name.
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        asSystem(db, async (tx) => (await tx.client.query<{ n: number; tag: string }>(TEXT, [`t${i}`, '-'])).rows[0]),
      ),
    );
    expect(new Set(answers.map((a) => a.n)).size).toBe(1);
    expect(answers.map((a) => a.tag)).toEqual(Array.from({ length: 24 }, (_, i) => `t${i}`));
    const copies = await asSystem(db, async (tx) => {
      await tx.client.query(TEXT, ['again', '-']);
      const { rows } = await tx.client.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
      return preparedCopies(rows);
    });
    // Prepared, and once: the embedded database's one session holds a single copy for every connection.
    expect(copies).toBe(kind === 'pglite' ? 1 : 0);
  });

  it('keeps the plan of a marked statement on every connection, each with its own copy on a server', async () => {
    const db = h.database;
    const marked = `${KEEP_PLAN}${TEXT}`;
    const seen = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        asSystem(db, async (tx) => {
          const { rows } = await tx.client.query<{ tag: string }>(marked, [`m${i}`, '-']);
          const held = await tx.client.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
          return { tag: rows[0].tag, copies: held.rows.filter((r) => r.statement === marked).length };
        }),
      ),
    );
    expect(seen.map((s) => s.tag)).toEqual(Array.from({ length: 16 }, (_, i) => `m${i}`));
    // Whichever connection answered, it holds the statement once (the embedded session: one for all).
    for (const s of seen) expect(s.copies).toBe(1);
  });

  it('runs the generic plan of a marked statement in a read from the first time; others are planned for their values', async () => {
    const db = h.database;
    const marked = `${KEEP_PLAN}SELECT count(*)::int AS n FROM zones WHERE code <> $1 AND $2::text <> ''`;
    const unmarked = `SELECT count(*)::int AS n FROM zones WHERE code <> $1 AND $2::text <> 'u'`;
    const plans = await readOnly(db, { system: true }, async (tx) => {
      for (let i = 0; i < 3; i++) {
        await tx.client.query(marked, ['-', `g${i}`]);
        await tx.client.query(unmarked, ['-', `c${i}`]);
      }
      const { rows } = await tx.client.query<{ statement: string; generic_plans: number; custom_plans: number }>(
        'SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements',
      );
      return rows;
    });
    const of = (text: string) => plans.find((r) => r.statement === text);
    // With the database's own choice (`auto`), its first five runs are planned anew: the list page was, every time.
    expect(of(marked)).toMatchObject({ generic_plans: 3, custom_plans: 0 });
    // The embedded database prepares every parameterised statement; a server only the marked ones.
    if (kind === 'pglite') expect(of(unmarked)).toMatchObject({ generic_plans: 0, custom_plans: 3 });
    else expect(of(unmarked)).toBeUndefined();
  });

  it('reports a statement error as before and can run the statement afterwards', async () => {
    const db = h.database;
    const bad = 'SELECT $1::int AS n';
    await expect(asSystem(db, (tx) => tx.client.query(bad, ['not a number']))).rejects.toThrow(/integer/);
    const { rows } = await asSystem(db, (tx) => tx.client.query<{ n: number }>(bad, ['7']));
    expect(rows[0].n).toBe(7);
  });
});
