import { z } from 'zod';
import { BoolQuery, Id, Timestamp, Version } from '../../server/schemas.ts';
import { Channel, DateStr, Money, MoneyOut, Page, Stage, Uscc, Warning, Year } from './api.ts';
import { COMMITMENT_METRICS, LEAD_STATUSES } from './vocab.ts';

/** Schemas of the daily work: leads and follow-ups, visits, agencies, targets. */

const text = (max: number) => z.string().trim().max(max);
const Ref = z.object({ id: Id, name: z.string() });
const DepartmentRef = Ref.extend({ kind: z.string() }).nullable();

// ── Leads ────────────────────────────────────────────────────────────────
export const LeadStatus = z.enum(LEAD_STATUSES);
export const Lead = z
  .object({
    id: Id,
    company: z.object({ id: Id, name: z.string(), uscc: z.string().nullable() }),
    title: z.string(),
    description: z.string(),
    estimatedInvestment: MoneyOut.nullable(),
    industry: z.string(),
    channel: Channel,
    sourcePerson: z.string(),
    sourceDepartment: DepartmentRef,
    ownerDepartment: DepartmentRef,
    ownerUser: Ref.nullable(),
    status: LeadStatus,
    closedReason: z.string().nullable(),
    projectId: Id.nullable(),
    shared: z.boolean(),
    receivedOn: z.string(),
    followups: z.number().int(),
    lastFollowupOn: z.string().nullable(),
    nextOn: z.string().nullable().meta({ description: '最近一次跟进约定的下次跟进日期' }),
    canEdit: z.boolean(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Lead' });
export type Lead = z.infer<typeof Lead>;
export const LeadSaved = Lead.extend({ warnings: z.array(Warning) }).meta({ id: 'LeadSaved' });
export const LeadCreate = z.strictObject({
  companyId: Id.optional(),
  companyName: z.string().trim().min(1).max(200).optional(),
  companyUscc: Uscc.nullable().optional(),
  title: z.string().trim().min(1).max(200).meta({ description: '投资意向' }),
  description: text(4000).default(''),
  estimatedInvestment: Money.nullable().default(null),
  industry: text(100).default(''),
  channel: Channel,
  sourcePerson: text(50).default(''),
  sourceDepartmentId: Id.nullable().optional().meta({ description: '推送单位；缺省为本人所在部门' }),
  ownerDepartmentId: Id.nullable().default(null),
  ownerUserId: Id.nullable().default(null),
  shared: z.boolean().default(true),
  receivedOn: DateStr.optional(),
});
export type LeadCreate = z.infer<typeof LeadCreate>;
export const LeadUpdate = z.strictObject({
  version: Version,
  title: z.string().trim().min(1).max(200).optional(),
  description: text(4000).optional(),
  estimatedInvestment: Money.nullable().optional(),
  industry: text(100).optional(),
  channel: Channel.optional(),
  sourcePerson: text(50).optional(),
  shared: z.boolean().optional(),
  receivedOn: DateStr.optional(),
});
export type LeadUpdate = z.infer<typeof LeadUpdate>;
export const LeadListQuery = z.strictObject({
  q: text(100).optional(),
  status: LeadStatus.optional(),
  channel: Channel.optional(),
  ownerDepartmentId: Id.optional(),
  sourceDepartmentId: Id.optional(),
  companyId: Id.optional(),
  mine: BoolQuery.meta({ description: '只看我负责的' }),
  unclaimed: BoolQuery.meta({ description: '只看待认领的' }),
  includeDeleted: BoolQuery,
  ...Page,
});
export type LeadListQuery = z.infer<typeof LeadListQuery>;
export const LeadList = z.object({ items: z.array(Lead), total: z.number().int() });
export const LeadAssign = z.strictObject({
  version: Version.optional(),
  ownerDepartmentId: Id.nullable().optional(),
  ownerUserId: Id.nullable().optional(),
});
export const LeadClose = z.strictObject({ version: Version.optional(), reason: z.string().trim().min(1).max(1000) });
export const LeadConvert = z.strictObject({
  version: Version.optional(),
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200).optional(),
  totalInvestment: Money.optional(),
  stage: z.enum(['negotiating', 'signed']).default('negotiating'),
  stageOn: DateStr.optional(),
  responsibleDepartmentId: Id.nullable().optional(),
  responsiblePerson: text(50).optional(),
});
export type LeadConvert = z.infer<typeof LeadConvert>;
export const Followup = z
  .object({
    id: z.number().int(),
    happenedOn: z.string(),
    content: z.string(),
    nextStep: z.string(),
    nextOn: z.string().nullable(),
    actorName: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'LeadFollowup' });
export const FollowupCreate = z.strictObject({
  happenedOn: DateStr,
  content: z.string().trim().min(1).max(4000),
  nextStep: text(1000).default(''),
  nextOn: DateStr.nullable().default(null),
});
export const FollowupList = z.object({ items: z.array(Followup) });

// ── Visits ───────────────────────────────────────────────────────────────
export const Visit = z
  .object({
    id: Id,
    startedOn: z.string(),
    endedOn: z.string(),
    place: z.string(),
    participants: z.string(),
    purpose: z.string(),
    agreed: z.string(),
    nextSteps: z.string(),
    department: DepartmentRef,
    companies: z.array(Ref),
    leads: z.array(Ref),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Visit' });
const visitFields = {
  place: z.string().trim().min(1).max(200),
  participants: text(1000),
  purpose: text(2000),
  agreed: text(4000),
  nextSteps: text(4000),
  departmentId: Id.nullable(),
  companyIds: z.array(Id).max(100),
  companyNames: z.array(z.string().trim().min(1).max(200)).max(100),
  leadIds: z.array(Id).max(100),
};
export const VisitCreate = z.strictObject({
  startedOn: DateStr,
  endedOn: DateStr.optional(),
  place: visitFields.place,
  participants: visitFields.participants.default(''),
  purpose: visitFields.purpose.default(''),
  agreed: visitFields.agreed.default(''),
  nextSteps: visitFields.nextSteps.default(''),
  departmentId: visitFields.departmentId.optional(),
  companyIds: visitFields.companyIds.default([]),
  companyNames: visitFields.companyNames.default([]).meta({ description: '按名称找到或新建企业' }),
  leadIds: visitFields.leadIds.default([]),
});
export type VisitCreate = z.infer<typeof VisitCreate>;
export const VisitUpdate = z.strictObject({
  version: Version,
  startedOn: DateStr.optional(),
  endedOn: DateStr.optional(),
  place: visitFields.place.optional(),
  participants: visitFields.participants.optional(),
  purpose: visitFields.purpose.optional(),
  agreed: visitFields.agreed.optional(),
  nextSteps: visitFields.nextSteps.optional(),
  departmentId: visitFields.departmentId.optional(),
  companyIds: visitFields.companyIds.optional(),
  leadIds: visitFields.leadIds.optional(),
});
export type VisitUpdate = z.infer<typeof VisitUpdate>;
export const VisitListQuery = z.strictObject({
  from: DateStr.optional(),
  to: DateStr.optional(),
  departmentId: Id.optional(),
  companyId: Id.optional(),
  q: text(100).optional(),
  ...Page,
});
export const VisitList = z.object({ items: z.array(Visit), total: z.number().int() });

// ── Agencies and targets ─────────────────────────────────────────────────
const Rate = z.number().meta({ description: '完成率（小数，1 = 100%）' });
export const Agency = z
  .object({
    department: Ref.extend({ kind: z.string() }),
    contractStart: z.string().nullable(),
    contractEnd: z.string().nullable(),
    inContract: z.boolean().meta({ description: '今天是否在合同期内' }),
    yearlyQuota: MoneyOut.meta({ description: '年度固定资产投资任务（元）' }),
    contactPerson: z.string(),
    contactPhone: z.string(),
    note: z.string(),
    version: z.number().int().nullable(),
    year: z.number().int(),
    landedProjects: z.number().int(),
    landedInvestment: MoneyOut.meta({ description: '当年落地项目的固定资产投资（未填时按总投资）' }),
    quotaRate: Rate,
    leads: z.number().int(),
    projects: z.number().int(),
  })
  .meta({ id: 'Agency' });
export const AgencyList = z.object({ items: z.array(Agency) });
export const AgencyQuery = z.strictObject({ year: Year.optional() });
export const AgencyParams = z.object({ departmentId: Id });
export const AgencyUpdate = z.strictObject({
  version: Version.optional().meta({ description: '已有合同时必填' }),
  contractStart: DateStr.nullable().optional(),
  contractEnd: DateStr.nullable().optional(),
  yearlyQuota: Money.optional(),
  contactPerson: text(50).optional(),
  contactPhone: text(30).optional(),
  note: text(2000).optional(),
});
export type AgencyUpdate = z.infer<typeof AgencyUpdate>;

const Measure = z.object({
  target: z.union([z.number().int(), MoneyOut]),
  actual: z.union([z.number().int(), MoneyOut]),
  rate: Rate.nullable(),
});
export const Target = z
  .object({
    id: Id,
    year: z.number().int(),
    department: Ref.extend({ kind: z.string() }),
    note: z.string(),
    leads: Measure,
    signedProjects: Measure,
    signedInvestment: Measure,
    landedProjects: Measure,
    foreignCapitalUsd: Measure,
    completionRate: Rate.meta({ description: '各项（目标大于 0 的）完成率的平均值' }),
    rank: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'InvestmentTarget' });
export const TargetList = z.object({ year: z.number().int(), items: z.array(Target) });
export const TargetQuery = z.strictObject({ year: Year });
const count = z.number().int().min(0).max(1_000_000);
export const TargetCreate = z.strictObject({
  year: Year,
  departmentId: Id,
  leads: count.default(0),
  signedProjects: count.default(0),
  signedInvestment: Money.default('0'),
  landedProjects: count.default(0),
  foreignCapitalUsd: Money.default('0'),
  note: text(2000).default(''),
});
export type TargetCreate = z.infer<typeof TargetCreate>;
export const TargetUpdate = z.strictObject({
  version: Version,
  leads: count.optional(),
  signedProjects: count.optional(),
  signedInvestment: Money.optional(),
  landedProjects: count.optional(),
  foreignCapitalUsd: Money.optional(),
  note: text(2000).optional(),
});
export type TargetUpdate = z.infer<typeof TargetUpdate>;

// ── Evaluation and commitments ───────────────────────────────────────────
export const Decision = z.enum(['pending', 'approve', 'reject']);
export const EvaluationInput = z.strictObject({
  version: Version.optional().meta({ description: '修改已有测算时必填' }),
  firstYear: Year.nullable().default(null).meta({ description: '第 1 年对应的公历年份' }),
  landAreaMu: Money.refine((v) => Number(v) > 0, { message: '用地面积应大于 0', params: { en: 'Must be above 0' } }),
  industryFit: text(2000).default(''),
  recommendation: text(4000).default(''),
  decision: Decision.default('pending'),
  decidedBy: text(50).default(''),
  decidedOn: DateStr.nullable().default(null),
  years: z
    .array(z.strictObject({ output: Money.default('0'), tax: Money.default('0'), incentives: Money.default('0') }))
    .min(1)
    .max(50)
    .meta({ description: '逐年预计产值、税收与承诺扶持资金（元），第 1 项为第 1 年' }),
});
export type EvaluationInput = z.infer<typeof EvaluationInput>;
export const Evaluation = z
  .object({
    id: Id,
    projectId: Id,
    firstYear: z.number().int().nullable(),
    landAreaMu: z.string(),
    industryFit: z.string(),
    recommendation: z.string(),
    decision: Decision,
    decidedBy: z.string(),
    decidedOn: z.string().nullable(),
    years: z.array(
      z.object({
        index: z.number().int(),
        calendarYear: z.number().int().nullable(),
        output: MoneyOut,
        tax: MoneyOut,
        incentives: MoneyOut,
        balance: MoneyOut.meta({ description: '当年税收 − 扶持' }),
        cumulativeTax: MoneyOut,
        cumulativeIncentives: MoneyOut,
        cumulativeBalance: MoneyOut.meta({ description: '累计税收 − 累计扶持（收支平衡）' }),
        outputPerMu: MoneyOut,
        taxPerMu: MoneyOut,
      }),
    ),
    totals: z.object({ output: MoneyOut, tax: MoneyOut, incentives: MoneyOut, balance: MoneyOut }),
    paybackYear: z.number().int().nullable().meta({ description: '累计收支转正且此后不再为负的第一年（序号）' }),
    paybackCalendarYear: z.number().int().nullable(),
    outputPerMu: MoneyOut.meta({ description: '亩均产值：年均产值 ÷ 亩（元/亩，四舍五入到分）' }),
    taxPerMu: MoneyOut.meta({ description: '亩均税收：年均税收 ÷ 亩' }),
    version: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Evaluation' });

export const CommitmentMetric = z.enum(COMMITMENT_METRICS);
export const CommitmentStatus = z.enum(['met', 'shortfall', 'pending', 'missing']);
export const Commitment = z
  .object({
    id: Id,
    project: z.object({ id: Id, code: z.string(), name: z.string(), stage: Stage }),
    metric: CommitmentMetric,
    currency: z.enum(['CNY', 'USD']),
    year: z.number().int(),
    target: MoneyOut,
    actual: MoneyOut.nullable(),
    shortfall: MoneyOut.nullable().meta({ description: '目标 − 实际（未达标时）' }),
    status: CommitmentStatus,
    note: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Commitment' });
export const CommitmentList = z.object({ items: z.array(Commitment), total: z.number().int() });
export const CommitmentCreate = z.strictObject({
  metric: CommitmentMetric,
  year: Year,
  target: Money,
  actual: Money.nullable().default(null),
  note: text(1000).default(''),
});
export const CommitmentUpdate = z.strictObject({
  version: Version,
  target: Money.optional(),
  actual: Money.nullable().optional(),
  note: text(1000).optional(),
});
export const CommitmentQuery = z.strictObject({
  status: CommitmentStatus.optional(),
  year: Year.optional(),
  metric: CommitmentMetric.optional(),
  ...Page,
});
