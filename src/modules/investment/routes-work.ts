import { type App, noContent, zoneTx } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/schemas.ts';
import { VersionQuery } from '../departments/api.ts';
import * as agencies from './agencies.ts';
import {
  Agency,
  AgencyList,
  AgencyParams,
  AgencyQuery,
  AgencyUpdate,
  Commitment,
  CommitmentCreate,
  CommitmentList,
  CommitmentQuery,
  CommitmentUpdate,
  Evaluation,
  EvaluationInput,
  Target,
  TargetCreate,
  TargetList,
  TargetQuery,
  TargetUpdate,
  Visit,
  VisitCreate,
  VisitList,
  VisitListQuery,
  VisitUpdate,
} from './api-work.ts';
import * as commitments from './commitments.ts';
import * as evaluation from './evaluation.ts';
import { getProject } from './project-read.ts';
import { BASE, tags } from './routes-util.ts';
import { today } from './scope.ts';
import * as targets from './targets.ts';
import * as visits from './visits.ts';

const thisYear = () => Number(today().slice(0, 4));

/** Visits, agencies, targets, evaluations and commitments. */
export function workRoutes(app: App) {
  app.get(
    `${BASE}/visits`,
    {
      schema: {
        tags,
        summary: '招商考察与走访',
        querystring: VisitListQuery,
        response: { 200: VisitList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => visits.listVisits(tx, actor, req.query)),
  );
  app.post(
    `${BASE}/visits`,
    { schema: { tags, summary: '登记考察或走访', body: VisitCreate, response: { 201: Visit, ...errorResponses } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await zoneTx(req, 'investment.write', (tx, actor) => visits.createVisit(tx, actor, req.body))),
  );
  app.get(
    `${BASE}/visits/:id`,
    { schema: { tags, summary: '考察详情', params: IdParams, response: { 200: Visit, ...errorResponses } } },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => visits.getVisit(tx, actor, req.params.id)),
  );
  app.patch(
    `${BASE}/visits/:id`,
    {
      schema: {
        tags,
        summary: '修改考察记录',
        params: IdParams,
        body: VisitUpdate,
        response: { 200: Visit, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => visits.updateVisit(tx, actor, req.params.id, req.body)),
  );
  app.delete(
    `${BASE}/visits/:id`,
    {
      schema: { tags, summary: '删除考察记录', params: IdParams, querystring: VersionQuery, response: errorResponses },
    },
    async (req, reply) => {
      await zoneTx(req, 'investment.write', (tx, actor) =>
        visits.deleteVisit(tx, actor, req.params.id, req.query.version),
      );
      return noContent(reply);
    },
  );

  app.get(
    `${BASE}/agencies`,
    {
      schema: {
        tags,
        summary: '第三方招商机构：合同、年度任务与完成情况',
        querystring: AgencyQuery,
        response: { 200: AgencyList, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'investment.read', (tx, actor) => agencies.listAgencies(tx, actor, req.query.year ?? thisYear())),
  );
  app.put(
    `${BASE}/agencies/:departmentId`,
    {
      schema: {
        tags,
        summary: '设置机构的合同期与年度任务（固定资产投资，元）',
        params: AgencyParams,
        querystring: AgencyQuery,
        body: AgencyUpdate,
        response: { 200: Agency, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'investment.write', (tx, actor) =>
        agencies.saveAgency(tx, actor, req.params.departmentId, req.body, req.query.year ?? thisYear()),
      ),
  );

  app.get(
    `${BASE}/targets`,
    {
      schema: {
        tags,
        summary: '任务书：目标、由记录算出的完成情况与排名',
        querystring: TargetQuery,
        response: { 200: TargetList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => targets.listTargets(tx, actor, req.query.year)),
  );
  app.post(
    `${BASE}/targets`,
    { schema: { tags, summary: '下达任务书', body: TargetCreate, response: { 201: Target, ...errorResponses } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await zoneTx(req, 'investment.write', (tx, actor) => targets.createTarget(tx, actor, req.body))),
  );
  app.patch(
    `${BASE}/targets/:id`,
    {
      schema: {
        tags,
        summary: '修改任务书',
        params: IdParams,
        body: TargetUpdate,
        response: { 200: Target, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.write', (tx, actor) => targets.updateTarget(tx, actor, req.params.id, req.body)),
  );
  app.delete(
    `${BASE}/targets/:id`,
    { schema: { tags, summary: '删除任务书', params: IdParams, querystring: VersionQuery, response: errorResponses } },
    async (req, reply) => {
      await zoneTx(req, 'investment.write', (tx, actor) =>
        targets.deleteTarget(tx, actor, req.params.id, req.query.version),
      );
      return noContent(reply);
    },
  );

  app.get(
    `${BASE}/projects/:id/evaluation`,
    {
      schema: {
        tags,
        summary: '项目研判与收支测算',
        params: IdParams,
        response: { 200: Evaluation, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => evaluation.getEvaluation(tx, actor, req.params.id)),
  );
  app.put(
    `${BASE}/projects/:id/evaluation`,
    {
      schema: {
        tags,
        summary: '保存项目研判（逐年产值、税收、扶持资金；整体替换）',
        params: IdParams,
        body: EvaluationInput,
        response: { 200: Evaluation, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'investment.write', (tx, actor) => evaluation.saveEvaluation(tx, actor, req.params.id, req.body)),
  );

  app.get(
    `${BASE}/commitments`,
    {
      schema: {
        tags,
        summary: '对赌承诺（可筛选未达标 shortfall、逾期未填 missing）',
        querystring: CommitmentQuery,
        response: { 200: CommitmentList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'investment.read', (tx, actor) => commitments.listCommitments(tx, actor, req.query)),
  );
  app.get(
    `${BASE}/projects/:id/commitments`,
    {
      schema: {
        tags,
        summary: '项目的对赌承诺',
        params: IdParams,
        response: { 200: CommitmentList, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'investment.read', async (tx, actor) => {
        // Another zone's or agency's project is not found, like one that does not exist (not an empty list).
        await getProject(tx, actor, req.params.id);
        return commitments.listCommitments(tx, actor, { projectId: req.params.id, page: 1, pageSize: 500 });
      }),
  );
  app.post(
    `${BASE}/projects/:id/commitments`,
    {
      schema: {
        tags,
        summary: '登记承诺指标',
        params: IdParams,
        body: CommitmentCreate,
        response: { 201: Commitment, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await zoneTx(req, 'investment.write', (tx, actor) =>
            commitments.createCommitment(tx, actor, req.params.id, req.body),
          ),
        ),
  );
  app.patch(
    `${BASE}/commitments/:id`,
    {
      schema: {
        tags,
        summary: '修改承诺或填报实际完成',
        params: IdParams,
        body: CommitmentUpdate,
        response: { 200: Commitment, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'investment.write', (tx, actor) => commitments.updateCommitment(tx, actor, req.params.id, req.body)),
  );
  app.delete(
    `${BASE}/commitments/:id`,
    { schema: { tags, summary: '删除承诺', params: IdParams, querystring: VersionQuery, response: errorResponses } },
    async (req, reply) => {
      await zoneTx(req, 'investment.write', (tx, actor) =>
        commitments.deleteCommitment(tx, actor, req.params.id, req.query.version),
      );
      return noContent(reply);
    },
  );
}
