import { z } from 'zod';
import { isIsoMonth } from '../../core/dates.ts';
import { Id, rule, Version } from '../../server/schemas.ts';
import { DateIn, Kind, Level, Money, MonthIn, YearIn } from './api.ts';

/** Schemas of supervision, notices, the dashboard and its drill-downs, and the working-day calendar. */

const Fraction = z.number().min(-1).max(0);
const Count = z.number().int().min(0).max(100);

export const SettingsOut = z
  .object({
    reportDueDay: z.number().int(),
    lagYellow: z.number(),
    lagRed: z.number(),
    missingYellow: z.number().int(),
    missingRed: z.number().int(),
    overdueYellow: z.number().int(),
    overdueRed: z.number().int(),
    lateMilestoneYellow: z.number().int(),
    lateMilestoneRed: z.number().int(),
    coordinatingDepartmentId: Id.nullable().meta({
      description: '统筹部门：其工作人员可办理全部重大项目；其他部门只办理本部门负责或参与专班的项目',
    }),
    version: z.number().int().meta({ description: '0 while the defaults apply' }),
  })
  .meta({ id: 'MajorProjectSettings' });

export const SettingsPut = z.strictObject({
  reportDueDay: z.number().int().min(1).max(28),
  lagYellow: Fraction,
  lagRed: Fraction,
  missingYellow: Count,
  missingRed: Count,
  overdueYellow: Count,
  overdueRed: Count,
  lateMilestoneYellow: Count,
  lateMilestoneRed: Count,
  /** Left out: unchanged. */
  coordinatingDepartmentId: Id.nullable().optional(),
  version: z.number().int().min(0),
});

const Colour = z.enum(['green', 'yellow', 'red']);
const TextOut = z.object({ 'zh-CN': z.string(), en: z.string() });

export const SupervisionItem = z
  .object({
    projectId: Id,
    key: z.string(),
    name: z.string(),
    kind: Kind,
    levels: z.array(Level),
    departmentId: Id.nullable(),
    departmentName: z.string().nullable(),
    annualPlan: Money,
    completed: Money,
    completionRate: z.number().nullable(),
    timeShare: z.number(),
    /** 超时间进度 = completion rate − time share. */
    lag: z.number().nullable(),
    reportsMissing: z.number().int(),
    overdueIssues: z.number().int(),
    lateMilestones: z.number().int(),
    colour: Colour,
    reasons: z.array(
      z.object({
        rule: z.enum(['lag', 'missing', 'overdue', 'lateMilestone']),
        colour: z.enum(['yellow', 'red']),
        value: z.number(),
        threshold: z.number(),
        text: TextOut,
      }),
    ),
  })
  .meta({ id: 'MajorProjectSupervisionItem' });

const ColourCounts = z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() });

export const SupervisionResult = z
  .object({
    year: z.number().int(),
    through: z.string(),
    asOf: z.string(),
    timeShare: z.number(),
    counts: ColourCounts,
    items: z.array(SupervisionItem),
  })
  .meta({ id: 'MajorProjectSupervision' });

export const SupervisionQuery = z.strictObject({
  year: YearIn,
  through: MonthIn.optional(),
  asOf: DateIn.optional(),
  colour: Colour.optional(),
  departmentId: Id.optional(),
});

export const Notice = z
  .object({
    id: Id,
    projectId: Id.nullable(),
    projectKey: z.string().nullable(),
    projectName: z.string().nullable(),
    departmentId: Id,
    departmentName: z.string(),
    title: z.string(),
    content: z.string(),
    sentOn: z.string(),
    replyBy: z.string().nullable(),
    sentByName: z.string(),
    answer: z.string().nullable(),
    answeredOn: z.string().nullable(),
    answeredByName: z.string().nullable(),
    status: z.enum(['sent', 'answered']),
    overdue: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'MajorProjectNotice' });
export const NoticeList = z.object({ items: z.array(Notice), total: z.number().int() });
export const NoticeCreate = z.strictObject({
  projectId: Id.nullable().default(null),
  departmentId: Id,
  title: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(4000),
  replyBy: DateIn.nullable().default(null),
  sentOn: DateIn.optional(),
});
export const NoticeAnswer = z.strictObject({
  version: Version,
  answer: z.string().trim().min(1).max(4000),
  answeredOn: DateIn.optional(),
});
export const NoticeListQuery = z.strictObject({
  departmentId: Id.optional(),
  projectId: Id.optional(),
  status: z.enum(['sent', 'answered']).optional(),
});
export const NoticeParams = z.object({ noticeId: Id });

const Figures = z.object({
  projects: z.number().int(),
  annualPlan: Money,
  completed: Money,
  completionRate: z.number(),
  newPlanned: z.number().int(),
  newStarted: z.number().int(),
  startRate: z.number(),
  reportsMissing: z.number().int(),
});
const LevelFigures = z.object({
  projects: z.number().int(),
  annualPlan: Money,
  completed: Money,
  completionRate: z.number(),
});

