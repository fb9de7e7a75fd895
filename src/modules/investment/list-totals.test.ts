import { describe, expect, it } from 'vitest';
import { asSystem } from '../../db/tx.ts';
import { KINDS, makeZone, useApp } from '../../test/harness.ts';
import { csv, importFile } from './test-support.ts';

/**
 * The unfiltered lists' totals are kept on write (migrations 0012: projects, 0014: companies); every
 * filtered list aggregates. Both
 * must answer the same, whatever wrote the rows: the API, a ledger import, a delete and a restore.
 */
const P = '/api/v1/investment';

describe.each(KINDS)('the list totals kept on write, on %s', (kind) => {
  const h = useApp(kind);

  /** The totals as counted from the rows themselves, by the system (no zone wall, no kept figures). */
  const counted = (zoneId: string) =>
    asSystem(h.database, async (tx) => {
      const { rows } = await tx.client.query<{ n: number; sum: string }>(
        `SELECT count(*)::int AS n, coalesce(round(sum(total_investment), 2), 0)::numeric(24, 2)::text AS sum
           FROM investment_projects WHERE zone_id = $1 AND deleted_at IS NULL`,
        [zoneId],
      );
      return { total: rows[0].n, totalInvestment: rows[0].sum };
    });

  it('answers as the rows count after creates, edits, stage moves, deletes, restores and an import', async () => {
    const zone = await makeZone(h);
    const other = await makeZone(h);
    const admin = await zone.as(['admin']);
    const otherAdmin = await other.as(['admin']);
    const list = async () => {
      const body = (await admin.get(`${P}/projects?pageSize=5`)).json();
      return { total: body.total, totalInvestment: body.totalInvestment };
    };
    // A zone without a project yet: no kept row, the figures are zero.
    expect(await list()).toEqual({ total: 0, totalInvestment: '0.00' });

    const create = async (code: string, amount: string) => {
      const res = await admin.post(`${P}/projects`, {
        code,
        name: `项目${code}`,
        companyName: `企业${code}有限公司`,
        channel: 'staff',
        totalInvestment: amount,
      });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string; version: number };
    };
    const a = await create('K-1', '100000000.25');
    const b = await create('K-2', '0.75');
    await create('K-3', '3333.33');
    await otherAdmin.post(`${P}/projects`, {
      code: 'X-1',
      name: '别区项目',
      companyName: '别区企业',
      channel: 'staff',
      totalInvestment: '999',
    });
    expect(await list()).toEqual({ total: 3, totalInvestment: '100003334.33' });
    expect(await list()).toEqual(await counted(zone.id));

    // An edit of the amount, one of another field, a stage move.
    const edited = (await admin.patch(`${P}/projects/${a.id}`, { version: a.version, totalInvestment: '50' })).json();
    await admin.patch(`${P}/projects/${b.id}`, { version: b.version, name: '只改名' });
    await admin.post(`${P}/projects/${b.id}/stage`, { stage: 'signed', date: '2025-03-01' });
    expect(await list()).toEqual({ total: 3, totalInvestment: '3384.08' });

    // Deleted: out of the totals; restored: back in.
    expect((await admin.delete(`${P}/projects/${a.id}?version=${edited.version}`)).statusCode).toBe(204);
    expect(await list()).toEqual({ total: 2, totalInvestment: '3334.08' });
    expect((await admin.post(`${P}/projects/${a.id}/restore`)).statusCode).toBe(200);
    expect(await list()).toEqual(await counted(zone.id));

    // A ledger import: new rows and an existing project's amount changed, in one statement each.
    const file = csv([
      ['项目编号', '项目名称', '投资方', '招商渠道', '阶段', '签约日期', '总投资(万元)'],
      ['K-3', '项目K-3', '企业K-3有限公司', '全员招商', '在谈', '', '1'],
      ['K-4', '新项目', '新企业有限公司', '全员招商', '签约', '2025-04-01', '2.5'],
      ['K-5', '又一个', '又一企业有限公司', '全员招商', '在谈', '', '0.01'],
    ]);
    const imported = await importFile(h.database, zone.id, 'projects', file, 'projects.csv');
    expect(imported).toMatchObject({ ok: true, created: 2 });
    const after = await list();
    expect(after).toEqual(await counted(zone.id));
    expect(after.total).toBe(5);
    expect(after.totalInvestment).toBe('35150.75'); // K-3 now 1万元, K-4 2.5万, K-5 0.01万

    // The filtered list aggregates: filtering on nothing that excludes a row gives the same figures.
    const filtered = (await admin.get(`${P}/projects?pageSize=5&q=${encodeURIComponent('项目')}`)).json();
    expect(filtered.total).toBeLessThan(after.total);
    const everyStage = await Promise.all(
      ['negotiating', 'signed'].map(async (stage) => (await admin.get(`${P}/projects?stage=${stage}`)).json()),
    );
    expect(everyStage.reduce((n, r) => n + r.total, 0)).toBe(after.total);

    // A project removed for good (not through the app, which only soft-deletes) leaves the figures too.
    const gone = await create('K-6', '7');
    await asSystem(h.database, async (tx) => {
      await tx.client.query('DELETE FROM investment_stage_events WHERE project_id = $1', [gone.id]);
      await tx.client.query('DELETE FROM investment_projects WHERE id = $1', [gone.id]);
    });
    expect(await list()).toEqual(after);

    // The unfiltered list reads the kept row (a figure planted there shows); a filtered one counts rows.
    const plant = (n: number) =>
      asSystem(h.database, (tx) =>
        tx.client.query('UPDATE investment_project_totals SET live_projects = live_projects + $2 WHERE zone_id = $1', [
          zone.id,
          n,
        ]),
      );
    await plant(100);
    expect((await list()).total).toBe(105);
    expect((await admin.get(`${P}/projects?stage=signed`)).json().total).toBe(everyStage[1].total);
    await plant(-100);

    // The other zone's figures were never touched by this zone's writes.
    const theirs = (await otherAdmin.get(`${P}/projects`)).json();
    expect({ total: theirs.total, totalInvestment: theirs.totalInvestment }).toEqual(await counted(other.id));
    expect(theirs.total).toBe(1);
  });

  it('counts the company list as the rows after creates, a merge, a delete, a restore, an import and a removal', async () => {
    const zone = await makeZone(h);
    const other = await makeZone(h);
    const admin = await zone.as(['admin']);
    const otherAdmin = await other.as(['admin']);
    const live = (zoneId: string) =>
      asSystem(h.database, async (tx) => {
        const { rows } = await tx.client.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM companies WHERE zone_id = $1 AND deleted_at IS NULL',
          [zoneId],
        );
        return rows[0].n;
      });
    const total = async () => (await admin.get(`${P}/companies?pageSize=2`)).json().total as number;
    // A zone without a company yet: no kept row, the count is zero.
    expect(await total()).toBe(0);

    const create = async (name: string) => {
      const res = await admin.post(`${P}/companies`, { name });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string; version: number };
    };
    const keep = await create('甲科技有限公司');
    const dup = await create('乙材料有限公司');
    const gone = await create('丙装备有限公司');
    await otherAdmin.post(`${P}/companies`, { name: '别区企业有限公司' });
    expect(await total()).toBe(3);

    // A merge removes its source; a delete and a restore move one out and back.
    expect((await admin.post(`${P}/companies/${keep.id}/merge`, { sourceId: dup.id })).statusCode).toBe(200);
    expect(await total()).toBe(2);
    expect((await admin.delete(`${P}/companies/${gone.id}?version=${gone.version}`)).statusCode).toBe(204);
    expect(await total()).toBe(1);
    expect((await admin.post(`${P}/companies/${gone.id}/restore`)).statusCode).toBe(200);
    expect(await total()).toBe(2);

    // A project ledger import creates its investors' companies in one statement.
    const file = csv([
      ['项目编号', '项目名称', '投资方', '招商渠道', '阶段', '签约日期', '总投资(万元)'],
      ['C-1', '项目一', '丁电子有限公司', '全员招商', '在谈', '', '1'],
      ['C-2', '项目二', '戊生物有限公司', '全员招商', '在谈', '', '2'],
    ]);
    expect(await importFile(h.database, zone.id, 'projects', file, 'projects.csv')).toMatchObject({ ok: true });
    expect(await total()).toBe(4);
    expect(await total()).toBe(await live(zone.id));

    // Removed for good (not through the app, which only soft-deletes): out of the count too.
    await asSystem(h.database, (tx) => tx.client.query('DELETE FROM companies WHERE id = $1', [gone.id]));
    expect(await total()).toBe(3);

    // The unfiltered list reads the kept row (a figure planted there shows); a filtered one counts rows.
    await asSystem(h.database, (tx) =>
      tx.client.query('UPDATE company_totals SET live_companies = live_companies + 100 WHERE zone_id = $1', [zone.id]),
    );
    expect(await total()).toBe(103);
    expect((await admin.get(`${P}/companies?q=${encodeURIComponent('有限公司')}`)).json().total).toBe(3);
    expect((await admin.get(`${P}/companies?includeDeleted=true`)).json().total).toBe(4);

    // The other zone's count was never touched by this zone's writes.
    expect((await otherAdmin.get(`${P}/companies`)).json().total).toBe(await live(other.id));
  });
});
