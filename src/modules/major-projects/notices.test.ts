import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, useApp } from '../../test/harness.ts';

const API = '/api/v1/major-projects';

describe.each(KINDS)('supervision notices on %s', (kind) => {
  const h = useApp(kind);

  it('a notice without a reply-by date is sent, listed and answered, never overdue', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = (await admin.post('/api/v1/departments', { name: '经济发展局' })).json();
    const sent = await admin.post(`${API}/notices`, {
      departmentId: dep.id,
      title: '关于加快项目进度的督办通知',
      content: '请加快进度。',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'sent', replyBy: null, overdue: false, projectId: null });
    const list = await admin.get(`${API}/notices`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((n: { overdue: boolean }) => n.overdue)).toEqual([false]);
    const answered = await admin.post(`${API}/notices/${sent.json().id}/answer`, { version: 1, answer: '已部署' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', overdue: false });
  });
});
