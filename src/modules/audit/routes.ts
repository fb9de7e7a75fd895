import { z } from 'zod';
import { type App, zoneTx } from '../../server/context.ts';
import { errorResponses } from '../../server/schemas.ts';
import { listAudit } from './service.ts';

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

const AuditQuery = z.strictObject({
  entity: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  beforeId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export function auditRoutes(app: App) {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '操作日志（管理员）',
        querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditEntry) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await zoneTx(req, 'audit.read', (tx) => listAudit(tx, req.query)) }),
  );
}
