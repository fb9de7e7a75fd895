import { z } from 'zod';
import { isIsoDate, isIsoMonth } from '../../core/dates.ts';
import { BoolQuery, Id, rule, Timestamp, Version } from '../../server/schemas.ts';
import { STAGES } from '../investment/vocab.ts';
import { KINDS, LEVELS, MILESTONES } from './schema.ts';

/** Shared request/response pieces of the major-projects API. Amounts are decimal strings in 元. */

export const MoneyIn = z
  .string()
  .trim()
  .refine(
    (v) => /^\d{1,16}(\.\d{1,2})?$/.test(v),
    rule('金额应为以元计的非负数，最多两位小数（如 1500000.00）', 'An amount in yuan, ≥ 0, at most 2 decimals'),
  );
export const Money = z.string().meta({ description: '元, two decimals', example: '15080000000.00' });
export const DateIn = z
  .string()
  .refine((v) => isIsoDate(v), rule('日期格式应为 YYYY-MM-DD', 'A date must be YYYY-MM-DD'));
export const MonthIn = z.string().refine(isIsoMonth, rule('月份格式应为 YYYY-MM', 'A month must be YYYY-MM'));
export const YearIn = z.coerce.number().int().min(2000).max(2100);
export const Level = z.enum(LEVELS);
export const Kind = z.enum(KINDS);
export const MilestoneKind = z.enum(MILESTONES);
const text = (max: number) => z.string().trim().max(max);

export const Plan = z
  .object({
    year: z.number().int(),
    levels: z.array(Level),
    kind: Kind,
    annualPlan: Money,
    version: z.number().int(),
  })
  .meta({ id: 'MajorProjectPlan' });
export type Plan = z.infer<typeof Plan>;

export const PlanPut = z.strictObject({
  levels: z
    .array(Level)
    .min(1)
    .max(3)
    .transform((l) => LEVELS.filter((x) => l.includes(x))),
  kind: Kind,
  annualPlan: MoneyIn,
  version: Version.optional(),
});
export type PlanPut = z.infer<typeof PlanPut>;

