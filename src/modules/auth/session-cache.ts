import type { Tx } from '../../db/tx.ts';
import type { Actor } from './actor.ts';

/**
 * Who a session token belongs to, remembered for a few seconds so that a request costs one
 * transaction instead of two. What ends or narrows a session in this process (logout, password,
 * roles, department, deletion) forgets it at once, after commit. Whether the session still exists
 * is confirmed anyway in each route transaction's first round trip (server/context.ts), so a logout
 * on another process counts at once; only a change of department made by another process reaches
 * a remembered session up to TTL_MS later.
 */
export const SESSION_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

const entries = new Map<string, { actor: Actor; until: number }>();

export function cachedActor(tokenHash: string): Actor | null {
  const hit = entries.get(tokenHash);
  if (!hit) return null;
  // Past the entry's time or the session's own expiry: ask the database again.
  if (Date.now() >= hit.until) {
    entries.delete(tokenHash);
    return null;
  }
  return hit.actor;
}

export function rememberActor(tokenHash: string, actor: Actor, sessionExpiresAt: Date) {
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(tokenHash, { actor, until: Math.min(Date.now() + SESSION_CACHE_TTL_MS, sessionExpiresAt.getTime()) });
}

function forgetUserNow(userId: string) {
  for (const [hash, e] of entries) if (e.actor.userId === userId) entries.delete(hash);
}

/** Forgets a user's sessions now and again after `tx` commits (a lookup in between may have refilled them). */
export function forgetUser(tx: Tx, userId: string) {
  forgetUserNow(userId);
  tx.afterCommit.push(() => forgetUserNow(userId));
}

export function forgetTokenNow(tokenHash: string) {
  entries.delete(tokenHash);
}

export function forgetToken(tx: Tx, tokenHash: string) {
  entries.delete(tokenHash);
  tx.afterCommit.push(() => entries.delete(tokenHash));
}
