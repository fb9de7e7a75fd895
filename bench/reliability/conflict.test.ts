import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, useApp } from '../../src/test/harness.ts';

/**
 * Two clients edit the same investment project at the same moment, each with
 * the version it read: exactly one wins (200), the other is told 409, and the
 * stored record is the winner's. 1,000 tries, 0 lost updates.
 */

const TRIES = Number(process.env.RELIABILITY_TRIES) || 1000;

describe.each(KINDS)('concurrent edits on %s', (kind) => {
  const h = useApp(kind);

  it(`one of two simultaneous edits wins, the other gets 409, ${TRIES} times`, async () => {
    const zone = await makeZone(h);
    const a = await zone.as(['admin']);
    const b = await zone.as(['staff']);
    const created = await a.post('/api/v1/investment/projects', {
      code: 'RACE-1',
      name: '并发修改测试项目',
      companyName: '并发测试投资有限公司',
      channel: 'staff',
      totalInvestment: '100000000.00',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    let version = created.json().version as number;
    const outcomes = { aWon: 0, bWon: 0, bothWon: 0, noneWon: 0, lost: 0 };
    for (let i = 0; i < TRIES; i++) {
      const edit = (c: typeof a, who: string) =>
        c.patch(`/api/v1/investment/projects/${id}`, {
          version,
          name: `${who}的修改${i}`,
          responsiblePerson: `${who}${i}`,
        });
      // Which request leaves first alternates: the embedded database runs transactions one at a time, so
      // there the first to arrive wins; on PostgreSQL the two race for the row lock.
      const [ra, rb] =
        i % 2 === 0
          ? await Promise.all([edit(a, '甲'), edit(b, '乙')])
          : await Promise.all([edit(b, '乙'), edit(a, '甲')]).then(([y, x]) => [x, y]);
      const statuses = [ra.statusCode, rb.statusCode].sort();
      if (statuses[0] === 200 && statuses[1] === 200) outcomes.bothWon++;
      else if (statuses[0] !== 200 && statuses[1] !== 200) outcomes.noneWon++;
      expect(statuses, `try ${i}: ${ra.body} / ${rb.body}`).toEqual([200, 409]);
      const winner = ra.statusCode === 200 ? ra : rb;
      if (winner === ra) outcomes.aWon++;
      else outcomes.bWon++;
      // The stored record is exactly the winner's: nothing of the loser's edit, nothing of the winner's lost.
      const now = (await a.get(`/api/v1/investment/projects/${id}`)).json();
      const who = winner === ra ? '甲' : '乙';
      if (now.name !== `${who}的修改${i}` || now.responsiblePerson !== `${who}${i}` || now.version !== version + 1) {
        outcomes.lost++;
      }
      version = now.version;
    }
    console.log(`${kind}: ${TRIES} tries, ${JSON.stringify(outcomes)}`);
    expect(outcomes.lost).toBe(0);
    expect(outcomes.aWon + outcomes.bWon).toBe(TRIES);
    // Both sides win sometimes: the requests really race rather than queue in one order.
    expect(Math.min(outcomes.aWon, outcomes.bWon)).toBeGreaterThan(0);
    // One audit entry per accepted edit, none for the refused ones.
    const audit = (await a.get(`/api/v1/audit?entityId=${id}&limit=500`)).json();
    expect(audit.items.filter((e: { action: string }) => e.action === 'update').length).toBe(Math.min(500, TRIES));
  });
});
