import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can, type Permission } from '../core/policy.ts';
import type { Database } from '../db/database.ts';
import { readOnly, type Scope, SessionEnded, type Tx, transaction } from '../db/tx.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { tokenHash } from '../modules/auth/service.ts';
import { forgetTokenNow } from '../modules/auth/session-cache.ts';
import { forbidden, unauthorized } from './errors.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    database: Database;
  }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}

/**
 * The one way a route reaches data: logged in, allowed, inside a transaction
 * walled to the caller's zone (for a GET, read-only statements walled alike).
 */
export function zoneTx<T>(
  req: FastifyRequest,
  permission: Permission | null,
  fn: (tx: Tx, actor: Actor) => Promise<T>,
): Promise<T> {
  const actor = requireActor(req);
  if (permission && !can(actor.roles, permission)) throw forbidden();
  // A GET only reads: each statement goes in one round trip behind its settings, read-only (tx.ts).
  const run = req.method === 'GET' || req.method === 'HEAD' ? readOnly : transaction;
  return scoped(req, run, { zoneId: actor.zoneId }, actor, fn);
}

/**
 * The upper-level rollup's way past the zone wall: read-only statements that see every zone, for a
 * logged-in caller. `fn` must itself limit what it reads to the caller's grants (rollup/service.ts).
 */
export function overseeTx<T>(req: FastifyRequest, fn: (tx: Tx, actor: Actor) => Promise<T>): Promise<T> {
  return scoped(req, readOnly, { system: true }, requireActor(req), fn);
}

function scoped<T>(
  req: FastifyRequest,
  run: typeof readOnly,
  scope: Scope,
  actor: Actor,
  fn: (tx: Tx, actor: Actor) => Promise<T>,
) {
  // The session is confirmed live in the transaction's first round trip, so a logout on another
  // process takes effect at once although this one remembered the session (session-cache.ts).
  const sessionHash = req.sessionToken ? tokenHash(req.sessionToken) : undefined;
  return run(req.server.database, scope, (tx) => fn(tx, actor), { sessionHash }).catch((err) => {
    if (!(err instanceof SessionEnded)) throw err;
    if (sessionHash) forgetTokenNow(sessionHash);
    throw unauthorized();
  });
}

export const noContent = (reply: FastifyReply) => reply.status(204).send();