export const Project = z
  .object({
    id: Id,
    key: z.string(),
    name: z.string(),
    builder: z.string(),
    totalInvestment: Money,
    departmentId: Id.nullable(),
    departmentName: z.string().nullable(),
    location: z.string(),
    description: z.string(),
    plannedStartDate: z.string().nullable(),
    actualStartDate: z.string().nullable(),
    /** The plan for the year asked for in a list, else the latest year's. */
    plan: Plan.nullable(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
  })
  .meta({ id: 'MajorProject' });
export type Project = z.infer<typeof Project>;

export const TaskForceMember = z.object({
  name: z.string().trim().min(1).max(100),
  role: text(100).default(''),
  departmentId: Id.nullable().default(null),
  phone: z
    .string()
    .trim()
    .refine((v) => /^[0-9+\- ]{3,20}$/.test(v), rule('电话号码格式不正确', 'Invalid phone number'))
    .nullable()
    .default(null),
  userId: Id.nullable().default(null),
});
export type TaskForceMember = z.infer<typeof TaskForceMember>;

/** The signed investment project (招商) a major project was put on a list from: its key and history came with it. */
export const InvestmentLink = z
  .object({ id: Id, code: z.string(), name: z.string(), stage: z.enum(STAGES) })
  .meta({ id: 'MajorProjectInvestmentLink' });
export type InvestmentLink = z.infer<typeof InvestmentLink>;

export const ProjectDetail = Project.extend({
  investmentProject: InvestmentLink.nullable(),
  plans: z.array(Plan),
  owners: z.array(z.object({ userId: Id, displayName: z.string(), username: z.string() })),
  taskForce: z.array(TaskForceMember.extend({ departmentName: z.string().nullable() })),
}).meta({ id: 'MajorProjectDetail' });
export type ProjectDetail = z.infer<typeof ProjectDetail>;

const PlanCreate = PlanPut.omit({ version: true }).extend({ year: z.number().int().min(2000).max(2100) });

const projectFields = {
  name: z.string().trim().min(1).max(200),
  builder: z.string().trim().min(1).max(200),
  totalInvestment: MoneyIn,
  departmentId: Id.nullable(),
  location: text(200),
  description: text(4000),
  plannedStartDate: DateIn.nullable(),
  actualStartDate: DateIn.nullable(),
};

export const ProjectCreate = z.strictObject({
  key: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine((v) => !/[\s,，、;；]/.test(v), rule('项目编号不能含空格或分隔符', 'A key has no spaces or separators')),
  ...projectFields,
  departmentId: projectFields.departmentId.default(null),
  location: projectFields.location.default(''),
  description: projectFields.description.default(''),
  plannedStartDate: projectFields.plannedStartDate.default(null),
  actualStartDate: projectFields.actualStartDate.default(null),
  /** Put the new project on a year's list at once. */
  plan: PlanCreate.optional(),
});
export type ProjectCreate = z.infer<typeof ProjectCreate>;

/** A signed investment project put on a year's list: key, name, builder, total and department come from it. */
export const FromInvestment = z.strictObject({
  investmentProjectId: Id,
  plan: PlanCreate,
  departmentId: Id.nullable().optional().meta({ description: '责任单位；缺省取招商项目的责任单位' }),
  plannedStartDate: DateIn.nullable().default(null),
  actualStartDate: DateIn.nullable().optional().meta({ description: '缺省取招商项目进入开工阶段的日期' }),
  location: text(200).default(''),
});
export type FromInvestment = z.infer<typeof FromInvestment>;

export const ProjectUpdate = z.strictObject({
  version: Version,
  key: ProjectCreate.shape.key.optional(),
  name: projectFields.name.optional(),
  builder: projectFields.builder.optional(),
  totalInvestment: projectFields.totalInvestment.optional(),
  departmentId: projectFields.departmentId.optional(),
  location: projectFields.location.optional(),
  description: projectFields.description.optional(),
  plannedStartDate: projectFields.plannedStartDate.optional(),
  actualStartDate: projectFields.actualStartDate.optional(),
});
export type ProjectUpdate = z.infer<typeof ProjectUpdate>;

export const ProjectListQuery = z.strictObject({
  year: YearIn.optional(),
  level: Level.optional(),
  kind: Kind.optional(),
  departmentId: Id.optional(),
  q: z.string().trim().max(100).optional(),
  includeDeleted: BoolQuery,
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;
export const ProjectList = z.object({ items: z.array(Project), total: z.number().int() });

export const OwnersPut = z.strictObject({ userIds: z.array(Id).max(20) });
export const TaskForcePut = z.strictObject({ members: z.array(TaskForceMember).max(50) });

export const Milestone = z
  .object({
    kind: MilestoneKind,
    plannedDate: z.string().nullable(),
    actualDate: z.string().nullable(),
    note: z.string(),
    version: z.number().int().meta({ description: '0 when nothing is recorded yet' }),
    /** Working days late: actual (or, while pending, today) after planned; negative when early. */
    delayWorkdays: z.number().int().nullable(),
    /** Working days from the previous reached milestone to this one. */
    sincePreviousWorkdays: z.number().int().nullable(),
    late: z.boolean(),
  })
  .meta({ id: 'MajorProjectMilestone' });
export type Milestone = z.infer<typeof Milestone>;

export const MilestonePut = z.strictObject({
  plannedDate: DateIn.nullable(),
  actualDate: DateIn.nullable(),
  note: text(2000).default(''),
  version: Version.optional(),
});
export type MilestonePut = z.infer<typeof MilestonePut>;
export const MilestoneList = z.object({ items: z.array(Milestone), asOf: z.string() });

export const YearParams = z.object({ id: Id, year: YearIn });
export const MilestoneParams = z.object({ id: Id, kind: MilestoneKind });
export const AsOfQuery = z.strictObject({ asOf: DateIn.optional() });

export const HistoryEntry = z.object({
  id: z.number().int(),
  at: Timestamp,
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** The day a dated event happened (the investment project's stage changes); null for the log's changes. */
  happenedOn: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export const History = z.object({ items: z.array(HistoryEntry) });
