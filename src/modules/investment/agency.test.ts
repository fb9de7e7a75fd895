import { describe, expect, it } from 'vitest';
import { type Client, KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';

const P = '/api/v1/investment';

describe.each(KINDS)('agency isolation on %s', (kind) => {
  const h = useApp(kind);

  /** A zone with two agencies and a bureau, a project brought by each, and their users. */
  async function setup() {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = async (name: string, k: string) =>
      (await admin.post('/api/v1/departments', { name, kind: k })).json().id;
    const mine = await dep('深圳鹏程招商咨询有限公司', 'agency');
    const theirs = await dep('东莞某招商顾问有限公司', 'agency');
    const bureau = await dep('经济合作局', 'internal');
    const make = async (code: string, referrer: string, company: string) =>
      (
        await admin.post(`${P}/projects`, {
          code,
          name: `项目${code}`,
          companyName: company,
          channel: 'agency',
          totalInvestment: '300000000',
          referrerDepartmentId: referrer,
          stage: 'signed',
          stageOn: '2025-03-01',
        })
      ).json();
    const own = await make('AG-1', mine, '自家引进企业');
    const other = await make('AG-2', theirs, '别家引进企业');
    const zoneOwn = await make('ZB-1', bureau, '局里引进企业');
    const agency = await zone.as(['agency'], { departmentId: mine });
    return { zone, admin, agency, mine, theirs, bureau, own, other, zoneOwn };
  }

  it('lets an agency see only the projects and companies it brought', async () => {
    const s = await setup();
    const list = (await s.agency.get(`${P}/projects`)).json();
    expect(list.items.map((p: { code: string }) => p.code)).toEqual(['AG-1']);
    expect(list.totalInvestment).toBe('300000000.00');
    expect((await s.agency.get(`${P}/projects/${s.own.id}`)).statusCode).toBe(200);
    const companies = (await s.agency.get(`${P}/companies`)).json().items.map((c: { name: string }) => c.name);
    expect(companies).toEqual(['自家引进企业']);
    expect((await s.agency.get(`${P}/companies/${s.other.company.id}`)).statusCode).toBe(404);
    const pipeline = (await s.agency.get(`${P}/pipeline`)).json().stages;
    expect(pipeline).toEqual([{ stage: 'signed', projects: 1, investment: '300000000.00' }]);
    // The dashboard (zone figures) is not an agency's; its pipeline, in one statement with the breakdowns, is the zone's.
    expect((await s.agency.get(`${P}/dashboard?from=2025-01-01&to=2025-12-31`)).statusCode).toBe(403);
    const zoneBoard = (await s.admin.get(`${P}/dashboard?from=2025-01-01&to=2025-12-31`)).json();
    expect(zoneBoard.pipeline).toEqual([{ stage: 'signed', projects: 3, investment: '900000000.00' }]);
  });

  it('answers 404 for every verb on another agency`s or the zone`s projects, and writes nothing', async () => {
    const s = await setup();
    await s.admin.post(`${P}/projects/${s.other.id}/foreign-capital`, {
      code: 'FX-O',
      arrivedOn: '2025-04-01',
      amountUsd: '10',
    });
    const otherFx = (await s.admin.get(`${P}/foreign-capital`)).json().items[0];
    const before = await snapshot(h.database);
    for (const target of [s.other, s.zoneOwn]) {
      const id = target.id;
      const calls: [string, string, unknown?][] = [
        ['GET', `${P}/projects/${id}`],
        ['PATCH', `${P}/projects/${id}`, { version: 1, name: '偷改' }],
        ['POST', `${P}/projects/${id}/stage`, { stage: 'landed', date: '2025-05-01' }],
        ['GET', `${P}/projects/${id}/history`],
        ['POST', `${P}/projects/${id}/foreign-capital`, { arrivedOn: '2025-05-01', amountUsd: '1' }],
        ['DELETE', `${P}/projects/${id}`],
        ['POST', `${P}/projects/${id}/restore`],
        ['GET', `${P}/companies/${target.company.id}`],
      ];
      for (const [m, url, body] of calls) {
        const r = await s.agency.request(m as 'GET', url, body);
        expect([m, url, r.statusCode]).toEqual([m, url, 404]);
      }
    }
    expect(
      (await s.agency.patch(`${P}/foreign-capital/${otherFx.id}`, { version: 1, amountUsd: '99' })).statusCode,
    ).toBe(404);
    expect((await s.agency.delete(`${P}/foreign-capital/${otherFx.id}`)).statusCode).toBe(404);
    expect((await s.agency.get(`${P}/foreign-capital`)).json().total).toBe(0);
    expect((await s.agency.get(`${P}/projects?q=AG-2`)).json().total).toBe(0);
    expect((await s.agency.get(`${P}/projects?agencyId=${s.theirs}`)).json().total).toBe(0);
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('keeps zone-wide records and figures from an agency', async () => {
    const s = await setup();
    const before = await snapshot(h.database);
    const forbidden: [string, string, unknown?][] = [
      ['GET', `${P}/signing-events`],
      ['POST', `${P}/signing-events`, { name: '签约', heldOn: '2025-03-01' }],
      ['GET', `${P}/companies/similar?name=${encodeURIComponent('别家引进企业')}`],
      ['POST', `${P}/companies`, { name: '新企业' }],
      ['POST', `${P}/companies/${s.own.company.id}/merge`, { sourceId: s.other.company.id }],
      ['GET', '/api/v1/reports/investment-summary?from=2025-01-01&to=2025-12-31'],
      ['GET', '/api/v1/reports/investment-summary/records?from=2025-01-01&to=2025-12-31'],
      ['GET', `${P}/dashboard?from=2025-01-01&to=2025-12-31`],
      ['GET', '/api/v1/ledgers/investment-projects/export'],
      ['GET', '/api/v1/ledgers/foreign-capital/export'],
    ];
    for (const [m, url, body] of forbidden) {
      const r = await s.agency.request(m as 'GET', url, body);
      expect([m, url, r.statusCode]).toEqual([m, url, 403]);
    }
    // The zone ledger cannot be imported by an agency: it would reach every project by key.
    const file =
      '项目编号,项目名称,投资方,招商渠道,阶段,签约日期,总投资(万元)\nAG-2,改别家,别家引进企业,第三方,落地,2025-03-01,1\n';
    const up = await upload(s.agency, '/api/v1/ledgers/investment-projects/import', file);
    expect(up.statusCode).toBe(422);
    expect(up.json().problems[0].message).toContain('第三方招商机构');
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('makes an agency`s new project its own and refuses naming another referrer', async () => {
    const s = await setup();
    const body = {
      code: 'AG-9',
      name: '机构新项目',
      companyName: '新引进企业',
      channel: 'agency',
      totalInvestment: '1',
    };
    const wrong = await s.agency.post(`${P}/projects`, { ...body, referrerDepartmentId: s.theirs });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].field).toBe('referrerDepartmentId');
    const ok = await s.agency.post(`${P}/projects`, body);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().referrerDepartment).toMatchObject({ id: s.mine, kind: 'agency' });
    const moved = await s.agency.patch(`${P}/projects/${ok.json().id}`, { version: 1, referrerDepartmentId: s.bureau });
    expect(moved.statusCode).toBe(422);
    const stage = await s.agency.post(`${P}/projects/${s.own.id}/stage`, { stage: 'landed', date: '2025-06-01' });
    expect(stage.json()).toMatchObject({ stage: 'landed', landedOn: '2025-06-01' });
    // The zone sees it as the agency's.
    const admin = (await s.admin.get(`${P}/projects?agencyId=${s.mine}`)).json();
    expect(admin.items.map((p: { code: string }) => p.code)).toEqual(['AG-1', 'AG-9']);
  });

  it('shows an agency user without a department nothing at all', async () => {
    const s = await setup();
    const lost = await s.zone.as(['agency']);
    expect((await lost.get(`${P}/projects`)).json().total).toBe(0);
    expect((await lost.get(`${P}/projects/${s.own.id}`)).statusCode).toBe(404);
    expect((await lost.get(`${P}/companies`)).json().total).toBe(0);
  });
});

/** A multipart upload of one CSV file, with the client's session. */
async function upload(c: Client, url: string, content: string) {
  const boundary = '----gaoxin-test';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { cookie: c.cookie ?? '', 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}
