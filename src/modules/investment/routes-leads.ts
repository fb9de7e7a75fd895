import { z } from 'zod';
import { type App, noContent, zoneTx } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/schemas.ts';
import { VersionQuery } from '../departments/api.ts';
import { ProjectSaved } from './api.ts';
import {
  FollowupCreate,
  FollowupList,
  Lead,
  LeadAssign,
  LeadClose,
  LeadConvert,
  LeadCreate,
  LeadList,
  LeadListQuery,
  LeadSaved,
  LeadUpdate,
} from './api-work.ts';
import * as svc from './leads.ts';
import { BASE, tags, worded } from './routes-util.ts';

/** 招商线索: list, create, claim, assign, follow up, close, convert. */
export function leadRoutes(app: App) {
  app.get(
    `${BASE}/leads`,
    {
      schema: {
        tags,
        summary: '招商线索（共享的与本部门的）',
        querystring: LeadListQuery,
        response: { 200: LeadList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => svc.listLeads(tx, actor, req.query)),
  );
  app.post(
    `${BASE}/leads`,
    {
      schema: {
        tags,
        summary: '登记线索（同一企业已有线索或项目时给出提醒）',
        body: LeadCreate,
        response: { 201: LeadSaved, ...errorResponses },
      },
    },
    async (req, reply) => {
      const lead = await zoneTx(req, 'investment.write', (tx, actor) => svc.createLead(tx, actor, req.body));
      return reply.status(201).send(worded(req, lead));
    },
  );
  app.get(
    `${BASE}/leads/:id`,
    { schema: { tags, summary: '线索详情', params: IdParams, response: { 200: Lead, ...errorResponses } } },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => svc.getLead(tx, actor, req.params.id)),
  );
  app.patch(
    `${BASE}/leads/:id`,
    {
      schema: {
        tags,
        summary: '修改线索（需带上 version）',
        params: IdParams,
        body: LeadUpdate,
        response: { 200: Lead, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => svc.updateLead(tx, actor, req.params.id, req.body)),
  );
  app.delete(
    `${BASE}/leads/:id`,
    { schema: { tags, summary: '删除线索', params: IdParams, querystring: VersionQuery, response: errorResponses } },
    async (req, reply) => {
      await zoneTx(req, 'investment.write', (tx, actor) => svc.deleteLead(tx, actor, req.params.id, req.query.version));
      return noContent(reply);
    },
  );
  app.post(
    `${BASE}/leads/:id/claim`,
    { schema: { tags, summary: '认领线索', params: IdParams, response: { 200: Lead, ...errorResponses } } },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => svc.claimLead(tx, actor, req.params.id)),
  );
  app.post(
    `${BASE}/leads/:id/assign`,
    {
      schema: {
        tags,
        summary: '分派线索给部门或人员',
        params: IdParams,
        body: LeadAssign,
        response: { 200: Lead, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => svc.assignLead(tx, actor, req.params.id, req.body)),
  );
  app.post(
    `${BASE}/leads/:id/close`,
    {
      schema: {
        tags,
        summary: '关闭线索（须填原因）',
        params: IdParams,
        body: LeadClose,
        response: { 200: Lead, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => svc.closeLead(tx, actor, req.params.id, req.body)),
  );
  app.get(
    `${BASE}/leads/:id/followups`,
    { schema: { tags, summary: '跟进记录', params: IdParams, response: { 200: FollowupList, ...errorResponses } } },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => svc.listFollowups(tx, actor, req.params.id)),
  );
  app.post(
    `${BASE}/leads/:id/followups`,
    {
      schema: {
        tags,
        summary: '添加跟进记录',
        params: IdParams,
        body: FollowupCreate,
        response: { 201: FollowupList, ...errorResponses },
      },
    },
    async (req, reply) => {
      const list = await zoneTx(req, 'investment.write', (tx, actor) =>
        svc.addFollowup(tx, actor, req.params.id, req.body),
      );
      return reply.status(201).send(list);
    },
  );
  app.post(
    `${BASE}/leads/:id/convert`,
    {
      schema: {
        tags,
        summary: '线索转为招商项目（沿用企业、渠道、推送单位与负责人）',
        params: IdParams,
        body: LeadConvert,
        response: { 201: z.object({ lead: Lead, project: ProjectSaved }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await zoneTx(req, 'investment.write', (tx, actor) =>
        svc.convertLead(tx, actor, req.params.id, req.body),
      );
      return reply.status(201).send({ lead: r.lead, project: worded(req, r.project) });
    },
  );
}
