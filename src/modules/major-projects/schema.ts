import {
  bigserial,
  customType,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { HolidayRange } from '../../core/workdays.ts';

/** Mirrors src/db/migrations/0004_major_projects.sql (and 0005: the link to an investment project). */

export const LEVELS = ['province', 'city', 'zone'] as const;
export type Level = (typeof LEVELS)[number];
export const KINDS = ['new', 'continuing', 'finishing'] as const;
export type Kind = (typeof KINDS)[number];
export const MILESTONES = [
  'land_requisition',
  'land_listing',
  'land_award',
  'start',
  'structure_done',
  'completion',
  'operation',
] as const;
export type MilestoneKind = (typeof MILESTONES)[number];
export const ISSUE_CATEGORIES = ['land', 'environment', 'approval', 'funding', 'utilities', 'other'] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];
export const ISSUE_STATUSES = ['open', 'assigned', 'handling', 'responded', 'reviewed', 'closed'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const ISSUE_STEPS = [
  'raise',
  'assign',
  'handle',
  'respond',
  'review_pass',
  'review_reject',
  'close',
  'escalate',
] as const;
export type IssueStep = (typeof ISSUE_STEPS)[number];
export const FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type FileType = (typeof FILE_TYPES)[number];

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
const day = (name: string) => date(name, { mode: 'string' });
const ts = (name: string) => timestamp(name, { withTimezone: true });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const majorProjects = pgTable('major_projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  key: text('key').notNull(),
  name: text('name').notNull(),
  builder: text('builder').notNull(),
  totalInvestment: money('total_investment').notNull(),
  departmentId: uuid('department_id'),
  location: text('location').notNull(),
  description: text('description').notNull(),
  /** The signed investment project (招商) it was put on a list from, if any. */
  investmentProjectId: uuid('investment_project_id'),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const majorProjectPlans = pgTable('major_project_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id').notNull(),
  year: integer('year').notNull(),
  levels: text('levels').array().notNull().$type<Level[]>(),
  kind: text('kind', { enum: KINDS }).notNull(),
  annualPlan: money('annual_plan').notNull(),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const majorProjectMilestones = pgTable('major_project_milestones', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id').notNull(),
  kind: text('kind', { enum: MILESTONES }).notNull(),
  plannedDate: day('planned_date'),
  actualDate: day('actual_date'),
  note: text('note').notNull(),
  version: integer('version').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const majorProjectOwners = pgTable(
  'major_project_owners',
  {
    zoneId: uuid('zone_id').notNull(),
    projectId: uuid('project_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] })],
);

export const majorProjectTaskForce = pgTable('major_project_task_force', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  departmentId: uuid('department_id'),
  phone: text('phone'),
  userId: uuid('user_id'),
  sortOrder: integer('sort_order').notNull(),
});

export const majorProjectReports = pgTable('major_project_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id').notNull(),
  month: day('month').notNull(),
  completed: money('completed').notNull(),
  progress: text('progress').notNull(),
  problems: text('problems').notNull(),
  source: text('source', { enum: ['web', 'ledger'] }).notNull(),
  filedBy: uuid('filed_by'),
  filedByName: text('filed_by_name').notNull(),
  filedAt: ts('filed_at').notNull().defaultNow(),
  version: integer('version').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const majorProjectReportRevisions = pgTable('major_project_report_revisions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  zoneId: uuid('zone_id').notNull(),
  reportId: uuid('report_id').notNull(),
  version: integer('version').notNull(),
  completed: money('completed').notNull(),
  progress: text('progress').notNull(),
  problems: text('problems').notNull(),
  source: text('source').notNull(),
  filedByName: text('filed_by_name').notNull(),
  filedAt: ts('filed_at').notNull(),
  replacedBy: uuid('replaced_by'),
  replacedByName: text('replaced_by_name').notNull(),
  replacedAt: ts('replaced_at').notNull().defaultNow(),
  reason: text('reason').notNull(),
});

export const majorProjectFiles = pgTable('major_project_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id').notNull(),
  month: day('month'),
  filename: text('filename').notNull(),
  contentType: text('content_type', { enum: FILE_TYPES }).notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  caption: text('caption').notNull(),
  data: bytea('data').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedByName: text('uploaded_by_name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const majorProjectIssues = pgTable('major_project_issues', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id').notNull(),
  description: text('description').notNull(),
  category: text('category', { enum: ISSUE_CATEGORIES }).notNull(),
  departmentId: uuid('department_id'),
  status: text('status', { enum: ISSUE_STATUSES }).notNull(),
  source: text('source', { enum: ['manual', 'report'] }).notNull(),
  reportId: uuid('report_id'),
  raisedOn: day('raised_on').notNull(),
  assignedOn: day('assigned_on'),
  deadlineWorkdays: integer('deadline_workdays'),
  deadline: day('deadline'),
  respondedOn: day('responded_on'),
  closedOn: day('closed_on'),
  escalatedOn: day('escalated_on'),
  resolution: text('resolution').notNull(),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const majorProjectIssueSteps = pgTable('major_project_issue_steps', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  zoneId: uuid('zone_id').notNull(),
  issueId: uuid('issue_id').notNull(),
  step: text('step', { enum: ISSUE_STEPS }).notNull(),
  onDate: day('on_date').notNull(),
  note: text('note').notNull(),
  departmentId: uuid('department_id'),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  at: ts('at').notNull().defaultNow(),
});

export const majorProjectSettings = pgTable('major_project_settings', {
  zoneId: uuid('zone_id').primaryKey(),
  reportDueDay: integer('report_due_day').notNull(),
  lagYellow: numeric('lag_yellow', { precision: 6, scale: 4 }).notNull(),
  lagRed: numeric('lag_red', { precision: 6, scale: 4 }).notNull(),
  missingYellow: integer('missing_yellow').notNull(),
  missingRed: integer('missing_red').notNull(),
  overdueYellow: integer('overdue_yellow').notNull(),
  overdueRed: integer('overdue_red').notNull(),
  lateMilestoneYellow: integer('late_milestone_yellow').notNull(),
  lateMilestoneRed: integer('late_milestone_red').notNull(),
  coordinatingDepartmentId: uuid('coordinating_department_id'),
  version: integer('version').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const majorSupervisionNotices = pgTable('major_supervision_notices', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id'),
  departmentId: uuid('department_id').notNull(),
  title: text('title').notNull(),
  content: text('content').notNull(),
  sentOn: day('sent_on').notNull(),
  replyBy: day('reply_by'),
  sentBy: uuid('sent_by'),
  sentByName: text('sent_by_name').notNull(),
  answer: text('answer'),
  answeredOn: day('answered_on'),
  answeredBy: uuid('answered_by'),
  answeredByName: text('answered_by_name'),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const workCalendarYears = pgTable(
  'work_calendar_years',
  {
    zoneId: uuid('zone_id').notNull(),
    year: integer('year').notNull(),
    source: text('source').notNull(),
    holidays: jsonb('holidays').notNull().$type<HolidayRange[]>(),
    workdays: jsonb('workdays').notNull().$type<string[]>(),
    updatedByName: text('updated_by_name').notNull(),
    version: integer('version').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.year] })],
);
