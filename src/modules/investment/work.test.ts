import { describe, expect, it } from 'vitest';
import { type Client, KINDS, makeZone, useApp } from '../../test/harness.ts';
import { paybackYear } from './evaluation.ts';

const P = '/api/v1/investment';

describe('payback year', () => {
  it('is the first year from which the cumulative balance stays non-negative', () => {
    expect(paybackYear(['-1', '0.00', '5'])).toBe(2);
    expect(paybackYear(['1', '-0.01', '3'])).toBe(3);
    expect(paybackYear(['-5', '-1'])).toBeNull();
    expect(paybackYear(['0'])).toBe(1);
  });
});

describe.each(KINDS)('targets, agencies, evaluations and commitments on %s', (kind) => {
  const h = useApp(kind);

  async function project(c: Client, code: string, extra: Record<string, unknown>) {
    const r = await c.post(`${P}/projects`, {
      code,
      name: `项目${code}`,
      companyName: `企业${code}`,
      channel: 'department',
      totalInvestment: '100000000',
      ...extra,
    });
    expect(r.statusCode).toBe(201);
    return r.json();
  }

  it('computes target progress from the records, completion rates and a ranking', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = async (name: string, k = 'internal') =>
      (await admin.post('/api/v1/departments', { name, kind: k })).json().id;
    const kjj = await dep('科技局');
    const other = await dep('审批服务部');
    const ag = await dep('深圳鹏程招商咨询有限公司', 'agency');
    const staff = await zone.as(['staff'], { departmentId: kjj });
    await staff.post(`${P}/leads`, {
      companyName: '线索企业一',
      title: '意向一',
      channel: 'department',
      receivedOn: '2025-02-01',
    });
    await staff.post(`${P}/leads`, {
      companyName: '线索企业二',
      title: '意向二',
      channel: 'department',
      receivedOn: '2024-12-31',
    });
    const p1 = await project(admin, 'T-1', {
      referrerDepartmentId: kjj,
      stage: 'signed',
      stageOn: '2025-03-01',
      totalInvestment: '300000000',
    });
    await admin.post(`${P}/projects/${p1.id}/stage`, { stage: 'landed', date: '2025-05-01' });
    const p2 = await project(admin, 'T-2', {
      responsibleDepartmentId: kjj,
      stage: 'signed',
      stageOn: '2025-06-01',
      totalInvestment: '200000000',
    });
    await admin.post(`${P}/projects/${p2.id}/stage`, { stage: 'dropped', date: '2025-08-01', reason: '企业战略调整' });
    // Brought by another unit: credited to it even though 科技局 is responsible.
    await project(admin, 'T-3', {
      referrerDepartmentId: other,
      responsibleDepartmentId: kjj,
      stage: 'signed',
      stageOn: '2025-06-02',
    });
    await admin.post(`${P}/projects/${p1.id}/foreign-capital`, { arrivedOn: '2025-07-01', amountUsd: '600000' });
    await admin.post(`${P}/projects/${p1.id}/foreign-capital`, { arrivedOn: '2024-12-31', amountUsd: '100' });

    const t1 = await admin.post(`${P}/targets`, {
      year: 2025,
      departmentId: kjj,
      leads: 2,
      signedProjects: 2,
      signedInvestment: '500000000',
      landedProjects: 1,
      foreignCapitalUsd: '1000000',
    });
    expect(t1.statusCode).toBe(201);
    expect(t1.json()).toMatchObject({
      leads: { target: 2, actual: 1, rate: 0.5 },
      signedProjects: { target: 2, actual: 2, rate: 1 },
      signedInvestment: { target: '500000000.00', actual: '500000000.00', rate: 1 },
      landedProjects: { target: 1, actual: 1, rate: 1 },
      foreignCapitalUsd: { target: '1000000.00', actual: '600000.00', rate: 0.6 },
    });
    expect(t1.json().completionRate).toBeCloseTo(0.82, 12);
    await admin.post(`${P}/targets`, { year: 2025, departmentId: ag, signedProjects: 1 });
    await admin.post(`${P}/targets`, { year: 2025, departmentId: other, signedProjects: 2, leads: 0 });
    expect((await admin.post(`${P}/targets`, { year: 2025, departmentId: kjj })).statusCode).toBe(409);
    const list = (await staff.get(`${P}/targets?year=2025`)).json().items;
    expect(
      list.map((t: { department: { name: string }; rank: number; completionRate: number }) => [
        t.department.name,
        t.rank,
        t.completionRate,
      ]),
    ).toEqual([
      ['科技局', 1, t1.json().completionRate],
      ['审批服务部', 2, 0.5],
      ['深圳鹏程招商咨询有限公司', 3, 0],
    ]);
    // Progress follows the records: a new signing moves it, never a typed number.
    await project(admin, 'T-4', { referrerDepartmentId: ag, stage: 'signed', stageOn: '2025-09-09' });
    const again = (await admin.get(`${P}/targets?year=2025`)).json().items;
    expect(again.find((t: { department: { id: string } }) => t.department.id === ag)).toMatchObject({
      rank: 1,
      completionRate: 1,
    });
    const agency = await zone.as(['agency'], { departmentId: ag });
    expect(
      (await agency.get(`${P}/targets?year=2025`))
        .json()
        .items.map((t: { department: { id: string } }) => t.department.id),
    ).toEqual([ag]);
    expect((await agency.post(`${P}/targets`, { year: 2026, departmentId: ag })).statusCode).toBe(403);
  });

  it('tracks an agency`s contract and quota from its landed projects', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const ag = (await admin.post('/api/v1/departments', { name: '深圳鹏程招商咨询有限公司', kind: 'agency' })).json()
      .id;
    const bureau = (await admin.post('/api/v1/departments', { name: '经济合作局' })).json().id;
    const set = await admin.request('PUT', `${P}/agencies/${ag}?year=2025`, {
      contractStart: '2025-01-01',
      contractEnd: '2027-12-31',
      yearlyQuota: '4000000000',
      contactPerson: '陈经理',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ yearlyQuota: '4000000000.00', version: 1, landedProjects: 0, quotaRate: 0 });
    expect((await admin.request('PUT', `${P}/agencies/${ag}`, { yearlyQuota: '1' })).statusCode).toBe(409);
    expect((await admin.request('PUT', `${P}/agencies/${bureau}`, { yearlyQuota: '1' })).json().errors[0].field).toBe(
      'departmentId',
    );
    const a = await project(admin, 'Q-1', {
      referrerDepartmentId: ag,
      stage: 'signed',
      stageOn: '2025-02-01',
      fixedAssetInvestment: '1000000000',
    });
    await admin.post(`${P}/projects/${a.id}/stage`, { stage: 'started', date: '2025-04-01' });
    const b = await project(admin, 'Q-2', {
      referrerDepartmentId: ag,
      stage: 'signed',
      stageOn: '2025-02-01',
      totalInvestment: '200000000',
    });
    await admin.post(`${P}/projects/${b.id}/stage`, { stage: 'landed', date: '2025-10-01' });
    const c = await project(admin, 'Q-3', {
      referrerDepartmentId: ag,
      stage: 'signed',
      stageOn: '2024-02-01',
      totalInvestment: '999',
    });
    await admin.post(`${P}/projects/${c.id}/stage`, { stage: 'landed', date: '2024-10-01' });
    const agency = await zone.as(['agency'], { departmentId: ag });
    const mine = (await agency.get(`${P}/agencies?year=2025`)).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      department: { id: ag },
      landedProjects: 2,
      landedInvestment: '1200000000.00',
      quotaRate: 0.3,
      projects: 3,
      contactPerson: '陈经理',
    });
    expect((await agency.request('PUT', `${P}/agencies/${ag}`, { version: 1, yearlyQuota: '1' })).statusCode).toBe(403);
  });

  it('balances tax against incentives in exact decimals, with payback year and per-mu figures', async () => {
    const zone = await makeZone(h);
    const staff = await zone.as(['staff']);
    const p = await project(staff, 'V-1', {});
    expect((await staff.get(`${P}/projects/${p.id}/evaluation`)).statusCode).toBe(404);
    const years = [
      { output: '10000000.10', tax: '300000.05', incentives: '2000000' },
      { output: '50000000', tax: '1500000.33', incentives: '500000' },
      { output: '80000000', tax: '2400000', incentives: '0' },
      { output: '60000000', tax: '1000000', incentives: '3000000' },
      { output: '30000000', tax: '400000', incentives: '0' },
    ];
    const saved = await staff.request('PUT', `${P}/projects/${p.id}/evaluation`, {
      firstYear: 2026,
      landAreaMu: '50',
      recommendation: '建议引进',
      decision: 'approve',
      decidedBy: '党工委会议',
      decidedOn: '2025-12-01',
      years,
    });
    expect(saved.statusCode).toBe(200);
    const ev = saved.json();
    expect(ev.years.map((y: { cumulativeBalance: string }) => y.cumulativeBalance)).toEqual([
      '-1699999.95',
      '-699999.62',
      '1700000.38',
      '-299999.62',
      '100000.38',
    ]);
    expect(ev.years[1]).toMatchObject({
      cumulativeTax: '1800000.38',
      balance: '1000000.33',
      taxPerMu: '30000.01',
      calendarYear: 2027,
    });
    expect(ev.years[0]).toMatchObject({ outputPerMu: '200000.00', taxPerMu: '6000.00' });
    expect(ev).toMatchObject({
      totals: { output: '230000000.10', tax: '5600000.38', incentives: '5500000.00', balance: '100000.38' },
      paybackYear: 5,
      paybackCalendarYear: 2030,
      outputPerMu: '920000.00',
      taxPerMu: '22400.00',
      decision: 'approve',
      version: 1,
    });
    const stale = await staff.request('PUT', `${P}/projects/${p.id}/evaluation`, {
      landAreaMu: '50',
      years: [{ tax: '1' }],
    });
    expect(stale.statusCode).toBe(409);
    const short = await staff.request('PUT', `${P}/projects/${p.id}/evaluation`, {
      version: 1,
      landAreaMu: '10',
      years: [{ tax: '1', incentives: '2' }],
    });
    expect(short.json()).toMatchObject({
      paybackYear: null,
      totals: { balance: '-1.00' },
      taxPerMu: '0.10',
      version: 2,
    });
    const bad = await staff.request('PUT', `${P}/projects/${p.id}/evaluation`, {
      version: 2,
      landAreaMu: '0',
      years: [],
    });
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['landAreaMu', 'years']);
  });

  it('flags commitment shortfalls on the project and in a list', async () => {
    const zone = await makeZone(h);
    const staff = await zone.as(['staff']);
    const p = await project(staff, 'D-1', { stage: 'signed', stageOn: '2024-01-01' });
    const add = (body: Record<string, unknown>) => staff.post(`${P}/projects/${p.id}/commitments`, body);
    const tax = await add({ metric: 'tax', year: 2025, target: '10000000', actual: '8000000.01' });
    expect(tax.json()).toMatchObject({ status: 'shortfall', shortfall: '1999999.99', currency: 'CNY' });
    expect((await add({ metric: 'output', year: 2025, target: '100000000', actual: '100000000' })).json().status).toBe(
      'met',
    );
    expect((await add({ metric: 'foreign_capital', year: 2025, target: '10000000' })).json()).toMatchObject({
      status: 'missing',
      currency: 'USD',
    });
    expect((await add({ metric: 'retail_sales', year: 2099, target: '6000000000' })).json().status).toBe('pending');
    expect((await add({ metric: 'tax', year: 2025, target: '1' })).statusCode).toBe(409);
    expect((await staff.get(`${P}/projects/${p.id}`)).json().commitmentShortfalls).toBe(1);
    const shortfalls = (await staff.get(`${P}/commitments?status=shortfall`)).json();
    expect(shortfalls).toMatchObject({ total: 1, items: [{ metric: 'tax', project: { code: 'D-1' } }] });
    const fixed = await staff.patch(`${P}/commitments/${tax.json().id}`, { version: 1, actual: '10000000' });
    expect(fixed.json()).toMatchObject({ status: 'met', shortfall: null });
    expect((await staff.get(`${P}/commitments?status=shortfall`)).json().total).toBe(0);
    expect((await staff.get(`${P}/projects/${p.id}/commitments`)).json().total).toBe(4);
  });
});
