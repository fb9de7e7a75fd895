import { z } from 'zod';
import { zoneIdentity } from '../modules/zones/identity.ts';
import { type App, zoneTx } from '../server/context.ts';
import { AppError, notFound } from '../server/errors.ts';
import { t } from '../server/lang.ts';
import { errorResponses } from '../server/schemas.ts';
import { REPORTS } from './registry.ts';

/** GET /api/v1/reports/:report?… — the same function the CLI calls, so the figures agree. */
export function reportRoutes(app: App) {
  app.get(
    '/api/v1/reports/:report',
    {
      schema: {
        tags: ['reports'],
        summary: '报表（参数同命令行：from/to 或 year/through）',
        params: z.object({ report: z.string().max(60) }),
        querystring: z.record(z.string(), z.string().max(100)),
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req) => {
      // Own keys only: 'constructor' or '__proto__' must be unknown, not Object.prototype's.
      const def = Object.hasOwn(REPORTS, req.params.report) ? REPORTS[req.params.report] : undefined;
      if (!def) throw notFound();
      const opts = def.options.safeParse(req.query);
      if (!opts.success) {
        throw new AppError(
          400,
          t('报表参数有误', 'Invalid report options'),
          opts.error.issues.map((i) => ({
            field: i.path.join('.') || 'query',
            message: { 'zh-CN': i.message, en: (i as { params?: { en?: string } }).params?.en ?? i.message },
          })),
        );
      }
      return zoneTx(req, def.permission, async (tx, actor) => {
        return def.run(tx, await zoneIdentity(tx, actor.zoneId), opts.data);
      });
    },
  );
}
