import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asSystem } from '../db/tx.ts';
import { csv, upload } from '../modules/major-projects/test-kit.ts';
import { KINDS, makeZone, useApp } from '../test/harness.ts';

const URL = '/api/v1/ledgers/investment-projects/import';
const HEAD = ['项目编号', '项目名称', '投资方', '招商渠道', '阶段', '签约日期', '总投资(万元)', '备注'];
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every import is recorded: who, when, which file (its SHA-256), rows created, updated, unchanged (ledgers.md). */
describe.each(KINDS)('the ledger import log on %s', (kind) => {
  const h = useApp(kind);

  it('records who imported which file and what it did, for imports that landed only', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const first = csv([
      HEAD,
      ['L-1', '一期', '企业甲', '其他', '签约', '2024-01-02', 100, ''],
      ['L-2', '二期', '企业乙', '其他', '在谈', '', 200, ''],
    ]);
    const a = await upload(admin, URL, '项目台账.csv', first);
    expect(a.json()).toMatchObject({ ok: true, created: 2 });
    // One row changed, one kept, one new.
    const second = csv([
      HEAD,
      ['L-1', '一期', '企业甲', '其他', '签约', '2024-01-02', 100, ''],
      ['L-2', '二期改名', '企业乙', '其他', '在谈', '', 200, ''],
      ['L-3', '三期', '企业丙', '其他', '在谈', '', 300, ''],
    ]);
    const b = await upload(admin, URL, 'second.csv', second);
    expect(b.json()).toMatchObject({ ok: true, created: 1, updated: 1, unchanged: 1 });
    // A preview and a refused file are not imports: not logged.
    expect((await upload(admin, `${URL}?dryRun=true`, 'preview.csv', second)).json()).toMatchObject({ ok: true });
    const refused = await upload(
      admin,
      URL,
      'bad.csv',
      csv([HEAD, ['L-9', '坏', '企业', '其他', '在谈', '', 'x', '']]),
    );
    expect(refused.statusCode).toBe(422);

    const log = await admin.get('/api/v1/ledgers/imports');
    expect(log.statusCode).toBe(200);
    const items = log.json().items;
    const who = `用户${admin.username}`;
    expect(items).toEqual([
      {
        id: expect.any(Number),
        ledger: 'investment-projects',
        filename: 'second.csv',
        sha256: sha256(second),
        actorName: who,
        at: expect.any(String),
        rows: 3,
        created: 1,
        updated: 1,
        unchanged: 1,
      },
      {
        id: expect.any(Number),
        ledger: 'investment-projects',
        filename: '项目台账.csv',
        sha256: sha256(first),
        actorName: who,
        at: expect.any(String),
        rows: 2,
        created: 2,
        updated: 0,
        unchanged: 0,
      },
    ]);
    expect(items[0].id).toBeGreaterThan(items[1].id);
    expect(Math.abs(Date.parse(items[0].at) - Date.now())).toBeLessThan(60_000);

    // Stored with the importer's id and the file's warnings (the unknown 备注 column), in the zone only.
    const stored = await asSystem(h.database, async (tx) => {
      const r = await tx.client.query(
        `SELECT zone_id AS "zoneId", actor_id AS "actorId", warnings FROM ledger_imports
          WHERE sha256 = $1 AND zone_id = $2`,
        [sha256(first), zone.id],
      );
      return r.rows;
    });
    expect(stored).toEqual([
      { zoneId: zone.id, actorId: admin.userId, warnings: [expect.objectContaining({ row: 1, column: '备注' })] },
    ]);
    const other = await (await makeZone(h)).as(['admin']);
    expect((await other.get('/api/v1/ledgers/imports')).json().items).toEqual([]);
  });
});
