import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { asSystem } from '../../db/tx.ts';
import { Client, type Harness, KINDS, makeZone, PASSWORD, snapshot, useApp } from '../../test/harness.ts';
import { forgetTokenNow } from './session-cache.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const tokenOf = (c: Client) => (c.cookie ?? '').replace(/^gaoxin_session=/, '');

async function sessionCount(h: Harness, userId: string): Promise<number> {
  return asSystem(h.database, async (tx) => {
    const { rows } = await tx.client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1',
      [userId],
    );
    return rows[0].n;
  });
}

/** A request with full control of the headers (content type, origin), carrying `c`'s session. */
function raw(
  h: Harness,
  c: Client | null,
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  headers: Record<string, string>,
  payload?: string,
) {
  return h.app.inject({ method, url, payload, headers: { ...headers, ...(c?.cookie ? { cookie: c.cookie } : {}) } });
}

describe.each(KINDS)('auth on %s', (kind) => {
  const h = useApp(kind);

  it('logs in with an HttpOnly, SameSite=Lax session cookie and stores only its SHA-256 hash', async () => {
    const zone = await makeZone(h);
    const user = await zone.as(['staff']);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user.username, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { username: user.username }, roles: ['staff'], zone: { id: zone.id } });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^gaoxin_session=/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\/(;|$)/);
    const token = res.cookies.find((c) => c.name === 'gaoxin_session')?.value ?? '';
    expect(token.length).toBeGreaterThanOrEqual(40);

    const stored = await asSystem(h.database, async (tx) => {
      const { rows } = await tx.client.query<{ token_hash: string }>(
        'SELECT token_hash FROM sessions WHERE user_id = $1',
        [user.userId],
      );
      return rows.map((r) => r.token_hash);
    });
    expect(stored).toContain(sha256(token));
    expect(stored).not.toContain(token);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s))).toBe(true);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const zone = await makeZone(h);
    const user = await zone.as(['staff']);
    for (const lang of ['zh-CN', 'en']) {
      const login = (username: string) =>
        h.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'accept-language': lang },
          payload: { username, password: 'Wrong-password-1' },
        });
      const wrong = await login(user.username);
      const unknown = await login(`nobody${randomBytes(4).toString('hex')}`);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.body).toBe(wrong.body);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      expect(wrong.cookies.find((c) => c.name === 'gaoxin_session')).toBeUndefined();
    }
  });

  it('needs a session for /me and ends it on logout', async () => {
    const zone = await makeZone(h);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const forged = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { gaoxin_session: 'x'.repeat(43) },
    });
    expect(forged.statusCode).toBe(401);

    const user = await zone.as(['leader']);
    const me = await user.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: user.userId }, roles: ['leader'] });
    expect(me.json().user).not.toHaveProperty('passwordHash');

    const oldCookie = user.cookie;
    const out = await user.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(await sessionCount(h, user.userId)).toBe(0);
    user.cookie = oldCookie;
    expect((await user.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('looks a session up once for all the requests that arrive while it is not remembered', async () => {
    const zone = await makeZone(h);
    const user = await zone.as(['staff']);
    const pool = h.database.pool;
    const connect = vi.spyOn(pool, 'connect');
    const burst = async () => {
      connect.mockClear();
      const answers = await Promise.all(Array.from({ length: 20 }, () => user.get('/api/v1/me')));
      expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
      return connect.mock.calls.length;
    };
    try {
      expect((await user.get('/api/v1/me')).statusCode).toBe(200);
      const remembered = await burst();
      forgetTokenNow(sha256(tokenOf(user)));
      // One connection more than with the session remembered: one lookup, not twenty.
      expect(await burst()).toBe(remembered + 1);
      // Settled lookups are not kept: once forgotten, the session is looked up again (and a logout is seen).
      forgetTokenNow(sha256(tokenOf(user)));
      await asSystem(h.database, (tx) =>
        tx.client.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(tokenOf(user))]),
      );
      expect((await user.get('/api/v1/me')).statusCode).toBe(401);
    } finally {
      connect.mockRestore();
    }
  });

  it('refuses an expired session', async () => {
    const zone = await makeZone(h);
    const user = await zone.as(['staff']);
    await asSystem(h.database, (tx) =>
      tx.client.query(`UPDATE sessions SET expires_at = now() + interval '1 second' WHERE token_hash = $1`, [
        sha256(tokenOf(user)),
      ]),
    );
    // Looked up (and remembered) while valid; refused once its time has passed, remembered or not.
    expect((await user.get('/api/v1/me')).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await user.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('locks a username after 10 failures in 15 minutes, even for the right password, and no other', async () => {
    const zone = await makeZone(h);
    const victim = await zone.as(['staff']);
    const other = await zone.as(['staff']);
    const login = (username: string, password: string) =>
      h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    for (let i = 0; i < 10; i++) {
      expect((await login(victim.username, `Wrong-${i}`)).statusCode).toBe(401);
    }
    const sessionsBefore = await sessionCount(h, victim.userId);
    const locked = await login(victim.username, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(locked.cookies.find((c) => c.name === 'gaoxin_session')).toBeUndefined();
    expect(await sessionCount(h, victim.userId)).toBe(sessionsBefore);
    // The username is matched case-insensitively, so case games do not reset the count.
    expect((await login(victim.username.toUpperCase(), PASSWORD)).statusCode).toBe(429);

    expect((await login(other.username, PASSWORD)).statusCode).toBe(200);
    // An existing session is not affected by the lock.
    expect((await victim.get('/api/v1/me')).statusCode).toBe(200);

    // Failures older than the window no longer count.
    await asSystem(h.database, (tx) =>
      tx.client.query(`UPDATE login_failures SET at = now() - interval '16 minutes' WHERE username = $1`, [
        victim.username,
      ]),
    );
    expect((await login(victim.username, PASSWORD)).statusCode).toBe(200);
  });

  it('stores argon2id password hashes, never the password', async () => {
    const zone = await makeZone(h);
    const user = await zone.as(['staff']);
    const hash = await asSystem(h.database, async (tx) => {
      const { rows } = await tx.client.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE id = $1',
        [user.userId],
      );
      return rows[0].password_hash;
    });
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain(PASSWORD);
  });

  it('changes one’s own password: checks the current one, ends the other sessions, keeps this one', async () => {
    const zone = await makeZone(h);
    const a = await zone.as(['staff']);
    const b = new Client(h.app);
    expect((await b.post('/api/v1/auth/login', { username: a.username, password: PASSWORD })).statusCode).toBe(200);
    expect(await sessionCount(h, a.userId)).toBe(2);

    const before = await snapshot(h.database);
    const wrong = await a.post('/api/v1/me/password', { currentPassword: 'Not-it-123', newPassword: 'New-password-9' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors.map((e: { field: string }) => e.field)).toEqual(['currentPassword']);
    expect(await snapshot(h.database)).toEqual(before);

    const ok = await a.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'New-password-9' });
    expect(ok.statusCode).toBe(204);
    expect((await a.get('/api/v1/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
    expect(await sessionCount(h, a.userId)).toBe(1);

    const login = (password: string) =>
      h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: a.username, password } });
    expect((await login(PASSWORD)).statusCode).toBe(401);
    expect((await login('New-password-9')).statusCode).toBe(200);
    const hash = await asSystem(h.database, async (tx) => {
      const { rows } = await tx.client.query('SELECT password_hash FROM users WHERE id = $1', [a.userId]);
      return String(rows[0].password_hash);
    });
    expect(hash.startsWith('$argon2id$')).toBe(true);
  });

  it('refuses state-changing requests from a foreign Origin and writes nothing', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = (await admin.post('/api/v1/departments', { name: '科技局' })).json();
    const before = await snapshot(h.database);
    const sessionsBefore = await sessionCount(h, admin.userId);
    const json = { 'content-type': 'application/json' };
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null']) {
      const headers = { ...json, origin };
      const attempts = [
        raw(h, admin, 'POST', '/api/v1/departments', headers, JSON.stringify({ name: '外站部门' })),
        raw(h, admin, 'PATCH', `/api/v1/departments/${dep.id}`, headers, JSON.stringify({ version: 1, name: 'x' })),
        raw(h, admin, 'DELETE', `/api/v1/departments/${dep.id}`, { origin }),
        raw(h, admin, 'POST', '/api/v1/auth/logout', { origin }),
        raw(
          h,
          null,
          'POST',
          '/api/v1/auth/login',
          headers,
          JSON.stringify({ username: admin.username, password: PASSWORD }),
        ),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.statusCode).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    // A browser's own word that the request is cross-site is refused too.
    const crossSite = await raw(
      h,
      admin,
      'POST',
      '/api/v1/departments',
      { ...json, 'sec-fetch-site': 'cross-site' },
      JSON.stringify({ name: '跨站' }),
    );
    expect(crossSite.statusCode).toBe(403);
    expect(await snapshot(h.database)).toEqual(before);
    expect(await sessionCount(h, admin.userId)).toBe(sessionsBefore);
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200);

    // The app's own origin is accepted.
    const same = await raw(
      h,
      admin,
      'POST',
      '/api/v1/departments',
      { ...json, host: 'gaoxin.example:3000', origin: 'http://gaoxin.example:3000' },
      JSON.stringify({ name: '同源部门' }),
    );
    expect(same.statusCode).toBe(201);
  });

  it('accepts only JSON bodies: text/plain and form posts get 415 and write nothing', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = (await admin.post('/api/v1/departments', { name: '财政局' })).json();
    const before = await snapshot(h.database);
    const sessionsBefore = await sessionCount(h, admin.userId);
    const bodies: [string, string][] = [
      ['text/plain', JSON.stringify({ name: '纯文本部门' })],
      ['text/plain;charset=UTF-8', JSON.stringify({ name: '纯文本部门' })],
      ['application/x-www-form-urlencoded', 'name=%E8%A1%A8%E5%8D%95'],
    ];
    for (const [type, body] of bodies) {
      const headers = { 'content-type': type };
      const patchBody = type.startsWith('text') ? JSON.stringify({ version: 1, name: 'x' }) : 'version=1&name=x';
      const loginBody = type.startsWith('text')
        ? JSON.stringify({ username: admin.username, password: PASSWORD })
        : `username=${admin.username}&password=${PASSWORD}`;
      const attempts = [
        raw(h, admin, 'POST', '/api/v1/departments', headers, body),
        raw(h, admin, 'PATCH', `/api/v1/departments/${dep.id}`, headers, patchBody),
        raw(h, admin, 'DELETE', `/api/v1/departments/${dep.id}`, headers, body),
        raw(h, admin, 'POST', '/api/v1/auth/logout', headers, body),
        raw(h, null, 'POST', '/api/v1/auth/login', headers, loginBody),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.statusCode, `${type}: ${res.body}`).toBe(415);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect(await snapshot(h.database)).toEqual(before);
    expect(await sessionCount(h, admin.userId)).toBe(sessionsBefore);
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const before = await snapshot(h.database);
    const json = { 'content-type': 'application/json', 'accept-language': 'en' };
    for (const body of ['{"name": ', '{name: 1}', "{'name':'x'}", '{"name":"x"}}', '\u0000', '']) {
      const res = await raw(h, admin, 'POST', '/api/v1/departments', json, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, title: expect.any(String) });
    }
    const login = await raw(h, null, 'POST', '/api/v1/auth/login', json, '{"username":');
    expect(login.statusCode).toBe(400);
    expect(await snapshot(h.database)).toEqual(before);
  });
});
