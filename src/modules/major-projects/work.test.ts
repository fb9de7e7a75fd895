import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, snapshot, useApp } from '../../test/harness.ts';
import { coordinator, importExamples, put, upload } from './test-kit.ts';

const API = '/api/v1/major-projects';

async function exampleZone(h: Parameters<typeof makeZone>[0]) {
  const zone = await makeZone(h);
  const admin = await zone.as(['admin']);
  await importExamples(admin);
  const items: { id: string; key: string }[] = (await admin.get(`${API}?year=2024`)).json().items;
  const id = Object.fromEntries(items.map((p) => [p.key, p.id]));
  return { zone, admin, id };
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 2)]);
const WEBP = Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(50, 3)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

describe.each(KINDS)('monthly reports, files and issues on %s', (kind) => {
  const h = useApp(kind);

  it('files a monthly report once, corrects it with a reason and keeps the earlier figures', async () => {
    const { zone, id } = await exampleZone(h);
    const staff = await coordinator(zone);
    const url = `${API}/${id['MP-004']}/reports`;
    const filed = await staff.post(url, { month: '2024-04', completed: '1200000.50', progress: '场地平整' });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ version: 1, dueDate: '2024-05-05', filedLate: true, openedIssueId: null });
    expect((await staff.post(url, { month: '2024-04', completed: '1' })).statusCode).toBe(409);
    expect((await staff.post(url, { month: '2099-01', completed: '1' })).statusCode).toBe(422);
    expect(
      (await staff.post(url, { month: '2024-13', completed: '1.001' }))
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['completed', 'month']);
    expect((await staff.patch(`${url}/2024-04`, { version: 1, completed: '1300000' })).statusCode).toBe(400);
    const fixed = await staff.patch(`${url}/2024-04`, {
      version: 1,
      completed: '1300000',
      problems: '施工许可待办',
      reason: '统计口径调整',
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ version: 2, completed: '1300000.00', progress: '场地平整' });
    expect(fixed.json().openedIssueId).toBeTruthy();
    expect(fixed.json().revisions).toMatchObject([{ version: 1, completed: '1200000.50', reason: '统计口径调整' }]);
    expect((await staff.patch(`${url}/2024-04`, { version: 1, completed: '1', reason: 'x' })).statusCode).toBe(409);
    expect((await staff.patch(`${url}/2024-05`, { version: 1, completed: '1', reason: 'x' })).statusCode).toBe(404);
    const list = (await staff.get(`${url}?year=2024`)).json().items;
    expect(list.map((r: { month: string }) => r.month)).toEqual(['2024-04']);
    const viewer = await zone.as(['viewer']);
    expect((await viewer.post(url, { month: '2024-05', completed: '1' })).statusCode).toBe(403);
  });

  it('lists who has not reported, with the zone’s due day', async () => {
    const { zone, admin } = await exampleZone(h);
    const staff = await zone.as(['staff']);
    const feb = (await staff.get(`${API}/missing-reports?month=2024-02&asOf=2024-03-10`)).json();
    // MP-002 (竣工) owes every month; MP-003 owes from its February start and filed; MP-004 has not started.
    expect(feb).toMatchObject({ month: '2024-02', dueDate: '2024-03-05', asOf: '2024-03-10' });
    expect(feb.items.map((i: { key: string; overdue: boolean }) => [i.key, i.overdue])).toEqual([['MP-002', true]]);
    // In January everyone who owed filed; MP-003 (started 2/26) owed nothing yet.
    const jan = (await staff.get(`${API}/missing-reports?month=2024-01&asOf=2024-02-01`)).json();
    expect(jan.items).toEqual([]);
    const settings = (await staff.get(`${API}/settings`)).json();
    expect(settings).toMatchObject({ reportDueDay: 5, version: 0 });
    expect((await put(staff, `${API}/settings`, { ...settings, reportDueDay: 15 })).statusCode).toBe(403);
    const saved = await put(admin, `${API}/settings`, { ...settings, reportDueDay: 15 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);
    expect((await put(admin, `${API}/settings`, { ...settings, reportDueDay: 10 })).statusCode).toBe(409);
    const later = (await staff.get(`${API}/missing-reports?month=2024-02&asOf=2024-03-10`)).json();
    expect(later).toMatchObject({ dueDate: '2024-03-15' });
    expect(later.items[0].overdue).toBe(false);
  });

  it('stores photos and PDFs by their bytes, refuses other types and oversized files, serves them only to who may see', async () => {
    const { zone, admin, id } = await exampleZone(h);
    const owner = await zone.as(['owner']);
    const stranger = await zone.as(['owner']);
    await put(admin, `${API}/${id['MP-003']}/owners`, { userIds: [owner.userId] });
    const url = `${API}/${id['MP-003']}/files`;
    const types: string[] = [];
    for (const [name, data] of [
      ['site.jpg', JPEG],
      ['site.png', PNG],
      ['site.webp', WEBP],
      ['plan.pdf', PDF],
    ] as const) {
      const res = await upload(
        owner,
        `${url}?month=2024-03&caption=${encodeURIComponent('桩基施工')}`,
        name,
        data,
        'image/gif',
      );
      expect(res.statusCode, res.body).toBe(201);
      types.push(res.json().contentType);
    }
    expect(types).toEqual(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
    const before = await snapshot(h.database);
    const exe = await upload(owner, url, 'photo.jpg', Buffer.from('MZ\x90\x00 this is not a photo'), 'image/jpeg');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().title).toContain('JPEG');
    expect((await upload(owner, url, 'empty.png', Buffer.alloc(0))).statusCode).toBe(400);
    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(owner, url, 'big.jpg', big)).statusCode).toBe(413);
    expect((await upload(stranger, url, 'x.jpg', JPEG)).statusCode).toBe(404);
    // Broken multipart bodies are the caller's fault on every upload route, never a 500.
    const agreement = '/api/v1/investment/agreements/00000000-0000-4000-8000-000000000000/files';
    for (const target of [url, '/api/v1/ledgers/investment-projects/import', agreement]) {
      for (const payload of [
        'co',
        '',
        '--xx\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc',
      ]) {
        const res: LightMyRequestResponse = await owner.app.inject({
          method: 'POST',
          url: target,
          headers: { cookie: admin.cookie ?? '', 'content-type': 'multipart/form-data; boundary=xx' },
          payload,
        });
        expect(res.statusCode, `${target} ${payload}`).toBe(400);
        expect(res.json().title).toMatch(/multipart|没有收到文件/);
      }
    }
    expect(await snapshot(h.database)).toEqual(before);

    const files = (await owner.get(`${url}?month=2024-03`)).json().items;
    expect(files).toHaveLength(4);
    const jpg = files.find((f: { filename: string }) => f.filename === 'site.jpg');
    const got = await owner.get(`${url}/${jpg.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.rawPayload.equals(JPEG)).toBe(true);
    expect((await stranger.get(`${url}/${jpg.id}`)).statusCode).toBe(404);
    const otherZone = await (await makeZone(h)).as(['admin']);
    expect((await otherZone.get(`${url}/${jpg.id}`)).statusCode).toBe(404);
    // A file is served only under its own project.
    expect((await admin.get(`${API}/${id['MP-001']}/files/${jpg.id}`)).statusCode).toBe(404);
    expect((await owner.delete(`${url}/${jpg.id}`)).statusCode).toBe(204);
    expect((await owner.get(`${url}/${jpg.id}`)).statusCode).toBe(404);
  });

  it('takes an issue from 交办 to 销号, each step dated and signed, refusing steps out of order', async () => {
    const { zone, admin, id } = await exampleZone(h);
    const deps = (await admin.get('/api/v1/departments')).json().items;
    const land = deps.find((d: { name: string }) => d.name === '经济发展局');
    const staff = await zone.as(['staff'], { departmentId: land.id });
    const created = await staff.post(`${API}/${id['MP-004']}/issues`, {
      description: '环评批复未下达',
      category: 'environment',
      raisedOn: '2024-09-26',
    });
    expect(created.statusCode).toBe(201);
    let issue = created.json();
    expect(issue).toMatchObject({ status: 'open', deadline: null, overdue: false });
    const step = async (body: Record<string, unknown>) => {
      const res = await staff.post(`${API}/issues/${issue.id}/steps`, { version: issue.version, ...body });
      if (res.statusCode === 200) issue = res.json();
      return res;
    };
    expect((await step({ step: 'close', on: '2024-09-27' })).statusCode).toBe(409);
    expect((await step({ step: 'assign', on: '2024-09-27' })).statusCode).toBe(400);
    expect(
      (await step({ step: 'assign', on: '2024-09-25', departmentId: land.id, deadlineWorkdays: 5 })).statusCode,
    ).toBe(422);
    // 5 working days after Fri 9/27 across 国庆: 9/29 (Sun, worked), 9/30, 10/8, 10/9, 10/10.
    expect(
      (await step({ step: 'assign', on: '2024-09-27', departmentId: land.id, deadlineWorkdays: 5, note: '限时办结' }))
        .statusCode,
    ).toBe(200);
    expect(issue).toMatchObject({
      status: 'assigned',
      assignedOn: '2024-09-27',
      deadline: '2024-10-10',
      deadlineWorkdays: 5,
    });
    expect((await staff.post(`${API}/issues/${issue.id}/steps`, { version: 1, step: 'handle' })).statusCode).toBe(409);
    expect((await step({ step: 'handle', on: '2024-09-29' })).statusCode).toBe(200);

    // Overdue the next working day, and on the leaders' list.
    const asOf = (d: string) => staff.get(`${API}/issues/escalated?asOf=${d}`);
    expect((await asOf('2024-10-10')).json().items).toHaveLength(0);
    const late = (await asOf('2024-10-14')).json().items;
    expect(late.map((i: { id: string; overdueWorkdays: number }) => [i.id, i.overdueWorkdays])).toEqual([
      [issue.id, 3],
    ]);
    const leader = await zone.as(['leader']);
    expect((await leader.get(`${API}/issues/escalated?asOf=2024-10-14`)).json().total).toBe(1);
    expect(
      (await leader.post(`${API}/issues/${issue.id}/steps`, { version: issue.version, step: 'respond', note: 'x' }))
        .statusCode,
    ).toBe(403);

    expect((await step({ step: 'respond', on: '2024-10-15' })).statusCode).toBe(400);
    expect((await step({ step: 'respond', on: '2024-10-15', note: '已协调省厅，批复待出' })).statusCode).toBe(200);
    expect((await step({ step: 'review', on: '2024-10-16', passed: false })).statusCode).toBe(400);
    expect((await step({ step: 'review', on: '2024-10-16', passed: false, note: '批复尚未取得' })).statusCode).toBe(
      200,
    );
    expect(issue.status).toBe('handling');
    await step({ step: 'respond', on: '2024-10-21', note: '环评批复已下达' });
    await step({ step: 'review', on: '2024-10-22', passed: true });
    expect((await step({ step: 'close', on: '2024-10-23' })).statusCode).toBe(200);
    expect(issue).toMatchObject({
      status: 'closed',
      closedOn: '2024-10-23',
      resolution: '环评批复已下达',
      overdue: false,
    });
    const detail = (await staff.get(`${API}/issues/${issue.id}`)).json();
    expect(detail.steps.map((s: { step: string; onDate: string }) => `${s.step} ${s.onDate}`)).toEqual([
      'raise 2024-09-26',
      'assign 2024-09-27',
      'handle 2024-09-29',
      'respond 2024-10-15',
      'review_reject 2024-10-16',
      'respond 2024-10-21',
      'review_pass 2024-10-22',
      'close 2024-10-23',
    ]);
    expect(new Set(detail.steps.map((s: { actorName: string }) => s.actorName)).size).toBe(1);
    expect((await asOf('2024-10-24')).json().items).toHaveLength(0);
  });

  it('escalates newly overdue issues to the leaders once', async () => {
    const { zone, id } = await exampleZone(h);
    const staff = await coordinator(zone);
    const deps = (await staff.get('/api/v1/departments')).json().items;
    const i = (
      await staff.post(`${API}/${id['MP-002']}/issues`, {
        description: '电力增容',
        category: 'utilities',
        raisedOn: '2025-03-03',
      })
    ).json();
    await staff.post(`${API}/issues/${i.id}/steps`, {
      version: 1,
      step: 'assign',
      on: '2025-03-03',
      departmentId: deps[0].id,
      deadlineWorkdays: 10,
    });
    // The report-opened MP-003 issue was never assigned: it has no deadline and is not overdue.
    expect((await staff.post(`${API}/issues/escalate`, {})).json().escalated).toBe(1);
    expect((await staff.post(`${API}/issues/escalate`, {})).json().escalated).toBe(0);
    const detail = (await staff.get(`${API}/issues/${i.id}`)).json();
    expect(detail.escalatedOn).not.toBeNull();
    expect(detail.steps.at(-1).step).toBe('escalate');
    expect(detail.deadline).toBe('2025-03-17');
  });
});
