import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';
import { coreName, isSimilarName } from './similar.ts';

const P = '/api/v1/investment';

describe('near company names', () => {
  it('sees through legal forms, brackets and small spelling differences', () => {
    expect(coreName('示例装备股份有限公司')).toBe('示例装备');
    expect(isSimilarName('示例装备股份有限公司', '示例装备有限公司')).toBe(true);
    expect(isSimilarName('华为技术（深圳）有限公司', '华为技术有限公司')).toBe(true);
    expect(isSimilarName('衡阳比亚迪新能源汽车有限公司', '比亚迪新能源汽车有限公司')).toBe(true);
    expect(isSimilarName('示例装备有限公司', '示例物流有限公司')).toBe(false);
    expect(isSimilarName('有限公司', '集团公司')).toBe(false);
  });
});

describe.each(KINDS)('companies API on %s', (kind) => {
  const h = useApp(kind);

  it('checks the USCC, refuses duplicates, and warns about near names', async () => {
    const zone = await makeZone(h);
    const staff = await zone.as(['staff']);
    const bad = await staff.post(`${P}/companies`, { name: '示例装备股份有限公司', uscc: '91430100AY4CL12TH5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'uscc', message: expect.stringContaining('统一社会信用代码') });
    const ok = await staff.post(`${P}/companies`, {
      name: '示例装备股份有限公司',
      uscc: '91430100ay4cl12th4',
      tags: ['srdi', 'listed'],
      top500: [{ list: 'fortune_global', year: 2024 }, { list: 'china' }],
      contacts: [{ name: '张经理', phone: '13800000000' }],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      uscc: '91430100AY4CL12TH4',
      top500: [
        { list: 'china', year: null },
        { list: 'fortune_global', year: 2024 },
      ],
      warnings: [],
    });
    const dupCode = await staff.post(`${P}/companies`, { name: '另一家', uscc: '91430100AY4CL12TH4' });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().errors[0].field).toBe('uscc');
    expect((await staff.post(`${P}/companies`, { name: '示例装备股份有限公司' })).statusCode).toBe(409);
    const near = await staff.post(`${P}/companies`, { name: '示例装备有限公司' });
    expect(near.statusCode).toBe(201);
    expect(near.json().warnings).toMatchObject([{ code: 'similar_company', records: [{ id: ok.json().id }] }]);
    const similar = await staff.get(`${P}/companies/similar?name=${encodeURIComponent('示例装备集团')}`);
    expect(
      similar
        .json()
        .items.map((c: { name: string }) => c.name)
        .sort(),
    ).toEqual(['示例装备有限公司', '示例装备股份有限公司']);
    expect((await staff.get(`${P}/companies?top500=true`)).json().total).toBe(1);
    expect((await staff.get(`${P}/companies?tag=srdi`)).json().items[0].name).toBe('示例装备股份有限公司');
  });

  it('merges two companies, moving projects, memberships and contacts, then counts 500强 once', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const keep = (
      await admin.post(`${P}/companies`, { name: '比亚迪股份有限公司', top500: [{ list: 'china' }] })
    ).json();
    const dup = (
      await admin.post(`${P}/companies`, {
        name: '比亚迪有限公司',
        uscc: '914301003BJ1XG6128',
        top500: [{ list: 'china' }, { list: 'fortune_global' }],
        contacts: [{ name: '王总' }],
      })
    ).json();
    const proj = (
      await admin.post(`${P}/projects`, {
        code: 'M-1',
        name: '电池项目',
        companyId: dup.id,
        channel: 'chain',
        totalInvestment: '300000000',
        stage: 'signed',
        stageOn: '2025-03-03',
      })
    ).json();
    expect(proj.company.top500).toBe(true);
    // Everything else attached to the duplicate: a lead, a visit, a subsidiary.
    const lead = (await admin.post(`${P}/leads`, { companyId: dup.id, title: '二期扩产', channel: 'chain' })).json();
    const visit = (
      await admin.post(`${P}/visits`, { startedOn: '2025-02-01', place: '深圳', companyIds: [dup.id, keep.id] })
    ).json();
    const sub = (await admin.post(`${P}/companies`, { name: '比亚迪衡阳子公司', parentId: dup.id })).json();
    const stale = await admin.post(`${P}/companies/${keep.id}/merge`, { sourceId: dup.id, version: 99 });
    expect(stale.statusCode).toBe(409);
    const merged = await admin.post(`${P}/companies/${keep.id}/merge`, { sourceId: dup.id, version: keep.version });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      uscc: '914301003BJ1XG6128',
      projects: 1,
      contacts: [{ name: '王总' }],
      top500: [
        { list: 'china', year: null },
        { list: 'fortune_global', year: null },
      ],
    });
    expect((await admin.get(`${P}/projects/${proj.id}`)).json().company.id).toBe(keep.id);
    expect((await admin.get(`${P}/leads/${lead.id}`)).json().company.id).toBe(keep.id);
    // The visit named both: it keeps one entry, the kept company.
    expect((await admin.get(`${P}/visits/${visit.id}`)).json().companies).toEqual([{ id: keep.id, name: keep.name }]);
    expect((await admin.get(`${P}/companies/${sub.id}`)).json().parentId).toBe(keep.id);
    expect((await admin.get(`${P}/companies/${dup.id}`)).statusCode).toBe(404);
    const r = (await admin.get('/api/v1/reports/investment-summary?from=2025-01-01&to=2025-12-31')).json();
    expect(r).toMatchObject({ signedProjects: 1, signedTop500: 1, signedAtLeast200M: 1 });
    expect((await admin.post(`${P}/companies/${dup.id}/restore`)).statusCode).toBe(409);
    const self = await admin.post(`${P}/companies/${keep.id}/merge`, { sourceId: keep.id });
    expect(self.json().errors[0].field).toBe('sourceId');
  });

  it('counts a subsidiary of a 500强 parent as 500强, and keeps companies with projects from deletion', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const parent = (
      await admin.post(`${P}/companies`, { name: '母公司集团', top500: [{ list: 'china_private' }] })
    ).json();
    const child = (await admin.post(`${P}/companies`, { name: '子公司衡阳有限公司', parentId: parent.id })).json();
    const p = (
      await admin.post(`${P}/projects`, {
        code: 'C-1',
        name: '子公司项目',
        companyId: child.id,
        channel: 'other',
        totalInvestment: '1',
      })
    ).json();
    expect(p.company.top500).toBe(true);
    const before = await snapshot(h.database);
    expect((await admin.delete(`${P}/companies/${child.id}`)).statusCode).toBe(409);
    expect((await admin.patch(`${P}/companies/${child.id}`, { version: 1, parentId: child.id })).statusCode).toBe(422);
    expect(await snapshot(h.database)).toEqual(before);
  });
});
