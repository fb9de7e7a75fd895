import { z } from 'zod';
import { isIsoDate } from '../../core/dates.ts';
import { isValidUscc } from '../../core/uscc.ts';
import { BoolQuery, Id, rule, Timestamp, Version } from '../../server/schemas.ts';
import { CHANNELS, COMPANY_TAGS, INDUSTRY_CODE, STAGES, TOP500_LISTS } from './vocab.ts';

/** Request and response schemas of the investment API: companies, projects, stages, foreign capital. */

/** Amounts travel as decimal strings (元, or US dollars for *Usd fields), never JSON numbers. */
export const Money = z
  .string()
  .trim()
  .refine(
    (v) => /^\d{1,18}(\.\d{1,2})?$/.test(v),
    rule(
      '金额应为不超过两位小数的非负数字，如 200000000.00',
      'An amount: a non-negative number with at most 2 decimals',
    ),
  )
  .meta({ description: '金额（元，或美元），十进制字符串', example: '200000000.00' });
export const MoneyOut = z.string().meta({ example: '200000000.00' });
export const DateStr = z
  .string()
  .refine(isIsoDate, rule('日期格式应为 YYYY-MM-DD', 'A date as YYYY-MM-DD'))
  .meta({ example: '2024-03-15' });
export const Year = z.coerce.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().max(max);
const name = z.string().trim().min(1).max(200);

export const Channel = z.enum(CHANNELS).meta({ id: 'Channel' });
export const Stage = z.enum(STAGES).meta({ id: 'Stage' });
export const Top500List = z.enum(TOP500_LISTS);
export const CompanyTag = z.enum(COMPANY_TAGS);
export const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidUscc, rule('统一社会信用代码无效（校验位不符或格式错误）', 'Invalid unified social credit code'));
export const IndustryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => INDUSTRY_CODE.test(v), rule('行业代码应为 GB/T 4754 代码，如 C39', 'A GB/T 4754 code, e.g. C39'));

/** Something the caller should know but that does not stop the write (near names, same company). */
export const Warning = z
  .object({
    code: z.enum(['similar_company', 'company_has_lead', 'company_has_project']),
    message: z.string(),
    records: z.array(z.object({ id: Id, name: z.string() })),
  })
  .meta({ id: 'InvestmentWarning' });
export type Warning = z.infer<typeof Warning>;

export const Page = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

// ── Companies ────────────────────────────────────────────────────────────
export const Contact = z.strictObject({
  name: text(50).min(1),
  title: text(50).default(''),
  phone: text(30).default(''),
  email: text(100).default(''),
});
export const Top500Membership = z.strictObject({ list: Top500List, year: Year.nullable().default(null) });

