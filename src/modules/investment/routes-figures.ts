import { type App, noContent, zoneTx } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/schemas.ts';
import { VersionQuery } from '../departments/api.ts';
import { zoneIdentity } from '../zones/identity.ts';
import {
  AttachProjects,
  Dashboard,
  EventProjectParams,
  FigureRecords,
  PeriodQuery,
  SigningEventCreate,
  SigningEventDetail,
  SigningEventList,
  SigningEventQuery,
  SigningEventUpdate,
} from './api-figures.ts';
import { dashboard, figureRecords, RecordsQuery } from './report-records.ts';
import { BASE, tags } from './routes-util.ts';
import * as ev from './signing-events.ts';

/** Signing events, the summary's drill-down and the dashboard. */
export function figureRoutes(app: App) {
  app.get(
    '/api/v1/reports/investment-summary/records',
    {
      schema: {
        tags: ['reports', ...tags],
        summary: '招商引资汇总的明细：某个数字背后的项目或到位外资记录（条件与报表完全一致）',
        querystring: RecordsQuery,
        response: { 200: FigureRecords, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'report.read', async (tx, actor) =>
        figureRecords(tx, await zoneIdentity(tx, actor.zoneId), req.query),
      ),
  );
  app.get(
    `${BASE}/dashboard`,
    {
      schema: {
        tags,
        summary: '招商驾驶舱：汇总数字、按行业和月份的分布、当前各阶段项目',
        querystring: PeriodQuery,
        response: { 200: Dashboard, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'report.read', async (tx, actor) =>
        dashboard(tx, actor, await zoneIdentity(tx, actor.zoneId), req.query),
      ),
  );

  app.get(
    `${BASE}/signing-events`,
    {
      schema: {
        tags,
        summary: '集中签约活动列表（含合计）',
        querystring: SigningEventQuery,
        response: { 200: SigningEventList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => ev.listEvents(tx, actor, req.query)),
  );
  app.post(
    `${BASE}/signing-events`,
    {
      schema: {
        tags,
        summary: '新建集中签约活动（可同时列入项目：在谈项目即于活动当天签约）',
        body: SigningEventCreate,
        response: { 201: SigningEventDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const e = await zoneTx(req, 'investment.write', (tx, actor) => ev.createEvent(tx, actor, req.body));
      return reply.status(201).send(e);
    },
  );
  app.get(
    `${BASE}/signing-events/:id`,
    {
      schema: {
        tags,
        summary: '签约活动详情（项目与合计）',
        params: IdParams,
        response: { 200: SigningEventDetail, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => ev.getEvent(tx, actor, req.params.id)),
  );
  app.patch(
    `${BASE}/signing-events/:id`,
    {
      schema: {
        tags,
        summary: '修改签约活动',
        params: IdParams,
        body: SigningEventUpdate,
        response: { 200: SigningEventDetail, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => ev.updateEvent(tx, actor, req.params.id, req.body)),
  );
  app.delete(
    `${BASE}/signing-events/:id`,
    {
      schema: {
        tags,
        summary: '删除签约活动（须先移出项目）',
        params: IdParams,
        querystring: VersionQuery,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await zoneTx(req, 'investment.write', (tx, actor) => ev.deleteEvent(tx, actor, req.params.id, req.query.version));
      return noContent(reply);
    },
  );
  app.post(
    `${BASE}/signing-events/:id/projects`,
    {
      schema: {
        tags,
        summary: '把项目列入签约活动',
        params: IdParams,
        body: AttachProjects,
        response: { 200: SigningEventDetail, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'investment.write', (tx, actor) => ev.attachProjects(tx, actor, req.params.id, req.body.projectIds)),
  );
  app.delete(
    `${BASE}/signing-events/:id/projects/:projectId`,
    {
      schema: {
        tags,
        summary: '把项目移出签约活动',
        params: EventProjectParams,
        response: { 200: SigningEventDetail, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'investment.write', (tx, actor) => ev.detachProject(tx, actor, req.params.id, req.params.projectId)),
  );
}
