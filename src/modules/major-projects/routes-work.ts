import { z } from 'zod';
import { type App, noContent, requireActor, zoneTx } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/schemas.ts';
import { readUpload } from '../../server/upload.ts';
import { AsOfQuery, MonthIn } from './api.ts';
import {
  FileList,
  FileMeta,
  FileParams,
  Issue,
  IssueCreate,
  IssueList,
  IssueListQuery,
  IssueParams,
  IssueStepIn,
  MissingQuery,
  MissingReportList,
  MonthlyReport,
  ReportCorrect,
  ReportFile,
  ReportList,
  ReportListQuery,
  ReportParams,
} from './api-work.ts';
import { assertMayReport, assertVisibleProject } from './common.ts';
import { deleteFile, listFiles, MAX_FILE_BYTES, readFile, uploadFile } from './files.ts';
import { createIssue, escalateOverdue, getIssue, listIssues, stepIssue } from './issues.ts';
import { correctReport, fileReport, getReport, listReports, missingReports } from './reports.ts';

const tags = ['major-projects'];
const base = '/api/v1/major-projects';
const Binary = z.unknown().meta({ description: 'the file' });

/** Monthly reports, photos and files, issues and their loop. */
export function workRoutes(app: App) {
  app.get(
    `${base}/missing-reports`,
    {
      schema: {
        tags,
        summary: '未报月报名单（默认上月；到期日为次月的填报日）',
        querystring: MissingQuery,
        response: { 200: MissingReportList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => missingReports(tx, actor, req.query)),
  );
  app.get(
    `${base}/:id/reports`,
    {
      schema: {
        tags,
        summary: '项目月报（含更正前的历史数）',
        params: IdParams,
        querystring: ReportListQuery,
        response: { 200: ReportList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => listReports(tx, actor, req.params.id, req.query.year)),
  );
  app.post(
    `${base}/:id/reports`,
    {
      schema: {
        tags,
        summary: '填报月报（责任部门或项目业主）；存在问题会生成问题协调事项',
        params: IdParams,
        body: ReportFile,
        response: { 201: MonthlyReport, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await zoneTx(req, null, (tx, actor) => fileReport(tx, actor, req.params.id, req.body))),
  );
  app.get(
    `${base}/:id/reports/:month`,
    {
      schema: { tags, summary: '某月月报', params: ReportParams, response: { 200: MonthlyReport, ...errorResponses } },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => getReport(tx, actor, req.params.id, req.params.month)),
  );
  app.patch(
    `${base}/:id/reports/:month`,
    {
      schema: {
        tags,
        summary: '更正月报（需 version 与更正原因；原数保留在历史中）',
        params: ReportParams,
        body: ReportCorrect,
        response: { 200: MonthlyReport, ...errorResponses },
      },
    },
    (req) => zoneTx(req, null, (tx, actor) => correctReport(tx, actor, req.params.id, req.params.month, req.body)),
  );

  app.get(
    `${base}/:id/files`,
    {
      schema: {
        tags,
        summary: '项目照片与文件',
        params: IdParams,
        querystring: z.strictObject({ month: MonthIn.optional() }),
        response: { 200: FileList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => listFiles(tx, actor, req.params.id, req.query.month)),
  );
  app.post(
    `${base}/:id/files`,
    {
      schema: {
        tags,
        summary: '上传照片或文件（multipart 字段 file；JPEG/PNG/WebP/PDF，不超过 10 MB）',
        params: IdParams,
        querystring: z.strictObject({ month: MonthIn.optional(), caption: z.string().trim().max(500).optional() }),
        response: { 201: FileMeta, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      // Refuse before reading the body when the caller may not upload here.
      await zoneTx(req, null, (tx) => assertMayReport(tx, actor, req.params.id));
      const part = await readUpload(req, MAX_FILE_BYTES);
      const meta = await zoneTx(req, null, (tx) =>
        uploadFile(tx, actor, req.params.id, {
          data: part.data,
          filename: part.filename,
          month: req.query.month,
          caption: req.query.caption,
        }),
      );
      return reply.status(201).send(meta);
    },
  );
  app.get(
    `${base}/:id/files/:fileId`,
    {
      schema: { tags, summary: '下载照片或文件', params: FileParams, response: { 200: Binary, ...errorResponses } },
    },
    async (req, reply) => {
      const { meta, data } = await zoneTx(req, 'major.read', (tx, actor) =>
        readFile(tx, actor, req.params.id, req.params.fileId),
      );
      const disposition = meta.contentType === 'application/pdf' ? 'attachment' : 'inline';
      return reply
        .type(meta.contentType)
        .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(data);
    },
  );
  app.delete(
    `${base}/:id/files/:fileId`,
    { schema: { tags, summary: '删除照片或文件', params: FileParams, response: errorResponses } },
    async (req, reply) => {
      await zoneTx(req, 'major.read', (tx, actor) => deleteFile(tx, actor, req.params.id, req.params.fileId));
      return noContent(reply);
    },
  );

  app.get(
    `${base}/issues`,
    {
      schema: {
        tags,
        summary: '问题协调清单（overdue=true 为逾期问题）',
        querystring: IssueListQuery,
        response: { 200: IssueList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => listIssues(tx, actor, req.query)),
  );
  app.get(
    `${base}/issues/escalated`,
    {
      schema: {
        tags,
        summary: '领导督办清单：逾期未办结的问题',
        querystring: AsOfQuery,
        response: { 200: IssueList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => listIssues(tx, actor, { overdue: 'true', asOf: req.query.asOf })),
  );
  app.post(
    `${base}/issues/escalate`,
    {
      schema: {
        tags,
        summary: '将新逾期的问题提交领导督办（可重复执行）',
        body: z.strictObject({}).optional(),
        response: { 200: z.object({ escalated: z.number().int(), asOf: z.string() }), ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.write', (tx, actor) => escalateOverdue(tx, actor)),
  );
  app.get(
    `${base}/issues/:issueId`,
    {
      schema: { tags, summary: '问题详情与办理过程', params: IssueParams, response: { 200: Issue, ...errorResponses } },
    },
    (req) => zoneTx(req, 'major.read', (tx, actor) => getIssue(tx, actor, req.params.issueId)),
  );
  app.post(
    `${base}/issues/:issueId/steps`,
    {
      schema: {
        tags,
        summary: '办理一步：交办 assign → 办理 handle → 反馈 respond → 复核 review → 销号 close',
        params: IssueParams,
        body: IssueStepIn,
        response: { 200: Issue, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.write', (tx, actor) => stepIssue(tx, actor, req.params.issueId, req.body)),
  );
  app.get(
    `${base}/:id/issues`,
    {
      schema: {
        tags,
        summary: '项目的问题',
        params: IdParams,
        querystring: AsOfQuery,
        response: { 200: IssueList, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'major.read', async (tx, actor) => {
        await assertVisibleProject(tx, actor, req.params.id);
        return listIssues(tx, actor, { projectId: req.params.id, asOf: req.query.asOf });
      }),
  );
  app.post(
    `${base}/:id/issues`,
    {
      schema: {
        tags,
        summary: '提出问题（待交办）',
        params: IdParams,
        body: IssueCreate,
        response: { 201: Issue, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await zoneTx(req, null, async (tx, actor) => {
          await assertMayReport(tx, actor, req.params.id);
          return createIssue(tx, actor, req.params.id, req.body);
        }),
      ),
  );
}