export const Summary = z
  .object({
    zone: z.string(),
    year: z.number().int(),
    through: z.string(),
    projects: z.number().int(),
    annualPlan: Money,
    completed: Money,
    completionRate: z.number(),
    byLevel: z.object({ province: LevelFigures, city: LevelFigures, zone: LevelFigures }),
    newStarts: z.object({ planned: z.number().int(), started: z.number().int(), startRate: z.number() }),
    reportsMissing: z.number().int(),
  })
  .meta({ id: 'MajorProjectsSummary' });

export const Dashboard = Summary.extend({
  asOf: z.string(),
  /** Every figure per level, start rate and missing reports included (a project on two lists in both). */
  levels: z.object({ province: Figures, city: Figures, zone: Figures }),
  byKind: z.object({ new: Figures, continuing: Figures, finishing: Figures }),
  byDepartment: z.array(
    Figures.extend({ departmentId: Id.nullable(), departmentName: z.string().nullable(), rank: z.number().int() }),
  ),
  trend: z.array(
    z.object({
      month: z.string(),
      completed: Money,
      cumulative: Money,
      cumulativeRate: z.number(),
      timeShare: z.number(),
    }),
  ),
  supervision: z.object({ timeShare: z.number(), counts: ColourCounts }),
  flagged: z.array(SupervisionItem),
  overdueIssues: z.number().int(),
}).meta({ id: 'MajorProjectsDashboard' });

const yearThrough = {
  year: YearIn,
  through: MonthIn.optional(),
};
/** Judged only for a well-formed month: a malformed one has its own message, not two. */
const throughInYear = <T extends { year: number; through?: string }>(o: T) =>
  !o.through || !isIsoMonth(o.through) || o.through.startsWith(`${o.year}-`);
const throughRule = { ...rule('through 应为该年度内的月份', 'through must be a month of the year'), path: ['through'] };

export const DashboardQuery = z
  .strictObject({ ...yearThrough, asOf: DateIn.optional() })
  .refine(throughInYear, throughRule);

const drill = { ...yearThrough, level: Level.optional(), kind: Kind.optional(), departmentId: Id.optional() };
export const DrillProjectsQuery = z
  .strictObject({
    ...drill,
    figure: z.enum(['all', 'newPlanned', 'newStarted', 'newNotStarted', 'missing']).optional(),
  })
  .refine(throughInYear, throughRule);
export const DrillMissingQuery = z.strictObject(drill).refine(throughInYear, throughRule);
export const DrillReportsQuery = z
  .strictObject({ ...drill, month: MonthIn.optional() })
  .refine(throughInYear, throughRule);

export const DrillProjects = z.object({
  year: z.number().int(),
  through: z.string(),
  total: z.number().int(),
  items: z.array(
    z.object({
      projectId: Id,
      key: z.string(),
      name: z.string(),
      levels: z.array(Level),
      kind: Kind,
      departmentId: Id.nullable(),
      departmentName: z.string().nullable(),
      annualPlan: Money,
      completed: Money,
      completionRate: z.number(),
      plannedStartDate: z.string().nullable(),
      actualStartDate: z.string().nullable(),
      newPlanned: z.boolean(),
      newStarted: z.boolean(),
      reportsMissing: z.number().int(),
    }),
  ),
});
export const DrillMissing = z.object({
  year: z.number().int(),
  through: z.string(),
  total: z.number().int(),
  items: z.array(
    z.object({
      projectId: Id,
      key: z.string(),
      name: z.string(),
      kind: Kind,
      departmentName: z.string().nullable(),
      month: z.string(),
    }),
  ),
});
export const DrillReports = z.object({
  year: z.number().int(),
  through: z.string(),
  total: z.number().int(),
  items: z.array(
    z.object({
      id: Id,
      projectId: Id,
      key: z.string(),
      name: z.string(),
      month: z.string(),
      completed: Money,
      progress: z.string(),
      problems: z.string(),
      filedByName: z.string(),
    }),
  ),
});

const HolidayRange = z.object({ name: z.string().trim().min(1).max(50), from: DateIn, to: DateIn });
export const CalendarYear = z
  .object({
    year: z.number().int(),
    source: z.string(),
    holidays: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
    workdays: z.array(z.string()),
    origin: z.enum(['official', 'zone']),
    version: z.number().int(),
  })
  .meta({ id: 'WorkCalendarYear' });
export const CalendarYears = z.object({ items: z.array(CalendarYear) });
export const CalendarPut = z.strictObject({
  source: z.string().trim().max(200).default(''),
  holidays: z.array(HolidayRange).max(30),
  workdays: z.array(DateIn).max(30),
  version: Version.optional(),
});
export const CalendarParams = z.object({ year: YearIn });
export const WorkdaysQuery = z
  .strictObject({ from: DateIn, to: DateIn.optional(), add: z.coerce.number().int().min(0).max(1000).optional() })
  .refine((q) => (q.to === undefined) !== (q.add === undefined), {
    ...rule(
      '请给出 to（计算工作日数）或 add（推算日期）之一',
      'Give either to (count) or add (a date n working days on)',
    ),
    path: ['to'],
  });
export const WorkdaysOut = z.object({
  from: z.string(),
  to: z.string(),
  workdays: z.number().int(),
  /** Whether the official arrangement of every year in the span is known. */
  covered: z.boolean(),
});
