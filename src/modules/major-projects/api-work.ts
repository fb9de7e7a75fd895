import { z } from 'zod';
import { Id, rule, Timestamp, Version } from '../../server/schemas.ts';
import { DateIn, Money, MoneyIn, MonthIn } from './api.ts';
import { ISSUE_CATEGORIES, ISSUE_STATUSES, ISSUE_STEPS } from './schema.ts';

/** Schemas of the day-to-day work: monthly reports, files, issues. */

const text = (max: number) => z.string().trim().max(max);

export const ReportRevision = z.object({
  version: z.number().int(),
  completed: Money,
  progress: z.string(),
  problems: z.string(),
  source: z.string(),
  filedByName: z.string(),
  filedAt: Timestamp,
  replacedByName: z.string(),
  replacedAt: Timestamp,
  reason: z.string(),
});

export const MonthlyReport = z
  .object({
    id: Id,
    projectId: Id,
    projectKey: z.string(),
    projectName: z.string(),
    month: z.string(),
    completed: Money,
    progress: z.string(),
    problems: z.string(),
    source: z.enum(['web', 'ledger']),
    filedByName: z.string(),
    filedAt: Timestamp,
    dueDate: z.string(),
    /** Filed after the due day (e.g. the 5th of the next month). */
    filedLate: z.boolean(),
    version: z.number().int(),
    updatedAt: Timestamp,
    revisions: z.array(ReportRevision),
    /** The issue a non-empty 存在问题 opened, when this request opened one. */
    openedIssueId: Id.nullable(),
  })
  .meta({ id: 'MajorProjectMonthlyReport' });
export type MonthlyReport = z.infer<typeof MonthlyReport>;

export const ReportFile = z.strictObject({
  month: MonthIn,
  completed: MoneyIn,
  progress: text(2000).default(''),
  problems: text(2000).default(''),
});
export type ReportFile = z.infer<typeof ReportFile>;

export const ReportCorrect = z.strictObject({
  version: Version,
  completed: MoneyIn.optional(),
  progress: text(2000).optional(),
  problems: text(2000).optional(),
  reason: z.string().trim().min(1).max(500),
});
export type ReportCorrect = z.infer<typeof ReportCorrect>;

export const ReportList = z.object({ items: z.array(MonthlyReport) });
export const ReportParams = z.object({ id: Id, month: MonthIn });
export const ReportListQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const MissingReport = z.object({
  projectId: Id,
  key: z.string(),
  name: z.string(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  kind: z.string(),
  month: z.string(),
  dueDate: z.string(),
  /** The due day has passed. */
  overdue: z.boolean(),
});
export const MissingReportList = z
  .object({ month: z.string(), dueDate: z.string(), asOf: z.string(), items: z.array(MissingReport) })
  .meta({ id: 'MajorProjectMissingReports' });
export const MissingQuery = z.strictObject({ month: MonthIn.optional(), asOf: DateIn.optional() });

export const FileMeta = z
  .object({
    id: Id,
    projectId: Id,
    month: z.string().nullable(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    caption: z.string(),
    uploadedByName: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'MajorProjectFile' });
export type FileMeta = z.infer<typeof FileMeta>;
export const FileList = z.object({ items: z.array(FileMeta) });
export const FileParams = z.object({ id: Id, fileId: Id });

export const IssueCategory = z.enum(ISSUE_CATEGORIES);
export const IssueStatus = z.enum(ISSUE_STATUSES);

export const IssueStepOut = z.object({
  step: z.enum(ISSUE_STEPS),
  onDate: z.string(),
  note: z.string(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  actorName: z.string(),
  at: Timestamp,
});

export const Issue = z
  .object({
    id: Id,
    projectId: Id,
    projectKey: z.string(),
    projectName: z.string(),
    description: z.string(),
    category: IssueCategory,
    departmentId: Id.nullable(),
    departmentName: z.string().nullable(),
    status: IssueStatus,
    source: z.enum(['manual', 'report']),
    reportMonth: z.string().nullable(),
    raisedOn: z.string(),
    assignedOn: z.string().nullable(),
    deadlineWorkdays: z.number().int().nullable(),
    deadline: z.string().nullable(),
    respondedOn: z.string().nullable(),
    closedOn: z.string().nullable(),
    escalatedOn: z.string().nullable(),
    resolution: z.string(),
    /** Past its deadline and not closed, as of the request's date. */
    overdue: z.boolean(),
    /** Working days past the deadline (0 when not overdue). */
    overdueWorkdays: z.number().int(),
    version: z.number().int(),
    steps: z.array(IssueStepOut),
  })
  .meta({ id: 'MajorProjectIssue' });
export type Issue = z.infer<typeof Issue>;

export const IssueCreate = z.strictObject({
  description: z.string().trim().min(1).max(2000),
  category: IssueCategory.default('other'),
  departmentId: Id.nullable().default(null),
  raisedOn: DateIn.optional(),
});
export type IssueCreate = z.infer<typeof IssueCreate>;

const stepBase = { version: Version, on: DateIn.optional(), note: text(2000).default('') };
export const IssueStepIn = z
  .discriminatedUnion('step', [
    z.strictObject({
      step: z.literal('assign'),
      ...stepBase,
      departmentId: Id,
      deadlineWorkdays: z.number().int().min(1).max(250),
      category: IssueCategory.optional(),
    }),
    z.strictObject({ step: z.literal('handle'), ...stepBase }),
    z.strictObject({ step: z.literal('respond'), ...stepBase, note: z.string().trim().min(1).max(2000) }),
    z.strictObject({ step: z.literal('review'), ...stepBase, passed: z.boolean() }),
    z.strictObject({ step: z.literal('close'), ...stepBase }),
  ])
  .superRefine((v, ctx) => {
    if (v.step === 'review' && !v.passed && v.note === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        ...rule('复核不通过须写明原因', 'A failed review needs its reason'),
      });
    }
  });
export type IssueStepIn = z.infer<typeof IssueStepIn>;

export const IssueListQuery = z.strictObject({
  projectId: Id.optional(),
  status: IssueStatus.optional(),
  open: z.enum(['true', 'false']).optional(),
  departmentId: Id.optional(),
  category: IssueCategory.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  asOf: DateIn.optional(),
});
export type IssueListQuery = z.infer<typeof IssueListQuery>;
export const IssueList = z.object({ items: z.array(Issue), total: z.number().int(), asOf: z.string() });
export const IssueParams = z.object({ issueId: Id });
