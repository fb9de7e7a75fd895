import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { databasePinger } from '../../db/liveness.ts';
import { asSystem } from '../../db/tx.ts';
import { type App, noContent, requireActor, zoneTx } from '../../server/context.ts';
import { errorResponses } from '../../server/schemas.ts';
import { LoginBody, Me, PasswordChange } from './api.ts';
import * as svc from './service.ts';

export const SESSION_COOKIE = 'gaoxin_session';
const tags = ['auth'];

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https' || process.env.GAOXIN_SECURE_COOKIES === 'true',
    maxAge: Math.floor(svc.SESSION_TTL_MS / 1000),
  });
}

/** Resolves the session cookie to the acting user before any route runs. */
export function authHook(app: App) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return;
    const actor = await svc.actorForSession(app.database, token);
    if (actor) {
      req.actor = actor;
      req.sessionToken = token;
    }
  });
}

export function authRoutes(app: App) {
  const pingDatabase = databasePinger(app.database);
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: '登录',
        body: LoginBody,
        response: { 200: Me, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const res = await asSystem(app.database, (tx) =>
        svc.login(tx, username, password, req.headers['user-agent'] ?? null),
      );
      // The failure is committed (it counts towards the limit) before it is reported.
      if (!res.ok) throw res.error;
      setSessionCookie(req, reply, res.token);
      req.actor = res.actor;
      return zoneTx(req, null, (tx, actor) => svc.me(tx, actor));
    },
  );
  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: '退出登录', response: errorResponses } },
    async (req, reply) => {
      const token = req.sessionToken;
      if (token) await zoneTx(req, null, (tx, actor) => svc.logout(tx, actor, token));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return noContent(reply);
    },
  );
  app.get(
    '/api/v1/me',
    { schema: { tags, summary: '当前用户、所在园区与角色', response: { 200: Me, ...errorResponses } } },
    (req) => zoneTx(req, null, (tx, actor) => svc.me(tx, actor)),
  );
  app.post(
    '/api/v1/me/password',
    { schema: { tags, summary: '修改本人密码', body: PasswordChange, response: errorResponses } },
    async (req, reply) => {
      const actor = requireActor(req);
      const token = req.sessionToken ?? '';
      await zoneTx(req, null, (tx) =>
        svc.changePassword(tx, actor, token, req.body.currentPassword, req.body.newPassword),
      );
      return noContent(reply);
    },
  );
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
          ...errorResponses,
        },
      },
    },
    async () => {
      await pingDatabase();
      return { status: 'ok' as const, database: app.database.kind };
    },
  );
}
