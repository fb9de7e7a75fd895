import { z } from 'zod';
import { can } from '../../core/policy.ts';
import { type App, noContent, zoneTx } from '../../server/context.ts';
import { errorResponses, Id, IdParams } from '../../server/schemas.ts';
import { VersionQuery } from '../departments/api.ts';
import {
  ForeignCapital,
  ForeignCapitalCreate,
  ForeignCapitalList,
  ForeignCapitalQuery,
  ForeignCapitalUpdate,
  PipelineCounts,
  Project,
  ProjectCreate,
  ProjectDetail,
  ProjectList,
  ProjectListQuery,
  ProjectSaved,
  ProjectUpdate,
  StageChange,
  StageHistory,
} from './api.ts';
import * as fx from './foreign-capital.ts';
import { getProjectDetail, listProjects, pipelineCounts } from './project-read.ts';
import * as svc from './projects.ts';
import { BASE, tags, worded } from './routes-util.ts';
import { changeStage, stageHistory } from './stages.ts';

/** Projects, their stage machine and history, and foreign capital arrivals. */
export function projectRoutes(app: App) {
  app.get(
    `${BASE}/projects`,
    {
      schema: {
        tags,
        summary: '招商项目列表（按阶段、渠道、部门、机构、签约期间、关键词筛选）',
        querystring: ProjectListQuery,
        response: { 200: ProjectList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => listProjects(tx, actor, req.query)),
  );
  app.get(
    `${BASE}/pipeline`,
    {
      schema: {
        tags,
        summary: '各阶段项目数与总投资（项目看板）',
        response: { 200: PipelineCounts, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', async (tx, actor) => ({ stages: await pipelineCounts(tx, actor) })),
  );
  app.post(
    `${BASE}/projects`,
    {
      schema: {
        tags,
        summary: '新建招商项目（投资方按 companyId，或按统一社会信用代码/名称查找或新建）',
        body: ProjectCreate,
        response: { 201: ProjectSaved, ...errorResponses },
      },
    },
    async (req, reply) => {
      const p = await zoneTx(req, 'investment.write', (tx, actor) => svc.createProject(tx, actor, req.body));
      return reply.status(201).send(worded(req, p));
    },
  );
  app.get(
    `${BASE}/projects/:id`,
    {
      schema: {
        tags,
        summary: '招商项目详情（含列入的重大项目）',
        params: IdParams,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'investment.read', (tx, actor) =>
        getProjectDetail(tx, actor, req.params.id, can(actor.roles, 'major.read')),
      ),
  );
  app.patch(
    `${BASE}/projects/:id`,
    {
      schema: {
        tags,
        summary: '修改招商项目（需带上 version；阶段请用 /stage）',
        params: IdParams,
        body: ProjectUpdate,
        response: { 200: ProjectSaved, ...errorResponses },
      },
    },
    async (req) =>
      worded(
        req,
        await zoneTx(req, 'investment.write', (tx, actor) => svc.updateProject(tx, actor, req.params.id, req.body)),
      ),
  );
  app.delete(
    `${BASE}/projects/:id`,
    {
      schema: {
        tags,
        summary: '删除招商项目（可恢复）',
        params: IdParams,
        querystring: VersionQuery,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await zoneTx(req, 'investment.write', (tx, actor) =>
        svc.deleteProject(tx, actor, req.params.id, req.query.version),
      );
      return noContent(reply);
    },
  );
  app.post(
    `${BASE}/projects/:id/restore`,
    {
      schema: {
        tags,
        summary: '恢复已删除的招商项目',
        params: IdParams,
        response: { 200: Project, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => svc.restoreProject(tx, actor, req.params.id)),
  );
  app.post(
    `${BASE}/projects/:id/stage`,
    {
      schema: {
        tags,
        summary: '变更阶段：在谈→签约→落地→开工→竣工→投产 只能向前（可跳过），终止须填原因；每次变更记入历史',
        params: IdParams,
        body: StageChange,
        response: { 200: Project, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => changeStage(tx, actor, req.params.id, req.body)),
  );
  app.get(
    `${BASE}/projects/:id/history`,
    { schema: { tags, summary: '阶段变更历史', params: IdParams, response: { 200: StageHistory, ...errorResponses } } },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => stageHistory(tx, actor, req.params.id)),
  );

  app.get(
    `${BASE}/foreign-capital`,
    {
      schema: {
        tags,
        summary: '到位外资登记列表',
        querystring: ForeignCapitalQuery,
        response: { 200: ForeignCapitalList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => fx.listArrivals(tx, actor, req.query)),
  );
  app.post(
    `${BASE}/projects/:id/foreign-capital`,
    {
      schema: {
        tags,
        summary: '登记项目的一笔到位外资（美元）',
        params: IdParams,
        body: ForeignCapitalCreate,
        response: { 201: ForeignCapital, ...errorResponses },
      },
    },
    async (req, reply) => {
      const f = await zoneTx(req, 'investment.write', (tx, actor) =>
        fx.createArrival(tx, actor, req.params.id, req.body),
      );
      return reply.status(201).send(f);
    },
  );
  app.patch(
    `${BASE}/foreign-capital/:id`,
    {
      schema: {
        tags,
        summary: '修改到位外资登记',
        params: IdParams,
        body: ForeignCapitalUpdate,
        response: { 200: ForeignCapital, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => fx.updateArrival(tx, actor, req.params.id, req.body)),
  );
  app.delete(
    `${BASE}/foreign-capital/:id`,
    {
      schema: {
        tags,
        summary: '删除到位外资登记',
        params: z.object({ id: Id }),
        querystring: VersionQuery,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await zoneTx(req, 'investment.write', (tx, actor) =>
        fx.deleteArrival(tx, actor, req.params.id, req.query.version),
      );
      return noContent(reply);
    },
  );
}
