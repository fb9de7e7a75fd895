import { describe, expect, it } from 'vitest';
import { KINDS, useApp } from '../test/harness.ts';
import { likePattern } from './like.ts';
import { asSystem } from './tx.ts';

describe.each(KINDS)('search patterns on %s', (kind) => {
  const h = useApp(kind);

  it('finds the text as typed: % _ and \\ match only themselves', async () => {
    const names = ['增长50%', '增长500', 'a_b', 'axb', 'c\\d', 'cd'];
    const found = (q: string) =>
      asSystem(h.database, async (tx) => {
        const { rows } = await tx.client.query<{ n: string }>(
          'SELECT n FROM unnest($1::text[]) n WHERE n ILIKE $2 ORDER BY n',
          [names, likePattern(q)],
        );
        return rows.map((r) => r.n);
      });
    expect(await found('50%')).toEqual(['增长50%']);
    expect(await found('a_b')).toEqual(['a_b']);
    expect(await found('c\\d')).toEqual(['c\\d']);
    expect(await found('增长')).toEqual(['增长50%', '增长500']);
  });
});
