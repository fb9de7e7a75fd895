import net from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tokenHash } from '../modules/auth/service.ts';
import { KINDS, makeZone, useApp } from '../test/harness.ts';
import { asSystem, readOnly, SessionEnded } from './tx.ts';

describe.each(KINDS)('read-only requests on %s', (kind) => {
  const h = useApp(kind);

  it('walls every statement of many reads at once to its own zone', async () => {
    const zones = [await makeZone(h), await makeZone(h)];
    // Zone i gets i + 1 departments, so a count tells the zones apart as well as the setting does.
    for (const [i, z] of zones.entries()) {
      const admin = await z.as(['admin']);
      for (let d = 0; d <= i; d++) {
        expect((await admin.post('/api/v1/departments', { name: `部门${d}` })).statusCode).toBe(201);
      }
    }
    const reads = Array.from({ length: 60 }, (_, n) => {
      const i = n % 2;
      return readOnly(h.database, { zoneId: zones[i].id }, async (tx) => {
        const seen: unknown[] = [];
        // Parameterised (prepared on the embedded database) and plain statements, one after another.
        for (let k = 0; k < 3; k++) {
          const a = await tx.client.query<{ zone: string; n: number }>(
            `SELECT current_setting('app.zone_id') AS zone, count(*)::int AS n FROM departments WHERE name <> $1`,
            ['-'],
          );
          const b = await tx.client.query<{ zones: number }>(
            'SELECT count(DISTINCT zone_id)::int AS zones FROM departments',
          );
          seen.push([a.rows[0].zone, a.rows[0].n, b.rows[0].zones]);
        }
        return { i, seen };
      });
    });
    for (const { i, seen } of await Promise.all(reads)) {
      for (const s of seen) expect(s).toEqual([zones[i].id, i + 1, 1]);
    }
  });

  it('leaves nothing behind on the connection: the next statement outside a read sees no zone', async () => {
    const z = await makeZone(h);
    await readOnly(h.database, { zoneId: z.id }, (tx) => tx.client.query('SELECT 1'));
    const client = await h.database.pool.connect();
    try {
      const { rows } = await client.query(
        `SELECT coalesce(current_setting('app.zone_id', true), '') AS zone, current_setting('transaction_read_only') AS ro`,
      );
      expect(rows[0]).toEqual({ zone: '', ro: 'off' });
    } finally {
      client.release();
    }
  });

  it('refuses a write inside a read, and writes nothing', async () => {
    const z = await makeZone(h);
    const count = () =>
      asSystem(
        h.database,
        async (tx) => (await tx.client.query('SELECT count(*)::int AS n FROM departments')).rows[0].n,
      );
    const before = await count();
    const write = readOnly(h.database, { zoneId: z.id }, (tx) =>
      tx.client.query(`INSERT INTO departments (zone_id, name) VALUES ($1, '不该写入')`, [z.id]),
    );
    await expect(write).rejects.toMatchObject({ code: '25006' });
    expect(await count()).toBe(before);
  });

  it('refuses a read for a session that has ended, and serves a live one', async () => {
    const z = await makeZone(h);
    const staff = await z.as(['staff']);
    const live = tokenHash((staff.cookie ?? '').replace(/^gaoxin_session=/, ''));
    const seven = (sessionHash: string) =>
      readOnly(h.database, { zoneId: z.id }, async (tx) => (await tx.client.query('SELECT 7 AS n')).rows[0].n, {
        sessionHash,
      });
    expect(await seven(live)).toBe(7);
    await expect(seven('ab'.repeat(32))).rejects.toBeInstanceOf(SessionEnded);
    expect((await staff.post('/api/v1/auth/logout')).statusCode).toBeLessThan(300);
    await expect(seven(live)).rejects.toBeInstanceOf(SessionEnded);
    // Through Drizzle too, which wraps the driver's errors.
    await expect(
      readOnly(h.database, { zoneId: z.id }, (tx) => tx.db.execute(sql`SELECT 1`), { sessionHash: live }),
    ).rejects.toBeInstanceOf(SessionEnded);
  });

  it('prepares its settings and session check once a connection, whatever the zone or session', async () => {
    const zones = [await makeZone(h), await makeZone(h)];
    const hashes: string[] = [];
    for (const z of zones) {
      const u = await z.as(['staff']);
      hashes.push(tokenHash((u.cookie ?? '').replace(/^gaoxin_session=/, '')));
    }
    const reads = Array.from({ length: 12 }, (_, n) =>
      readOnly(
        h.database,
        { zoneId: zones[n % 2].id },
        async (tx) =>
          (
            await tx.client.query<{ name: string; statement: string }>(
              `SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'gxctx_%' ORDER BY statement LIKE '%FROM sessions%' DESC`,
            )
          ).rows,
        { sessionHash: hashes[n % 2] },
      ),
    );
    for (const prepared of await Promise.all(reads)) {
      // Two statements on every connection: the values (zone, session) are parameters, not text.
      expect(prepared).toHaveLength(2);
      expect(prepared[0].statement).toMatch(/^PREPARE gxctx_\w+ \(text\) AS SELECT EXISTS \(SELECT 1 FROM sessions/);
      expect(prepared[1].statement).toMatch(/set_config\('app\.zone_id', \$\d, true\)/);
    }
  });

  it('reports a statement error and serves the next read on the same connections', async () => {
    const z = await makeZone(h);
    const bad = 'SELECT $1::int AS n';
    for (let k = 0; k < 6; k++) {
      await expect(readOnly(h.database, { zoneId: z.id }, (tx) => tx.client.query(bad, ['x']))).rejects.toThrow(
        /integer/,
      );
      const { rows } = await readOnly(h.database, { zoneId: z.id }, (tx) => tx.client.query(bad, [String(k)]));
      expect(rows[0].n).toBe(k);
    }
  });

  if (kind === 'pglite') {
    it('keeps the one embedded session for a connection until its pipeline ends, however it arrives', async () => {
      const host = (h.database.pool as unknown as { options: { host: string } }).options.host;
      const a = await rawConnection(path.join(host, '.s.PGSQL.5432'));
      try {
        // Half a pipeline: the settings ran, the Sync that ends their implicit transaction has not come.
        a.write(Buffer.concat(extended("SELECT set_config('app.zone_id', 'zone-of-a', true)")));
        await new Promise((r) => setTimeout(r, 50));
        let bDone = false;
        const b = h.database.pool
          .query<{ zone: string }>(`SELECT coalesce(current_setting('app.zone_id', true), '') AS zone`)
          .then((r) => {
            bDone = true;
            return r.rows[0].zone;
          });
        await new Promise((r) => setTimeout(r, 100));
        // Another connection's statement waits: run now, it would see connection a's zone.
        expect(bDone).toBe(false);
        a.write(Buffer.concat([...extended('SELECT 1'), message('S', Buffer.alloc(0))]));
        expect(await b).toBe('');
        await a.idle();
      } finally {
        a.end();
      }
    });

    it('rolls back what a connection left open when it goes away, and keeps serving the others', async () => {
      const z = await makeZone(h);
      const client = await h.database.pool.connect();
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.zone_id', $1, true)`, [z.id]);
      // Gone mid-transaction: the one session must not stay inside its transaction.
      client.release(true);
      const { rows } = await h.database.pool.query(
        `SELECT coalesce(current_setting('app.zone_id', true), '') AS zone, now() = statement_timestamp() AS fresh`,
      );
      expect(rows[0]).toEqual({ zone: '', fresh: true });
    });
  }
});

/** A wire-protocol message. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = type.charCodeAt(0);
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

const cstring = (s: string) => Buffer.concat([Buffer.from(s), Buffer.from([0])]);

/** Parse, Bind and Execute of an unnamed statement without parameters (no Sync). */
const extended = (text: string) => [
  message('P', Buffer.concat([cstring(''), cstring(text), Buffer.from([0, 0])])),
  message('B', Buffer.concat([cstring(''), cstring(''), Buffer.from([0, 0, 0, 0, 0, 0])])),
  message('E', Buffer.concat([cstring(''), Buffer.from([0, 0, 0, 0])])),
];

/** A connection speaking the wire protocol by hand, so a pipeline can be sent in pieces. */
async function rawConnection(socketPath: string) {
  const socket = net.connect(socketPath);
  let seen = Buffer.alloc(0);
  let waiting: (() => void) | null = null;
  socket.on('data', (d) => {
    seen = Buffer.concat([seen, d]);
    waiting?.();
  });
  /** Waits for the backend to report ReadyForQuery 'I'. */
  const idle = () =>
    new Promise<void>((resolve) => {
      const look = () => {
        const z = seen.lastIndexOf(Buffer.from([0x5a, 0, 0, 0, 5]));
        if (z >= 0 && seen[z + 5] === 0x49) {
          seen = Buffer.alloc(0);
          waiting = null;
          resolve();
        }
      };
      waiting = look;
      look();
    });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const params = Buffer.concat([
    cstring('user'),
    cstring('postgres'),
    cstring('database'),
    cstring('postgres'),
    Buffer.from([0]),
  ]);
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + params.length, 0);
  startup.writeInt32BE(196608, 4);
  socket.write(Buffer.concat([startup, params]));
  await idle();
  return { write: (b: Buffer) => socket.write(b), idle, end: () => socket.end() };
}
