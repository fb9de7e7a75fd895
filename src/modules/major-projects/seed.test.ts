import { describe, expect, it } from 'vitest';
import { inZone } from '../../db/tx.ts';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, seedDemo } from '../../seed/demo.ts';
import { seedMajorProjects } from '../../seed/major-projects.ts';
import { Client, KINDS, makeZone, useApp } from '../../test/harness.ts';
import { cliActor } from '../auth/actor.ts';
import { summary } from './report-summary.ts';
import { supervise } from './supervision.ts';

const API = '/api/v1/major-projects';

describe.each(KINDS)('the demo zone’s major projects on %s', (kind) => {
  const h = useApp(kind);

  it('seeds 40 projects on three lists with reports through 2026-10, issues in every state, a few red and yellow', async () => {
    const { zoneId } = await seedDemo(h.database);
    const leader = new Client(h.app);
    expect((await leader.post('/api/v1/auth/login', { username: 'leader', password: DEMO_PASSWORD })).statusCode).toBe(
      200,
    );
    const d = (await leader.get(`${API}/dashboard?year=2026&through=2026-10&asOf=2026-11-25`)).json();
    expect(d).toMatchObject({
      projects: 40,
      byLevel: { province: { projects: 6 }, city: { projects: 20 }, zone: { projects: 40 } },
      newStarts: { planned: 11, started: 10 },
      reportsMissing: 3,
    });
    expect(d.trend).toHaveLength(10);
    expect(d.supervision.counts.red).toBeGreaterThanOrEqual(3);
    expect(d.supervision.counts.yellow).toBeGreaterThanOrEqual(3);
    expect(d.supervision.counts.green).toBeGreaterThan(25);
    const rules = new Set(d.flagged.flatMap((f: { reasons: { rule: string }[] }) => f.reasons.map((r) => r.rule)));
    expect(rules).toEqual(new Set(['lag', 'missing', 'overdue', 'lateMilestone']));
    const issues = (await leader.get(`${API}/issues?asOf=2026-11-25`)).json().items;
    expect(new Set(issues.map((i: { status: string }) => i.status))).toEqual(
      new Set(['open', 'assigned', 'handling', 'responded', 'reviewed', 'closed']),
    );
    expect((await leader.get(`${API}/issues/escalated?asOf=2026-11-25`)).json().total).toBe(2);
    const owner = new Client(h.app);
    await owner.post('/api/v1/auth/login', { username: 'owner', password: DEMO_PASSWORD });
    expect((await owner.get(`${API}?year=2026`)).json().total).toBe(3);

    // The same seed gives the same figures in another zone with the same departments.
    const other = await makeZone(h);
    const admin = await other.as(['admin']);
    for (const dep of DEMO_DEPARTMENTS) await admin.post('/api/v1/departments', { name: dep.name, kind: dep.kind });
    await inZone(h.database, other.id, (tx) => seedMajorProjects(tx, cliActor(other.id)));
    const again = { zoneId: other.id };
    const figures = async (id: string) =>
      inZone(h.database, id, async (tx) => ({
        summary: { ...(await summary(tx, { id, code: '', name: '' }, { year: 2026, through: '2026-10' })) },
        colours: (await supervise(tx, id, { year: 2026, asOf: '2026-11-25' })).items.map((i) => [i.key, i.colour]),
      }));
    expect(await figures(again.zoneId)).toEqual(await figures(zoneId));
  });
});
