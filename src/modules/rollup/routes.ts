import { z } from 'zod';
import { type App, overseeTx } from '../../server/context.ts';
import { sendXlsx } from '../../server/download.ts';
import { errorResponses } from '../../server/schemas.ts';
import { Rollup, RollupQuery } from './api.ts';
import { rollupFor } from './service.ts';
import { rollupTable } from './table.ts';

const tags = ['rollup'];

/** The upper-level rollup over the caller's granted regions: each zone and the total; 403 without a grant. */
export function rollupRoutes(app: App) {
  app.get(
    '/api/v1/rollup',
    {
      schema: {
        tags,
        summary: '上级汇总：所辖区域内各园区的招商与重大项目指标及合计（year/through，from/to）',
        querystring: RollupQuery,
        response: { 200: Rollup, ...errorResponses },
      },
    },
    (req) => overseeTx(req, (tx, actor) => rollupFor(tx, actor, req.query)),
  );
  app.get(
    '/api/v1/rollup/xlsx',
    {
      schema: {
        tags,
        summary: '上级汇总导出 (.xlsx)',
        querystring: RollupQuery,
        response: { 200: z.unknown().meta({ description: 'xlsx file' }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await overseeTx(req, (tx, actor) => rollupFor(tx, actor, req.query));
      return sendXlsx(reply, `${r.year}年园区汇总（截至${r.through}）.xlsx`, rollupTable(r));
    },
  );
}
