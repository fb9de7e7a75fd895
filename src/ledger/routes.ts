import { z } from 'zod';
import { can } from '../core/policy.ts';
import { inZone } from '../db/tx.ts';
import { type App, requireActor, zoneTx } from '../server/context.ts';
import { sendXlsx } from '../server/download.ts';
import { forbidden, notFound } from '../server/errors.ts';
import { langOf } from '../server/lang.ts';
import { BoolQuery, errorResponses } from '../server/schemas.ts';
import { readUpload } from '../server/upload.ts';
import { importLedger } from './import.ts';
import { LEDGERS } from './registry.ts';

// A 100k-row ledger is about 6 MB; the limit leaves room without inviting abuse.
const MAX_LEDGER_BYTES = 50 * 1024 * 1024;

const tags = ['ledgers'];
// Binary bodies skip the serializer; the schema only documents them.
const XlsxFile = z.unknown().meta({ description: 'xlsx file' });
const LedgerParams = z.object({ ledger: z.string().max(60) });

const ProblemOut = z.object({ row: z.number().int(), column: z.string(), value: z.string(), message: z.string() });
export const ImportResult = z
  .object({
    ok: z.boolean(),
    ledger: z.string(),
    filename: z.string(),
    sha256: z.string(),
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    problems: z.array(ProblemOut),
    warnings: z.array(ProblemOut),
  })
  .meta({ id: 'ImportResult' });

function ledgerFor(name: string) {
  // Own keys only: 'constructor' or '__proto__' must be unknown, not Object.prototype's.
  const def = Object.hasOwn(LEDGERS, name) ? LEDGERS[name] : undefined;
  if (!def) throw notFound();
  return def;
}

/** Upload, preview (dryRun) and confirm; template and export downloads: the same for every ledger. */
export function ledgerRoutes(app: App) {
  app.post(
    '/api/v1/ledgers/:ledger/import',
    {
      schema: {
        tags,
        summary: '导入台账（multipart 文件字段 file；dryRun=true 仅预览）',
        params: LedgerParams,
        querystring: z.strictObject({ dryRun: BoolQuery }),
        response: { ...errorResponses, 200: ImportResult, 422: ImportResult },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const def = ledgerFor(req.params.ledger);
      if (!can(actor.roles, def.permissions.import)) throw forbidden();
      const file = await readUpload(req, MAX_LEDGER_BYTES);
      const out = await importLedger(app.database, actor, def, file, { dryRun: req.query.dryRun });
      const lang = langOf(req.headers['accept-language']);
      const word = (ps: typeof out.problems) =>
        ps.map((p) => ({ row: p.row, column: p.column, value: p.value, message: p.reason[lang] }));
      return reply
        .status(out.ok ? 200 : 422)
        .send({ ...out, problems: word(out.problems), warnings: word(out.warnings) });
    },
  );
  app.get(
    '/api/v1/ledgers/:ledger/template',
    {
      schema: {
        tags,
        summary: '下载空白台账模板 (.xlsx)',
        params: LedgerParams,
        response: { 200: XlsxFile, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const def = ledgerFor(req.params.ledger);
      if (!can(actor.roles, def.permissions.import)) throw forbidden();
      return sendXlsx(reply, `${def.title['zh-CN']}模板.xlsx`, def.template());
    },
  );
  app.get(
    '/api/v1/ledgers/:ledger/export',
    {
      schema: {
        tags,
        summary: '导出台账 (.xlsx，与导入格式相同)',
        params: LedgerParams,
        response: { 200: XlsxFile, ...errorResponses },
      },
    },
    async (req, reply) => {
      const def = ledgerFor(req.params.ledger);
      const table = await zoneTx(req, def.permissions.export, (tx) => def.export(tx));
      return sendXlsx(reply, `${def.title['zh-CN']}.xlsx`, table);
    },
  );
  app.get(
    '/api/v1/ledgers/imports',
    {
      schema: {
        tags,
        summary: '导入记录',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                ledger: z.string(),
                filename: z.string(),
                sha256: z.string(),
                actorName: z.string(),
                at: z.string(),
                rows: z.number().int(),
                created: z.number().int(),
                updated: z.number().int(),
                unchanged: z.number().int(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { rows } = await inZone(app.database, actor.zoneId, (tx) =>
        tx.client.query(
          `SELECT id, ledger, filename, sha256, actor_name AS "actorName", to_json(at)#>>'{}' AS at, rows, created, updated, unchanged
             FROM ledger_imports ORDER BY id DESC LIMIT 100`,
        ),
      );
      return { items: rows };
    },
  );
}
