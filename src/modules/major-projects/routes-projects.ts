import { z } from 'zod';
import { type App, noContent, zoneTx } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/schemas.ts';
import {
  AsOfQuery,
  FromInvestment,
  History,
  MilestoneList,
  MilestoneParams,
  MilestonePut,
  OwnersPut,
  Plan,
  PlanPut,
  ProjectCreate,
  ProjectDetail,
  ProjectList,
  ProjectListQuery,
  ProjectUpdate,
  TaskForcePut,
  YearParams,
} from './api.ts';
import { today } from './common.ts';
import { createFromInvestment } from './from-investment.ts';
import { listMilestones, putMilestone } from './milestones.ts';
import { deletePlan, listPlans, putPlan } from './plans.ts';
import * as svc from './projects.ts';

const tags = ['major-projects'];
const base = '/api/v1/major-projects';
const VersionQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

/** Projects, their yearly lists, milestones, owners, task force and history. */
export function projectRoutes(app: App) {
  app.get(
    base,
    {
      schema: {
        tags,
        summary: '重大项目列表（year 给出时只列该年度清单上的项目，并带出该年度计划）',
        querystring: ProjectListQuery,
        response: { 200: ProjectList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => svc.listProjects(tx, actor, req.query)),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: '新建重大项目（可同时列入某年度清单）',
        body: ProjectCreate,
        response: { 201: ProjectDetail, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await zoneTx(req, 'major.write', (tx, actor) => svc.createProject(tx, actor, req.body))),
  );
  app.post(
    `${base}/from-investment`,
    {
      schema: {
        tags,
        summary:
          '将签约（及以后阶段）的招商项目列入某年度重大项目清单：沿用其编号、名称、投资方、总投资、责任单位与阶段历史',
        body: FromInvestment,
        response: { 201: ProjectDetail, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await zoneTx(req, 'major.write', (tx, actor) => createFromInvestment(tx, actor, req.body))),
  );
  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: '重大项目详情（含各年度清单、业主、专班）',
        params: IdParams,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => svc.getProject(tx, actor, req.params.id)),
  );
  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: '修改重大项目（需带上 version）',
        params: IdParams,
        body: ProjectUpdate,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.write', (tx, actor) => svc.updateProject(tx, actor, req.params.id, req.body)),
  );
  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: '删除重大项目（可恢复）',
        params: IdParams,
        querystring: VersionQuery,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await zoneTx(req, 'major.write', (tx, actor) => svc.deleteProject(tx, actor, req.params.id, req.query.version));
      return noContent(reply);
    },
  );
  app.post(
    `${base}/:id/restore`,
    {
      schema: {
        tags,
        summary: '恢复已删除的重大项目',
        params: IdParams,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.write', (tx, actor) => svc.restoreProject(tx, actor, req.params.id)),
  );
  app.get(
    `${base}/:id/history`,
    {
      schema: { tags, summary: '项目的变更记录', params: IdParams, response: { 200: History, ...errorResponses } },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => svc.projectHistory(tx, actor, req.params.id)),
  );
  app.put(
    `${base}/:id/owners`,
    {
      schema: {
        tags,
        summary: '设置项目业主账号（业主只能看到并填报自己的项目）',
        params: IdParams,
        body: OwnersPut,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.write', (tx, actor) => svc.putOwners(tx, actor, req.params.id, req.body.userIds)),
  );
  app.put(
    `${base}/:id/task-force`,
    {
      schema: {
        tags,
        summary: '设置项目专班成员',
        params: IdParams,
        body: TaskForcePut,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.write', (tx, actor) => svc.putTaskForce(tx, actor, req.params.id, req.body.members)),
  );

  app.get(
    `${base}/:id/plans`,
    {
      schema: {
        tags,
        summary: '项目的各年度清单',
        params: IdParams,
        response: { 200: z.object({ items: z.array(Plan) }), ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => listPlans(tx, actor, req.params.id)),
  );
  app.put(
    `${base}/:id/plans/:year`,
    {
      schema: {
        tags,
        summary: '列入（或修改）某年度清单：级别、建设性质、年度计划投资',
        params: YearParams,
        body: PlanPut,
        response: { 200: Plan, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.write', (tx, actor) => putPlan(tx, actor, req.params.id, req.params.year, req.body)),
  );
  app.delete(
    `${base}/:id/plans/:year`,
    {
      schema: {
        tags,
        summary: '移出某年度清单',
        params: YearParams,
        querystring: VersionQuery,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await zoneTx(req, 'major.write', (tx, actor) =>
        deletePlan(tx, actor, req.params.id, req.params.year, req.query.version),
      );
      return noContent(reply);
    },
  );

  app.get(
    `${base}/:id/milestones`,
    {
      schema: {
        tags,
        summary: '项目节点（征地、挂牌、摘牌、开工、主体完工、竣工、投产），工期以工作日计',
        params: IdParams,
        querystring: AsOfQuery,
        response: { 200: MilestoneList, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'major.read', (tx, actor) => listMilestones(tx, actor, req.params.id, req.query.asOf ?? today())),
  );
  app.put(
    `${base}/:id/milestones/:kind`,
    {
      schema: {
        tags,
        summary: '记录节点的计划与实际日期',
        params: MilestoneParams,
        body: MilestonePut,
        response: { 200: MilestoneList, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'major.write', (tx, actor) => putMilestone(tx, actor, req.params.id, req.params.kind, req.body)),
  );
}
