import type { App } from './context.ts';
import { AppError } from './errors.ts';
import { t } from './lang.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses state-changing requests sent by another site's page (CSRF): a
 * foreign Origin, or a browser saying the request is cross-site.
 */
export function originGuard(app: App, trusted: string[]) {
  const trustedSet = new Set(trusted.map((o) => o.replace(/\/$/, '')));
  app.addHook('onRequest', async (req) => {
    if (!UNSAFE.has(req.method)) return;
    const origin = req.headers.origin;
    const refuse = () => new AppError(403, t('拒绝来自其他站点的请求', 'Requests from another site are refused'));
    if (origin !== undefined) {
      if (trustedSet.has(origin)) return;
      let host: string;
      try {
        host = new URL(origin).host;
      } catch {
        throw refuse();
      }
      if (host !== req.headers.host) throw refuse();
      return;
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') throw refuse();
  });
}
