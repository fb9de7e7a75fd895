import { afterEach, describe, expect, it, vi } from 'vitest';
import { transaction } from '../../db/tx.ts';
import { KINDS, makeZone, useApp } from '../../test/harness.ts';
import { ZONE_IDENTITY_TTL_MS, zoneIdentity } from './identity.ts';

afterEach(() => vi.useRealTimers());

describe.each(KINDS)('zone identity (%s)', (kind) => {
  const h = useApp(kind);

  const rename = (id: string, name: string) =>
    transaction(h.database, { system: true }, (tx) =>
      tx.client.query('UPDATE zones SET name = $2 WHERE id = $1', [id, name]),
    );

  it('is read once, then remembered no longer than its TTL', async () => {
    const zone = await makeZone(h);
    const statements: string[] = [];
    const read = () =>
      transaction(h.database, { zoneId: zone.id }, async (tx) => {
        const client = tx.client;
        const query = client.query;
        const own = Object.hasOwn(client, 'query');
        // On the pooled client itself: undone before it goes back to the pool.
        client.query = ((...args: Parameters<typeof query>) => {
          const first = args[0] as unknown;
          const text = typeof first === 'string' ? first : (first as { text: string }).text;
          if (/from "zones"/.test(text)) statements.push(text);
          return query.apply(client, args);
        }) as typeof query;
        try {
          return await zoneIdentity(tx, zone.id);
        } finally {
          if (own) client.query = query;
          else delete (client as { query?: unknown }).query;
        }
      });

    vi.useFakeTimers({ toFake: ['Date'] });
    expect(await read()).toEqual({ id: zone.id, code: zone.code, name: `测试园区${zone.code}` });
    expect(statements).toHaveLength(1);

    // An operator renames the zone in SQL: the remembered name serves until the TTL is out.
    await rename(zone.id, '衡阳高新技术产业开发区');
    vi.advanceTimersByTime(ZONE_IDENTITY_TTL_MS - 1);
    expect((await read()).name).toBe(`测试园区${zone.code}`);
    expect(statements).toHaveLength(1);

    vi.advanceTimersByTime(1);
    expect((await read()).name).toBe('衡阳高新技术产业开发区');
    expect(statements).toHaveLength(2);
  });

  it('names the caller’s own zone in a report, never another zone’s', async () => {
    const a = await makeZone(h);
    const b = await makeZone(h);
    const [ua, ub] = [await a.as(['admin']), await b.as(['admin'])];
    const q = '/api/v1/reports/investment-summary?from=2026-01-01&to=2026-12-31';
    expect((await ua.get(q)).json().zone).toBe(a.code);
    expect((await ub.get(q)).json().zone).toBe(b.code);
    expect((await ua.get(q)).json().zone).toBe(a.code);
  });
});
