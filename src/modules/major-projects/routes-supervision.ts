import type { WorkCalendar } from '../../core/workdays.ts';
import { type App, zoneTx } from '../../server/context.ts';
import { errorResponses } from '../../server/schemas.ts';
import { zoneIdentity } from '../zones/identity.ts';
import {
  CalendarParams,
  CalendarPut,
  CalendarYear,
  CalendarYears,
  Dashboard,
  DashboardQuery,
  DrillMissing,
  DrillMissingQuery,
  DrillProjects,
  DrillProjectsQuery,
  DrillReports,
  DrillReportsQuery,
  Notice,
  NoticeAnswer,
  NoticeCreate,
  NoticeList,
  NoticeListQuery,
  NoticeParams,
  SettingsOut,
  SettingsPut,
  SupervisionQuery,
  SupervisionResult,
  WorkdaysOut,
  WorkdaysQuery,
} from './api-supervision.ts';
import { listCalendarYears, putCalendarYear, zoneCalendar } from './calendar.ts';
import { defaultThrough } from './common.ts';
import { dashboard, missingBehind, projectsBehind, reportsBehind } from './dashboard.ts';
import { answerNotice, getNotice, listNotices, sendNotice } from './notices.ts';
import { getSettings, putSettings } from './settings.ts';
import { supervise } from './supervision.ts';

const tags = ['major-projects'];
const base = '/api/v1/major-projects';

const yt = <T extends { year: number; through?: string }>(q: T) => ({
  ...q,
  through: q.through ?? defaultThrough(q.year),
});

/** Settings, supervision colours, notices, the dashboard with its drill-downs, and the working-day calendar. */
export function supervisionRoutes(app: App) {
  app.get(
    `${base}/settings`,
    { schema: { tags, summary: '月报填报日与督导规则', response: { 200: SettingsOut, ...errorResponses } } },
    (req) => zoneTx(req, 'major.read', (tx, actor) => getSettings(tx, actor.zoneId)),
  );
  app.put(
    `${base}/settings`,
    {
      schema: {
        tags,
        summary: '修改月报填报日与督导规则（管理员；需 version，初次为 0）',
        body: SettingsPut,
        response: { 200: SettingsOut, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.write', (tx, actor) => putSettings(tx, actor, req.body)),
  );
  app.get(
    `${base}/supervision`,
    {
      schema: {
        tags,
        summary: '督导红黄绿灯及原因（through 缺省为已到填报期的最后一个月）',
        querystring: SupervisionQuery,
        response: { 200: SupervisionResult, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'report.read', (tx, actor) => supervise(tx, actor.zoneId, req.query)),
  );

  app.get(
    `${base}/notices`,
    {
      schema: {
        tags,
        summary: '督办通知',
        querystring: NoticeListQuery,
        response: { 200: NoticeList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'report.read', (tx, actor) => listNotices(tx, actor, req.query)),
  );
  app.post(
    `${base}/notices`,
    {
      schema: { tags, summary: '向部门发督办通知', body: NoticeCreate, response: { 201: Notice, ...errorResponses } },
    },
    async (req, reply) =>
      reply.status(201).send(await zoneTx(req, 'major.write', (tx, actor) => sendNotice(tx, actor, req.body))),
  );
  app.get(
    `${base}/notices/:noticeId`,
    { schema: { tags, summary: '督办通知详情', params: NoticeParams, response: { 200: Notice, ...errorResponses } } },
    (req) => zoneTx(req, 'report.read', (tx) => getNotice(tx, req.params.noticeId)),
  );
  app.post(
    `${base}/notices/:noticeId/answer`,
    {
      schema: {
        tags,
        summary: '部门答复督办通知',
        params: NoticeParams,
        body: NoticeAnswer,
        response: { 200: Notice, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'major.write', (tx, actor) => answerNotice(tx, actor, req.params.noticeId, req.body)),
  );

  app.get(
    `${base}/dashboard`,
    {
      schema: {
        tags,
        summary: '年度看板：完成率、开工率（总体、分级别、分部门、分性质），月度趋势，部门排名，红黄灯，逾期问题',
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'report.read', async (tx, actor) =>
        dashboard(tx, await zoneIdentity(tx, actor.zoneId), yt(req.query)),
      ),
  );
  app.get(
    `${base}/dashboard/projects`,
    {
      schema: {
        tags,
        summary: '看板数字背后的项目（figure: all|newPlanned|newStarted|newNotStarted|missing）',
        querystring: DrillProjectsQuery,
        response: { 200: DrillProjects, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'report.read', (tx, actor) => projectsBehind(tx, actor.zoneId, yt(req.query))),
  );
  app.get(
    `${base}/dashboard/missing-reports`,
    {
      schema: {
        tags,
        summary: '缺报月报数背后的（项目, 月份）',
        querystring: DrillMissingQuery,
        response: { 200: DrillMissing, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'report.read', (tx, actor) => missingBehind(tx, actor.zoneId, yt(req.query))),
  );
  app.get(
    `${base}/dashboard/reports`,
    {
      schema: {
        tags,
        summary: '完成投资背后的月报（month 给出时为趋势图中的某月）',
        querystring: DrillReportsQuery,
        response: { 200: DrillReports, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'report.read', (tx, actor) => reportsBehind(tx, actor.zoneId, yt(req.query))),
  );

  app.get(
    '/api/v1/calendar/years',
    {
      schema: {
        tags: ['calendar'],
        summary: '工作日历：各年度放假与调休安排',
        response: { 200: CalendarYears, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'zone.read', (tx, actor) => listCalendarYears(tx, actor.zoneId)),
  );
  app.put(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: '添加或更正某年度的放假与调休安排（管理员）',
        params: CalendarParams,
        body: CalendarPut,
        response: { 200: CalendarYear, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'zone.read', (tx, actor) => putCalendarYear(tx, actor, { ...req.body, year: req.params.year })),
  );
  app.get(
    '/api/v1/calendar/workdays',
    {
      schema: {
        tags: ['calendar'],
        summary: '工作日计算：from 到 to 之间的工作日数（不含当天），或 from 之后第 add 个工作日',
        querystring: WorkdaysQuery,
        response: { 200: WorkdaysOut, ...errorResponses },
      },
    },
    (req) =>
      zoneTx(req, 'zone.read', async (tx, actor) => {
        const cal: WorkCalendar = await zoneCalendar(tx, actor.zoneId);
        const { from } = req.query;
        const to = req.query.to ?? cal.addWorkdays(from, req.query.add ?? 0);
        const [a, b] = from <= to ? [from, to] : [to, from];
        let covered = true;
        for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) covered &&= cal.covers(y);
        return { from, to, workdays: cal.workdaysBetween(from, to), covered };
      }),
  );
}
