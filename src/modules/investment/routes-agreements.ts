import { z } from 'zod';
import { type App, noContent, requireActor, zoneTx } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/schemas.ts';
import { readUpload } from '../../server/upload.ts';
import { VersionQuery } from '../departments/api.ts';
import * as svc from './agreements.ts';
import { Agreement, AgreementCreate, AgreementList, AgreementUpdate } from './api-agreements.ts';
import { BASE, tags } from './routes-util.ts';

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Agreements of a project and their files (uploaded as multipart field `file`). */
export function agreementRoutes(app: App) {
  app.get(
    `${BASE}/projects/:id/agreements`,
    {
      schema: {
        tags,
        summary: '项目的协议（框架、投资、补充）',
        params: IdParams,
        response: { 200: AgreementList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => svc.listAgreements(tx, actor, req.params.id)),
  );
  app.post(
    `${BASE}/projects/:id/agreements`,
    {
      schema: {
        tags,
        summary: '登记协议',
        params: IdParams,
        body: AgreementCreate,
        response: { 201: Agreement, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await zoneTx(req, 'investment.write', (tx, actor) => svc.createAgreement(tx, actor, req.params.id, req.body)),
        ),
  );
  app.patch(
    `${BASE}/agreements/:id`,
    {
      schema: {
        tags,
        summary: '修改协议',
        params: IdParams,
        body: AgreementUpdate,
        response: { 200: Agreement, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => svc.updateAgreement(tx, actor, req.params.id, req.body)),
  );
  app.delete(
    `${BASE}/agreements/:id`,
    { schema: { tags, summary: '删除协议', params: IdParams, querystring: VersionQuery, response: errorResponses } },
    async (req, reply) => {
      await zoneTx(req, 'investment.write', (tx, actor) =>
        svc.deleteAgreement(tx, actor, req.params.id, req.query.version),
      );
      return noContent(reply);
    },
  );
  app.post(
    `${BASE}/agreements/:id/files`,
    {
      schema: {
        tags,
        summary: '上传协议文件（multipart 字段 file；PDF、JPG/PNG、Word、Excel、OFD，≤ 20 MB）',
        params: IdParams,
        response: { 201: Agreement, 413: errorResponses[422], 415: errorResponses[422], ...errorResponses },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const file = await readUpload(req, svc.MAX_FILE_BYTES);
      const out = await zoneTx(req, 'investment.write', (tx, actor) => svc.attachFile(tx, actor, req.params.id, file));
      return reply.status(201).send(out);
    },
  );
  app.get(
    `${BASE}/files/:id`,
    {
      schema: {
        tags,
        summary: '下载协议文件',
        params: IdParams,
        response: { 200: z.unknown().meta({ description: 'the file' }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const f = await zoneTx(req, 'investment.read', (tx, actor) => svc.readFile(tx, actor, req.params.id));
      return reply
        .type(f.contentType)
        .header('content-disposition', attachment(f.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(f.data);
    },
  );
  app.delete(
    `${BASE}/files/:id`,
    { schema: { tags, summary: '删除协议文件', params: IdParams, response: errorResponses } },
    async (req, reply) => {
      await zoneTx(req, 'investment.write', (tx, actor) => svc.deleteFile(tx, actor, req.params.id));
      return noContent(reply);
    },
  );
}
