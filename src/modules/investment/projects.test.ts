import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';
import { today } from './scope.ts';

const P = '/api/v1/investment';
const project = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `项目${code}`,
  companyName: `企业${code}有限公司`,
  channel: 'staff',
  totalInvestment: '100000000',
  ...extra,
});

describe.each(KINDS)('investment projects API on %s', (kind) => {
  const h = useApp(kind);

  it('creates, reads, updates with a version (409 when stale), soft-deletes and restores', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const res = await admin.post(`${P}/projects`, project('A-1', { totalInvestment: '250000000.5' }));
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      code: 'A-1',
      stage: 'negotiating',
      signedOn: null,
      totalInvestment: '250000000.50',
      version: 1,
      company: { name: '企业A-1有限公司', top500: false },
      warnings: [],
    });
    const upd = await admin.patch(`${P}/projects/${p.id}`, { version: 1, name: '改名', fixedAssetInvestment: '1.10' });
    expect(upd.json()).toMatchObject({ name: '改名', fixedAssetInvestment: '1.10', version: 2 });
    const stale = await admin.patch(`${P}/projects/${p.id}`, { version: 1, name: '旧' });
    expect(stale.statusCode).toBe(409);
    expect((await admin.post(`${P}/projects`, project('A-1'))).json().errors[0].field).toBe('code');
    expect((await admin.delete(`${P}/projects/${p.id}?version=2`)).statusCode).toBe(204);
    expect((await admin.get(`${P}/projects/${p.id}`)).statusCode).toBe(404);
    expect((await admin.get(`${P}/projects`)).json().total).toBe(0);
    expect((await admin.get(`${P}/projects?includeDeleted=true`)).json().total).toBe(1);
    const back = await admin.post(`${P}/projects/${p.id}/restore`);
    expect(back.json()).toMatchObject({ deletedAt: null, version: 4 });
  });

  it('moves stages forward only, skips ahead, drops with a reason, and keeps the dated history', async () => {
    const zone = await makeZone(h);
    const staff = await zone.as(['staff']);
    const p = (await staff.post(`${P}/projects`, project('S-1', { stageOn: '2025-01-02' }))).json();
    const stage = (body: Record<string, unknown>) => staff.post(`${P}/projects/${p.id}/stage`, body);

    const signed = await stage({ stage: 'signed', date: '2025-03-15' });
    expect(signed.json()).toMatchObject({ stage: 'signed', signedOn: '2025-03-15', stageOn: '2025-03-15' });
    // Skipping 落地 to 开工: it landed and started the same day.
    const started = await stage({ stage: 'started', date: '2025-05-01' });
    expect(started.json()).toMatchObject({ stage: 'started', landedOn: '2025-05-01', signedOn: '2025-03-15' });

    const back = await stage({ stage: 'landed', date: '2025-05-02' });
    expect(back.statusCode).toBe(422);
    expect(back.json().errors[0].field).toBe('stage');
    const early = await stage({ stage: 'completed', date: '2025-04-30' });
    expect(early.json().errors[0].field).toBe('date');
    const future = await stage({ stage: 'completed', date: '2999-01-01' });
    expect(future.json().errors[0].field).toBe('date');
    const same = await stage({ stage: 'started', date: '2025-05-03' });
    expect(same.statusCode).toBe(422);
    const noReason = await stage({ stage: 'dropped', date: '2025-06-01' });
    expect(noReason.json().errors[0].field).toBe('reason');

    const dropped = await stage({ stage: 'dropped', date: '2025-06-01', reason: '企业资金链断裂' });
    expect(dropped.json()).toMatchObject({ stage: 'dropped', droppedReason: '企业资金链断裂', signedOn: '2025-03-15' });
    expect((await stage({ stage: 'operating', date: today() })).statusCode).toBe(422);

    const hist = (await staff.get(`${P}/projects/${p.id}/history`)).json().items;
    expect(
      hist.map((e: { fromStage: string; toStage: string; happenedOn: string }) => [
        e.fromStage,
        e.toStage,
        e.happenedOn,
      ]),
    ).toEqual([
      [null, 'negotiating', '2025-01-02'],
      ['negotiating', 'signed', '2025-03-15'],
      ['signed', 'started', '2025-05-01'],
      ['started', 'dropped', '2025-06-01'],
    ]);
    expect(hist[3].reason).toBe('企业资金链断裂');
  });

  it('filters the list by stage, channel, department, agency, signing period and text', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = (await admin.post('/api/v1/departments', { name: '经济合作局' })).json();
    const ag = (await admin.post('/api/v1/departments', { name: '某招商公司', kind: 'agency' })).json();
    await admin.post(
      `${P}/projects`,
      project('L-1', { stage: 'signed', stageOn: '2025-02-01', channel: 'agency', referrerDepartmentId: ag.id }),
    );
    await admin.post(
      `${P}/projects`,
      project('L-2', { stage: 'signed', stageOn: '2025-08-01', responsibleDepartmentId: dep.id, totalInvestment: '5' }),
    );
    await admin.post(`${P}/projects`, project('L-3', { name: '新能源电池', channel: 'chain' }));
    const codes = async (q: string) =>
      (await admin.get(`${P}/projects?${q}`)).json().items.map((p: { code: string }) => p.code);
    expect(await codes('stage=signed')).toEqual(['L-1', 'L-2']);
    expect(await codes('channel=chain')).toEqual(['L-3']);
    expect(await codes(`departmentId=${dep.id}`)).toEqual(['L-2']);
    expect(await codes(`agencyId=${ag.id}`)).toEqual(['L-1']);
    expect(await codes('signedFrom=2025-01-01&signedTo=2025-06-30')).toEqual(['L-1']);
    expect(await codes(`q=${encodeURIComponent('电池')}`)).toEqual(['L-3']);
    expect(await codes('sort=totalInvestment&pageSize=2')).toEqual(['L-1', 'L-3']);
    const all = (await admin.get(`${P}/projects`)).json();
    expect(all.totalInvestment).toBe('200000005.00');
    // The totals hold on every page, a page past the end included.
    const second = (await admin.get(`${P}/projects?sort=code&pageSize=2&page=2`)).json();
    expect([second.items.map((p: { code: string }) => p.code), second.total]).toEqual([['L-3'], 3]);
    const past = (await admin.get(`${P}/projects?pageSize=2&page=9`)).json();
    expect([past.items, past.total, past.totalInvestment]).toEqual([[], 3, '200000005.00']);
    const companies = (await admin.get(`${P}/companies?pageSize=1&page=99`)).json();
    expect(companies.items).toEqual([]);
    expect(companies.total).toBeGreaterThan(0);
    const bad = await admin.get(`${P}/projects?stage=nope&signedFrom=2025-13-01`);
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['signedFrom', 'stage']);
  });

  it('warns when the company already has a project, and refuses another zone`s references', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const first = (await admin.post(`${P}/projects`, project('W-1'))).json();
    const second = (
      await admin.post(`${P}/projects`, project('W-2', { companyId: first.company.id, companyName: undefined }))
    ).json();
    expect(second.warnings).toMatchObject([{ code: 'company_has_project', records: [{ id: first.id }] }]);
    expect(second.warnings[0].message).toContain('已有 1 个招商项目');
    const other = await makeZone(h);
    const otherAdmin = await other.as(['admin']);
    const dep = (await otherAdmin.post('/api/v1/departments', { name: '别区部门' })).json();
    const before = await snapshot(h.database);
    const r1 = await admin.post(`${P}/projects`, project('W-3', { responsibleDepartmentId: dep.id }));
    expect(r1.json().errors[0].field).toBe('responsibleDepartmentId');
    const r2 = await otherAdmin.post(
      `${P}/projects`,
      project('W-4', { companyId: first.company.id, companyName: undefined }),
    );
    expect(r2.json().errors[0].field).toBe('companyId');
    expect(await snapshot(h.database)).toEqual(before);
    // Another zone's project answers 404 for every verb.
    for (const [m, url, body] of [
      ['GET', `${P}/projects/${first.id}`],
      ['PATCH', `${P}/projects/${first.id}`, { version: 1, name: 'x' }],
      ['POST', `${P}/projects/${first.id}/stage`, { stage: 'signed', date: '2025-01-01' }],
      ['GET', `${P}/projects/${first.id}/history`],
      ['POST', `${P}/projects/${first.id}/foreign-capital`, { arrivedOn: '2025-01-01', amountUsd: '1' }],
      ['DELETE', `${P}/projects/${first.id}`],
    ] as const) {
      const r = await otherAdmin.request(m, url, body);
      expect([m, url, r.statusCode]).toEqual([m, url, 404]);
    }
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('records foreign capital arrivals and sums them on the project', async () => {
    const zone = await makeZone(h);
    const staff = await zone.as(['staff']);
    const p = (await staff.post(`${P}/projects`, project('F-1', { stage: 'signed', stageOn: '2025-01-01' }))).json();
    const a = await staff.post(`${P}/projects/${p.id}/foreign-capital`, {
      code: 'FX-1',
      arrivedOn: '2025-02-01',
      amountUsd: '1000000.10',
    });
    expect(a.statusCode).toBe(201);
    await staff.post(`${P}/projects/${p.id}/foreign-capital`, { arrivedOn: '2025-03-01', amountUsd: '0.20' });
    expect(
      (
        await staff.post(`${P}/projects/${p.id}/foreign-capital`, {
          code: 'FX-1',
          arrivedOn: '2025-02-01',
          amountUsd: '1',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await staff.post(`${P}/projects/${p.id}/foreign-capital`, { arrivedOn: '2025-02-01', amountUsd: '0' }))
        .statusCode,
    ).toBe(400);
    expect((await staff.get(`${P}/projects/${p.id}`)).json().foreignCapitalUtilisedUsd).toBe('1000000.30');
    const list = (await staff.get(`${P}/foreign-capital?from=2025-02-15`)).json();
    expect(list).toMatchObject({ total: 1, totalUsd: '0.20' });
    const upd = await staff.patch(`${P}/foreign-capital/${a.json().id}`, { version: 1, amountUsd: '5' });
    expect(upd.json()).toMatchObject({ amountUsd: '5.00', version: 2 });
    expect((await staff.delete(`${P}/foreign-capital/${a.json().id}`)).statusCode).toBe(204);
    expect((await staff.get(`${P}/projects/${p.id}`)).json().foreignCapitalUtilisedUsd).toBe('0.20');
  });

  it('holds a signing event: projects in talks are signed on its date, totals add up', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const a = (
      await admin.post(`${P}/projects`, project('E-1', { stageOn: '2025-01-01', totalInvestment: '200000000' }))
    ).json();
    const b = (
      await admin.post(
        `${P}/projects`,
        project('E-2', { stage: 'signed', stageOn: '2025-04-18', totalInvestment: '0.01' }),
      )
    ).json();
    const c = (await admin.post(`${P}/projects`, project('E-3', { stage: 'signed', stageOn: '2025-04-01' }))).json();
    const ev = await admin.post(`${P}/signing-events`, {
      name: '2025年春季集中签约',
      heldOn: '2025-04-18',
      place: '衡阳',
      projectIds: [a.id, b.id],
    });
    expect(ev.statusCode).toBe(201);
    expect(ev.json()).toMatchObject({ projects: 2, totalInvestment: '200000000.01', atLeast200M: 1 });
    expect((await admin.get(`${P}/projects/${a.id}`)).json()).toMatchObject({
      stage: 'signed',
      signedOn: '2025-04-18',
      signingEvent: { name: '2025年春季集中签约' },
    });
    const wrongDay = await admin.post(`${P}/signing-events/${ev.json().id}/projects`, { projectIds: [c.id] });
    expect(wrongDay.json().errors[0].field).toBe('projectIds.0');
    const out = await admin.delete(`${P}/signing-events/${ev.json().id}/projects/${b.id}`);
    expect(out.json()).toMatchObject({ projects: 1, totalInvestment: '200000000.00' });
    expect((await admin.get(`${P}/signing-events?year=2025`)).json().items).toHaveLength(1);
    expect((await admin.delete(`${P}/signing-events/${ev.json().id}`)).statusCode).toBe(409);
  });

  it('documents every investment route in the OpenAPI document, with a summary', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const ops = Object.entries(doc.paths as Record<string, Record<string, { summary?: string }>>)
      .filter(([path]) => path.startsWith('/api/v1/investment') || path.startsWith('/api/v1/reports/investment'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([m, op]) => ({ op: `${m.toUpperCase()} ${path}`, summary: op.summary })),
      );
    expect(ops.length).toBeGreaterThanOrEqual(66);
    expect(ops.filter((o) => !o.summary)).toEqual([]);
    for (const key of [
      'POST /api/v1/investment/projects/{id}/stage',
      'GET /api/v1/investment/projects/{id}/history',
      'POST /api/v1/investment/companies/{id}/merge',
      'GET /api/v1/reports/investment-summary/records',
      'POST /api/v1/investment/leads/{id}/convert',
      'PUT /api/v1/investment/projects/{id}/evaluation',
      'GET /api/v1/investment/targets',
    ]) {
      expect(ops.map((o) => o.op)).toContain(key);
    }
  });
});