export const Company = z
  .object({
    id: Id,
    name: z.string(),
    uscc: z.string().nullable(),
    industryCode: z.string().nullable(),
    industry: z.string(),
    region: z.string(),
    tags: z.array(CompanyTag),
    contacts: z.array(z.object({ name: z.string(), title: z.string(), phone: z.string(), email: z.string() })),
    top500: z.array(z.object({ list: Top500List, year: z.number().int().nullable() })),
    parentId: Id.nullable(),
    mergedIntoId: Id.nullable(),
    notes: z.string(),
    leads: z.number().int(),
    projects: z.number().int(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Company' });
export type Company = z.infer<typeof Company>;
export const CompanySaved = Company.extend({ warnings: z.array(Warning) }).meta({ id: 'CompanySaved' });

const companyFields = {
  uscc: Uscc.nullable(),
  industryCode: IndustryCode.nullable(),
  industry: text(100),
  region: text(100),
  tags: z.array(CompanyTag).max(6),
  contacts: z.array(Contact).max(20),
  top500: z.array(Top500Membership).max(30),
  parentId: Id.nullable(),
  notes: text(2000),
};
export const CompanyCreate = z.strictObject({
  name,
  uscc: companyFields.uscc.default(null),
  industryCode: companyFields.industryCode.default(null),
  industry: companyFields.industry.default(''),
  region: companyFields.region.default(''),
  tags: companyFields.tags.default([]),
  contacts: companyFields.contacts.default([]),
  top500: companyFields.top500.default([]),
  parentId: companyFields.parentId.default(null),
  notes: companyFields.notes.default(''),
});
export type CompanyCreate = z.infer<typeof CompanyCreate>;
export const CompanyUpdate = z.strictObject({
  version: Version,
  name: name.optional(),
  uscc: companyFields.uscc.optional(),
  industryCode: companyFields.industryCode.optional(),
  industry: companyFields.industry.optional(),
  region: companyFields.region.optional(),
  tags: companyFields.tags.optional(),
  contacts: companyFields.contacts.optional(),
  top500: companyFields.top500.optional(),
  parentId: companyFields.parentId.optional(),
  notes: companyFields.notes.optional(),
});
export type CompanyUpdate = z.infer<typeof CompanyUpdate>;
export const CompanyListQuery = z.strictObject({
  q: text(100).optional(),
  tag: CompanyTag.optional(),
  top500: BoolQuery,
  includeDeleted: BoolQuery,
  ...Page,
});
export type CompanyListQuery = z.infer<typeof CompanyListQuery>;
export const CompanyList = z.object({ items: z.array(Company), total: z.number().int() });
export const SimilarQuery = z.strictObject({ name, excludeId: Id.optional() });
export const SimilarList = z.object({
  items: z.array(z.object({ id: Id, name: z.string(), uscc: z.string().nullable() })),
});
export const MergeBody = z.strictObject({
  sourceId: Id.meta({ description: '被合并（将被删除）的企业' }),
  version: Version.optional().meta({ description: '目标企业的 version' }),
});

// ── Projects ─────────────────────────────────────────────────────────────
const DepartmentRef = z.object({ id: Id, name: z.string(), kind: z.string() }).nullable();
export const Project = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    company: z.object({ id: Id, name: z.string(), uscc: z.string().nullable(), top500: z.boolean() }),
    industry: z.string(),
    industryCode: z.string().nullable(),
    chain: z.string(),
    channel: Channel,
    referrerDepartment: DepartmentRef,
    responsibleDepartment: DepartmentRef,
    responsiblePerson: z.string(),
    totalInvestment: MoneyOut,
    fixedAssetInvestment: MoneyOut.nullable(),
    foreignInvestmentUsd: MoneyOut.nullable(),
    foreignCapitalUtilisedUsd: MoneyOut,
    landAreaMu: z.string().nullable(),
    stage: Stage,
    stageOn: z.string(),
    signedOn: z.string().nullable(),
    landedOn: z.string().nullable(),
    droppedReason: z.string().nullable(),
    signingEvent: z.object({ id: Id, name: z.string(), heldOn: z.string() }).nullable(),
    description: z.string(),
    commitmentShortfalls: z.number().int(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
  })
  .meta({ id: 'InvestmentProject' });
export type Project = z.infer<typeof Project>;
export const ProjectSaved = Project.extend({ warnings: z.array(Warning) }).meta({ id: 'InvestmentProjectSaved' });
/** One project with the major project (重大项目) it was put on a list as, for those who may read major projects. */
export const ProjectDetail = Project.extend({
  majorProject: z.object({ id: Id, key: z.string(), name: z.string() }).nullable(),
}).meta({ id: 'InvestmentProjectDetail' });

/** The investor: an existing company by id, or found/created by USCC, else exact name. */
export const CompanyRef = z.union([
  z.strictObject({ companyId: Id }),
  z.strictObject({ companyName: name, companyUscc: Uscc.nullable().default(null) }),
]);
const projectFields = {
  industry: text(100),
  industryCode: IndustryCode.nullable(),
  chain: text(100),
  channel: Channel,
  referrerDepartmentId: Id.nullable(),
  responsibleDepartmentId: Id.nullable(),
  responsiblePerson: text(50),
  totalInvestment: Money,
  fixedAssetInvestment: Money.nullable(),
  foreignInvestmentUsd: Money.nullable(),
  landAreaMu: Money.nullable(),
  signingEventId: Id.nullable(),
  description: text(4000),
};
export const ProjectCreate = z.strictObject({
  code: text(64).min(1),
  name,
  companyId: Id.optional(),
  companyName: name.optional(),
  companyUscc: Uscc.nullable().optional(),
  industry: projectFields.industry.default(''),
  industryCode: projectFields.industryCode.default(null),
  chain: projectFields.chain.default(''),
  channel: projectFields.channel,
  referrerDepartmentId: projectFields.referrerDepartmentId.default(null),
  responsibleDepartmentId: projectFields.responsibleDepartmentId.default(null),
  responsiblePerson: projectFields.responsiblePerson.default(''),
  totalInvestment: projectFields.totalInvestment,
  fixedAssetInvestment: projectFields.fixedAssetInvestment.default(null),
  foreignInvestmentUsd: projectFields.foreignInvestmentUsd.default(null),
  landAreaMu: projectFields.landAreaMu.default(null),
  description: projectFields.description.default(''),
  stage: z.enum(['negotiating', 'signed']).default('negotiating'),
  stageOn: DateStr.optional().meta({ description: '进入当前阶段的日期；签约阶段即签约日期，默认今天' }),
  signingEventId: projectFields.signingEventId.default(null),
});
export type ProjectCreate = z.infer<typeof ProjectCreate>;
export const ProjectUpdate = z.strictObject({
  version: Version,
  code: text(64).min(1).optional(),
  name: name.optional(),
  companyId: Id.optional(),
  industry: projectFields.industry.optional(),
  industryCode: projectFields.industryCode.optional(),
  chain: projectFields.chain.optional(),
  channel: projectFields.channel.optional(),
  referrerDepartmentId: projectFields.referrerDepartmentId.optional(),
  responsibleDepartmentId: projectFields.responsibleDepartmentId.optional(),
  responsiblePerson: projectFields.responsiblePerson.optional(),
  totalInvestment: projectFields.totalInvestment.optional(),
  fixedAssetInvestment: projectFields.fixedAssetInvestment.optional(),
  foreignInvestmentUsd: projectFields.foreignInvestmentUsd.optional(),
  landAreaMu: projectFields.landAreaMu.optional(),
  signingEventId: projectFields.signingEventId.optional(),
  signedOn: DateStr.optional().meta({ description: '更正签约日期（仅已签约的项目）' }),
  description: projectFields.description.optional(),
});
export type ProjectUpdate = z.infer<typeof ProjectUpdate>;

export const ProjectListQuery = z.strictObject({
  q: text(100).optional().meta({ description: '按编号、名称、投资方搜索' }),
  stage: Stage.optional(),
  channel: Channel.optional(),
  departmentId: Id.optional().meta({ description: '引荐单位或责任单位' }),
  agencyId: Id.optional().meta({ description: '引荐的第三方机构' }),
  companyId: Id.optional(),
  signingEventId: Id.optional(),
  signedFrom: DateStr.optional(),
  signedTo: DateStr.optional(),
  includeDeleted: BoolQuery,
  sort: z.enum(['code', 'signedOn', 'totalInvestment', 'updatedAt']).default('code'),
  ...Page,
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;
export const ProjectList = z.object({
  items: z.array(Project),
  total: z.number().int(),
  totalInvestment: MoneyOut.meta({ description: '筛选结果的总投资合计（元）' }),
});

export const StageChange = z.strictObject({
  stage: Stage,
  date: DateStr.meta({ description: '该阶段发生的日期' }),
  reason: text(1000).optional().meta({ description: '终止原因（终止时必填）' }),
  version: Version.optional(),
});
export type StageChange = z.infer<typeof StageChange>;
export const StageEvent = z
  .object({
    id: z.number().int(),
    fromStage: Stage.nullable(),
    toStage: Stage,
    happenedOn: z.string(),
    reason: z.string(),
    source: z.enum(['api', 'ledger', 'lead', 'seed']),
    actorName: z.string(),
    at: Timestamp,
  })
  .meta({ id: 'StageEvent' });
export const StageHistory = z.object({ items: z.array(StageEvent) });
export const PipelineCounts = z.object({
  stages: z.array(z.object({ stage: Stage, projects: z.number().int(), investment: MoneyOut })),
});

// ── Foreign capital ──────────────────────────────────────────────────────
export const ForeignCapital = z
  .object({
    id: Id,
    code: z.string(),
    projectId: Id,
    projectCode: z.string(),
    projectName: z.string(),
    arrivedOn: z.string(),
    amountUsd: MoneyOut,
    note: z.string(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'ForeignCapital' });
export const ForeignCapitalCreate = z.strictObject({
  code: text(64).min(1).optional().meta({ description: '登记编号；缺省自动生成' }),
  arrivedOn: DateStr,
  amountUsd: Money.refine((v) => Number(v) > 0, rule('到位金额应大于 0', 'The amount must be above 0')),
  note: text(1000).default(''),
});
export type ForeignCapitalCreate = z.infer<typeof ForeignCapitalCreate>;
export const ForeignCapitalUpdate = z.strictObject({
  version: Version,
  arrivedOn: DateStr.optional(),
  amountUsd: Money.refine((v) => Number(v) > 0, rule('到位金额应大于 0', 'The amount must be above 0')).optional(),
  note: text(1000).optional(),
});
export const ForeignCapitalQuery = z.strictObject({
  from: DateStr.optional(),
  to: DateStr.optional(),
  projectId: Id.optional(),
  ...Page,
});
export const ForeignCapitalList = z.object({
  items: z.array(ForeignCapital),
  total: z.number().int(),
  totalUsd: MoneyOut,
});
