import { describe, expect, it } from 'vitest';
import { KINDS, makeZone, useApp } from '../../test/harness.ts';
import { escalateAllZones, scheduleEscalation } from './escalation-schedule.ts';
import { coordinator, importExamples } from './test-kit.ts';

const API = '/api/v1/major-projects';

describe.each(KINDS)('scheduled escalation on %s', (kind) => {
  const h = useApp(kind);

  async function zoneWithOverdueIssue() {
    const zone = await makeZone(h);
    const staff = await coordinator(zone);
    await importExamples(staff);
    const items: { id: string; key: string }[] = (await staff.get(`${API}?year=2024`)).json().items;
    const project = items.find((p) => p.key === 'MP-002')?.id;
    const deps = (await staff.get('/api/v1/departments')).json().items;
    const issue = (
      await staff.post(`${API}/${project}/issues`, {
        description: '电力增容',
        category: 'utilities',
        raisedOn: '2025-03-03',
      })
    ).json();
    const assigned = await staff.post(`${API}/issues/${issue.id}/steps`, {
      version: issue.version,
      step: 'assign',
      on: '2025-03-03',
      departmentId: deps[0].id,
      deadlineWorkdays: 10,
    });
    expect(assigned.statusCode).toBe(200);
    return { staff, issueId: issue.id as string };
  }

  it('puts every zone’s newly overdue issues on the leaders’ list by itself, once, signed by the system', async () => {
    const a = await zoneWithOverdueIssue();
    const b = await zoneWithOverdueIssue();
    const logged: object[] = [];
    const stop = scheduleEscalation(
      h.database,
      { info: (o) => logged.push(o), error: (o) => logged.push({ error: o }) },
      { everyMs: 60_000, firstAfterMs: 0 },
    );
    try {
      for (let i = 0; i < 100; i++) {
        const done = await Promise.all(
          [a, b].map(async (z) => (await z.staff.get(`${API}/issues/${z.issueId}`)).json().escalatedOn),
        );
        if (done.every(Boolean)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      stop();
    }
    for (const z of [a, b]) {
      const issue = (await z.staff.get(`${API}/issues/${z.issueId}`)).json();
      expect(issue.escalatedOn).not.toBeNull();
      expect(issue.steps.at(-1)).toMatchObject({ step: 'escalate', actorName: '系统定时督办' });
      const leaders = (await z.staff.get(`${API}/issues/escalated`)).json();
      expect(leaders.items.map((i: { id: string }) => i.id)).toContain(z.issueId);
    }
    expect(logged.some((o) => 'error' in o)).toBe(false);
    // Run again: nothing is newly overdue, nothing changes.
    const again = await escalateAllZones(h.database);
    expect(again.reduce((n, r) => n + r.escalated, 0)).toBe(0);
  });
});
