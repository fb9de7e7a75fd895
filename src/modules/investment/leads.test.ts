import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';

const P = '/api/v1/investment';

describe.each(KINDS)('leads and visits on %s', (kind) => {
  const h = useApp(kind);

  async function setup() {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = async (name: string, k = 'internal') =>
      (await admin.post('/api/v1/departments', { name, kind: k })).json().id;
    const jhj = await dep('经济合作局');
    const kjj = await dep('科技局');
    const ag = await dep('深圳鹏程招商咨询有限公司', 'agency');
    const ag2 = await dep('另一家招商公司', 'agency');
    const a = await zone.as(['staff'], { departmentId: jhj });
    const b = await zone.as(['staff'], { departmentId: jhj });
    const k = await zone.as(['staff'], { departmentId: kjj });
    const agency = await zone.as(['agency'], { departmentId: ag });
    return { zone, admin, jhj, kjj, ag, ag2, a, b, k, agency };
  }
  const lead = (extra: Record<string, unknown> = {}) => ({
    companyName: '深圳某新能源有限公司',
    title: '拟投资建设储能电池生产线',
    estimatedInvestment: '500000000',
    channel: 'squad',
    ...extra,
  });

  it('shares leads, lets one claim, assigns, follows up and converts into a project', async () => {
    const s = await setup();
    const created = await s.a.post(`${P}/leads`, lead({ receivedOn: '2025-03-01' }));
    expect(created.statusCode).toBe(201);
    const l = created.json();
    expect(l).toMatchObject({
      status: 'open',
      sourceDepartment: { id: s.jhj },
      ownerUser: null,
      canEdit: true,
      warnings: [],
    });
    // Shared: 科技局 sees it and may claim it, but not edit someone else's department's lead once claimed.
    expect((await s.k.get(`${P}/leads/${l.id}`)).json().canEdit).toBe(false);
    const claimed = await s.b.post(`${P}/leads/${l.id}/claim`);
    expect(claimed.json()).toMatchObject({ ownerUser: { id: s.b.userId }, ownerDepartment: { id: s.jhj } });
    expect((await s.k.post(`${P}/leads/${l.id}/claim`)).statusCode).toBe(409);
    expect((await s.k.patch(`${P}/leads/${l.id}`, { version: 2, title: '改' })).statusCode).toBe(403);
    const assigned = await s.b.post(`${P}/leads/${l.id}/assign`, { ownerUserId: s.a.userId });
    expect(assigned.json()).toMatchObject({ ownerUser: { id: s.a.userId }, ownerDepartment: { id: s.jhj } });
    const f1 = await s.a.post(`${P}/leads/${l.id}/followups`, {
      happenedOn: '2025-03-05',
      content: '电话沟通，企业有意向',
      nextStep: '邀请来园区考察',
      nextOn: '2025-03-20',
    });
    expect(f1.statusCode).toBe(201);
    const after = (await s.a.get(`${P}/leads/${l.id}`)).json();
    expect(after).toMatchObject({
      status: 'following',
      followups: 1,
      lastFollowupOn: '2025-03-05',
      nextOn: '2025-03-20',
    });
    const badNext = await s.a.post(`${P}/leads/${l.id}/followups`, {
      happenedOn: '2025-03-06',
      content: 'x',
      nextOn: '2025-03-01',
    });
    expect(badNext.json().errors[0].field).toBe('nextOn');
    // A second lead on the same company is flagged.
    const again = (await s.k.post(`${P}/leads`, lead({ companyId: after.company.id, companyName: undefined }))).json();
    expect(again.warnings).toMatchObject([{ code: 'company_has_lead', records: [{ id: l.id }] }]);
    const conv = await s.a.post(`${P}/leads/${l.id}/convert`, {
      code: 'XM-2025-001',
      stage: 'signed',
      stageOn: '2025-04-01',
    });
    expect(conv.statusCode).toBe(201);
    const { lead: done, project } = conv.json();
    expect(done).toMatchObject({ status: 'converted', projectId: project.id });
    expect(project).toMatchObject({
      code: 'XM-2025-001',
      name: '拟投资建设储能电池生产线',
      totalInvestment: '500000000.00',
      channel: 'squad',
      stage: 'signed',
      referrerDepartment: { id: s.jhj },
      responsibleDepartment: { id: s.jhj },
      company: { id: after.company.id },
    });
    expect(project.warnings.map((w: { code: string }) => w.code)).toEqual(['company_has_lead']);
    const hist = (await s.a.get(`${P}/projects/${project.id}/history`)).json().items;
    expect(hist).toMatchObject([{ toStage: 'signed', source: 'lead', happenedOn: '2025-04-01' }]);
    expect((await s.a.post(`${P}/leads/${l.id}/convert`, { code: 'XM-2' })).statusCode).toBe(409);
  });

  it('keeps unshared leads within their department and agencies within their own', async () => {
    const s = await setup();
    const secret = (await s.a.post(`${P}/leads`, lead({ shared: false, ownerDepartmentId: s.jhj }))).json();
    const mine = (await s.agency.post(`${P}/leads`, lead({ companyName: '机构带来的企业' }))).json();
    expect(mine).toMatchObject({ sourceDepartment: { id: s.ag }, ownerDepartment: { id: s.ag } });
    const before = await snapshot(h.database);
    expect((await s.k.get(`${P}/leads/${secret.id}`)).statusCode).toBe(404);
    expect((await s.k.get(`${P}/leads`)).json().items.map((x: { id: string }) => x.id)).toEqual([mine.id]);
    expect((await s.agency.get(`${P}/leads`)).json().items.map((x: { id: string }) => x.id)).toEqual([mine.id]);
    for (const [m, url, body] of [
      ['GET', `${P}/leads/${secret.id}`],
      ['PATCH', `${P}/leads/${secret.id}`, { version: 1, title: 'x' }],
      ['POST', `${P}/leads/${secret.id}/claim`],
      ['POST', `${P}/leads/${secret.id}/followups`, { happenedOn: '2025-01-01', content: 'x' }],
      ['GET', `${P}/leads/${secret.id}/followups`],
      ['POST', `${P}/leads/${secret.id}/convert`, { code: 'Z' }],
      ['DELETE', `${P}/leads/${secret.id}`],
    ] as const) {
      expect([m, url, (await s.agency.request(m, url, body)).statusCode]).toEqual([m, url, 404]);
    }
    const wrong = await s.agency.post(`${P}/leads/${mine.id}/assign`, { ownerDepartmentId: s.ag2 });
    expect(wrong.json().errors[0].field).toBe('ownerDepartmentId');
    expect(await snapshot(h.database)).toEqual(before);
    const conv = (await s.agency.post(`${P}/leads/${mine.id}/convert`, { code: 'AG-L-1' })).json();
    expect(conv.project.referrerDepartment.id).toBe(s.ag);
    expect((await s.agency.get(`${P}/projects/${conv.project.id}`)).statusCode).toBe(200);
  });

  it('records a visit with companies and leads, at phone-sized payloads, walled per agency', async () => {
    const s = await setup();
    const l = (await s.a.post(`${P}/leads`, lead())).json();
    const v = await s.a.post(`${P}/visits`, {
      startedOn: '2025-05-12',
      endedOn: '2025-05-14',
      place: '深圳、东莞',
      participants: '党工委书记、经济合作局局长',
      purpose: '拜访新能源企业',
      agreed: '企业6月来园区实地考察',
      nextSteps: '准备用地方案',
      companyNames: ['深圳某新能源有限公司', '东莞某精密制造有限公司'],
      leadIds: [l.id],
    });
    expect(v.statusCode).toBe(201);
    expect(v.json()).toMatchObject({
      department: { id: s.jhj },
      companies: [{ name: '东莞某精密制造有限公司' }, { name: '深圳某新能源有限公司' }],
      leads: [{ id: l.id }],
    });
    const bad = await s.a.post(`${P}/visits`, { startedOn: '2025-05-12', endedOn: '2025-05-01', place: '长沙' });
    expect(bad.json().errors[0].field).toBe('endedOn');
    const list = (await s.k.get(`${P}/visits?from=2025-05-13&q=${encodeURIComponent('书记')}`)).json();
    expect(list.total).toBe(1);
    expect((await s.agency.get(`${P}/visits/${v.json().id}`)).statusCode).toBe(404);
    expect((await s.agency.get(`${P}/visits`)).json().total).toBe(0);
    const upd = await s.a.patch(`${P}/visits/${v.json().id}`, { version: 1, leadIds: [], agreed: '已签框架协议' });
    expect(upd.json()).toMatchObject({ leads: [], agreed: '已签框架协议', version: 2 });
  });

  it('names in the same-company warning only the records the caller may see, and counts the others', async () => {
    const s = await setup();
    const company = '同一家投资企业';
    const other = (
      await s.admin.post(`${P}/projects`, {
        code: 'SC-1',
        name: '别家机构的项目',
        companyName: company,
        channel: 'agency',
        totalInvestment: '100000000',
        referrerDepartmentId: s.ag2,
        stage: 'negotiating',
      })
    ).json();
    const secret = (
      await s.a.post(`${P}/leads`, lead({ companyName: company, title: '局里未共享线索', shared: false }))
    ).json();
    const open = (await s.a.post(`${P}/leads`, lead({ companyName: company, title: '局里共享线索' }))).json();
    const words = (ws: { message: string }[]) => JSON.stringify(ws);

    // An agency: counts only — no names of records, nor whose they are.
    s.agency.lang = 'en';
    const ag = (
      await s.agency.post(`${P}/leads`, lead({ companyName: company, title: '机构线索', shared: false }))
    ).json();
    expect(ag.warnings).toEqual([
      {
        code: 'company_has_project',
        message: `"${company}" already has 1 project(s), 1 of which you may not see`,
        records: [],
      },
      {
        code: 'company_has_lead',
        message: `"${company}" already has 2 lead(s), 2 of which you may not see`,
        records: [],
      },
    ]);
    for (const leaked of ['别家机构的项目', '局里未共享线索', '局里共享线索', '经济合作局', '另一家招商公司']) {
      expect(words(ag.warnings)).not.toContain(leaked);
    }

    // Staff of another department: every project (zone users see them all) and the shared lead by name;
    // the unshared leads of 经济合作局 and the agency only counted, with whose they are.
    const k = (await s.k.post(`${P}/leads`, lead({ companyName: company, title: '科技局线索' }))).json();
    expect(k.warnings).toEqual([
      {
        code: 'company_has_project',
        message: `“${company}”已有 1 个招商项目`,
        records: [{ id: other.id, name: '别家机构的项目' }],
      },
      {
        code: 'company_has_lead',
        message: `“${company}”已有 3 条招商线索，其中 2 条您无权查看（属于深圳鹏程招商咨询有限公司、经济合作局）`,
        records: [{ id: open.id, name: '局里共享线索' }],
      },
    ]);
    expect(words(k.warnings)).not.toContain('局里未共享线索');
    expect(words(k.warnings)).not.toContain('机构线索');

    // The admin sees everything: every record named, nothing held back (here on converting a lead).
    const conv = (await s.admin.post(`${P}/leads/${k.id}/convert`, { code: 'SC-2' })).json();
    const leadWarning = conv.project.warnings.find((w: { code: string }) => w.code === 'company_has_lead');
    expect(leadWarning.message).toBe(`“${company}”已有 3 条招商线索`);
    expect(leadWarning.records.map((r: { id: string }) => r.id).sort()).toEqual([secret.id, open.id, ag.id].sort());
  });
});
