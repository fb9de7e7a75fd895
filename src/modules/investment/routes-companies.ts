import { type App, noContent, zoneTx } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/schemas.ts';
import { VersionQuery } from '../departments/api.ts';
import {
  Company,
  CompanyCreate,
  CompanyList,
  CompanyListQuery,
  CompanySaved,
  CompanyUpdate,
  MergeBody,
  SimilarList,
  SimilarQuery,
} from './api.ts';
import * as svc from './companies.ts';
import { BASE, tags, worded } from './routes-util.ts';
import { notForAgency } from './scope.ts';

/** 企业库 routes. */
export function companyRoutes(app: App) {
  app.get(
    `${BASE}/companies`,
    {
      schema: {
        tags,
        summary: '企业库列表',
        querystring: CompanyListQuery,
        response: { 200: CompanyList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => svc.listCompanies(tx, actor, req.query)),
  );
  app.get(
    `${BASE}/companies/similar`,
    {
      schema: {
        tags,
        summary: '名称相近的企业（录入时查重）',
        querystring: SimilarQuery,
        response: { 200: SimilarList, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'investment.read', async (tx, actor) => {
        notForAgency(actor);
        return { items: await svc.similarCompanies(tx, req.query.name, req.query.excludeId) };
      }),
  );
  app.post(
    `${BASE}/companies`,
    {
      schema: {
        tags,
        summary: '新建企业（统一社会信用代码校验；名称相近时给出提醒）',
        body: CompanyCreate,
        response: { 201: CompanySaved, ...errorResponses },
      },
    },
    async (req, reply) => {
      const c = await zoneTx(req, 'investment.write', (tx, actor) => svc.createCompany(tx, actor, req.body));
      return reply.status(201).send(worded(req, c));
    },
  );
  app.get(
    `${BASE}/companies/:id`,
    { schema: { tags, summary: '企业详情', params: IdParams, response: { 200: Company, ...errorResponses } } },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => svc.getCompany(tx, actor, req.params.id)),
  );
  app.patch(
    `${BASE}/companies/:id`,
    {
      schema: {
        tags,
        summary: '修改企业（需带上 version）',
        params: IdParams,
        body: CompanyUpdate,
        response: { 200: CompanySaved, ...errorResponses },
      },
    },
    async (req) =>
      worded(
        req,
        await zoneTx(req, 'investment.write', (tx, actor) => svc.updateCompany(tx, actor, req.params.id, req.body)),
      ),
  );
  app.delete(
    `${BASE}/companies/:id`,
    {
      schema: {
        tags,
        summary: '删除企业（可恢复；有线索或项目时不可删）',
        params: IdParams,
        querystring: VersionQuery,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await zoneTx(req, 'investment.write', (tx, actor) =>
        svc.deleteCompany(tx, actor, req.params.id, req.query.version),
      );
      return noContent(reply);
    },
  );
  app.post(
    `${BASE}/companies/:id/restore`,
    { schema: { tags, summary: '恢复已删除的企业', params: IdParams, response: { 200: Company, ...errorResponses } } },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => svc.restoreCompany(tx, actor, req.params.id)),
  );
  app.post(
    `${BASE}/companies/:id/merge`,
    {
      schema: {
        tags,
        summary: '合并企业：把 sourceId 的线索、项目、考察记录、500强身份并入本企业，并删除 sourceId',
        params: IdParams,
        body: MergeBody,
        response: { 200: Company, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'investment.write', (tx, actor) =>
        svc.mergeCompanies(tx, actor, req.params.id, req.body.sourceId, req.body.version),
      ),
  );
}
