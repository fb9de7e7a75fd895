import type { RouteOptions } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/database.ts';

/**
 * The OpenAPI document lists every API route the app registers (so the fuzz
 * test, which walks the document, reaches them all) and comes from the same
 * zod schemas that validate requests.
 */

const registered: { method: string; url: string; hidden: boolean }[] = [];

// Sees every route as it is added, before any plugin could leave one out of the document.
vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof import('fastify')>();
  const wrapped = ((opts: object) => {
    const app = mod.default(opts);
    app.addHook('onRoute', (r: RouteOptions) => {
      for (const method of [r.method].flat()) {
        const hidden = Boolean((r.schema as { hide?: boolean } | undefined)?.hide);
        registered.push({ method: String(method).toLowerCase(), url: r.url, hidden });
      }
    });
    return app;
  }) as unknown as typeof mod.default;
  return { ...mod, default: wrapped };
});

const { buildApp } = await import('./app.ts');

// No query reaches the database here: the document, the docs page and validation answer first.
const database = { kind: 'pglite', pool: {}, appRole: null, close: async () => {} } as unknown as Database;

describe('the OpenAPI document', () => {
  it('lists every API route the app registers, the contract routes among them', async () => {
    const app = await buildApp({ database, webDir: null });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)),
    );
    const api = registered.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    const asOpenApi = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const missing = api.filter((r) => r.method !== 'head' && !documented.has(`${r.method} ${asOpenApi(r.url)}`));
    expect(missing).toEqual([]);
    // And nothing else: the document and the router agree one to one.
    expect(api.filter((r) => r.method !== 'head')).toHaveLength(documented.size);
    expect(api.filter((r) => r.hidden)).toEqual([]);
    for (const route of [
      'get /api/health',
      'post /api/v1/auth/login',
      'post /api/v1/auth/logout',
      'get /api/v1/me',
      ...['departments', 'users'].flatMap((k) => [
        `get /api/v1/${k}`,
        `post /api/v1/${k}`,
        `get /api/v1/${k}/{id}`,
        `patch /api/v1/${k}/{id}`,
        `delete /api/v1/${k}/{id}`,
      ]),
    ]) {
      expect(documented.has(route), route).toBe(true);
    }

    // The login body in the document is the one the server enforces.
    const login = doc.paths['/api/v1/auth/login'].post as {
      requestBody: { content: Record<string, { schema: { required?: string[] } }> };
    };
    expect(login.requestBody.content['application/json'].schema.required?.sort()).toEqual(['password', 'username']);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: {},
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(
      refused
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['password', 'username']);

    const page = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    await app.close();
  });
});
