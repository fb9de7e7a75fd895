import {
  bigserial,
  boolean,
  customType,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Tables of src/db/migrations/0003_investment.sql, for typed queries. Money is numeric (a string). */

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });
const money = (name: string) => numeric(name, { precision: 20, scale: 2 });
const versioned = () => ({
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export interface Contact {
  name: string;
  title: string;
  phone: string;
  email: string;
}

export const companies = pgTable('companies', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  name: text('name').notNull(),
  uscc: text('uscc'),
  industryCode: text('industry_code'),
  industry: text('industry').notNull().default(''),
  region: text('region').notNull().default(''),
  tags: text('tags').array().notNull().default([]),
  contacts: jsonb('contacts').$type<Contact[]>().notNull().default([]),
  parentId: uuid('parent_id'),
  mergedIntoId: uuid('merged_into_id'),
  notes: text('notes').notNull().default(''),
  ...versioned(),
  deletedAt: ts('deleted_at'),
});

export const companyTop500 = pgTable('company_top500', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  companyId: uuid('company_id').notNull(),
  list: text('list').notNull(),
  year: integer('year'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const signingEvents = pgTable('investment_signing_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  name: text('name').notNull(),
  heldOn: day('held_on').notNull(),
  place: text('place').notNull().default(''),
  description: text('description').notNull().default(''),
  ...versioned(),
  deletedAt: ts('deleted_at'),
});

export const projects = pgTable('investment_projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  companyId: uuid('company_id').notNull(),
  industry: text('industry').notNull().default(''),
  industryCode: text('industry_code'),
  chain: text('chain').notNull().default(''),
  channel: text('channel').notNull(),
  referrerDepartmentId: uuid('referrer_department_id'),
  responsibleDepartmentId: uuid('responsible_department_id'),
  responsiblePerson: text('responsible_person').notNull().default(''),
  totalInvestment: money('total_investment').notNull(),
  fixedAssetInvestment: money('fixed_asset_investment'),
  foreignInvestmentUsd: money('foreign_investment_usd'),
  landAreaMu: numeric('land_area_mu', { precision: 14, scale: 2 }),
  stage: text('stage').notNull(),
  stageOn: day('stage_on').notNull(),
  signedOn: day('signed_on'),
  landedOn: day('landed_on'),
  droppedReason: text('dropped_reason'),
  signingEventId: uuid('signing_event_id'),
  description: text('description').notNull().default(''),
  ...versioned(),
  deletedAt: ts('deleted_at'),
});

export const stageEvents = pgTable('investment_stage_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id').notNull(),
  fromStage: text('from_stage'),
  toStage: text('to_stage').notNull(),
  happenedOn: day('happened_on').notNull(),
  reason: text('reason').notNull().default(''),
  source: text('source').notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  at: ts('at').notNull().defaultNow(),
});

export const foreignCapital = pgTable('investment_foreign_capital', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  code: text('code').notNull(),
  projectId: uuid('project_id').notNull(),
  arrivedOn: day('arrived_on').notNull(),
  amountUsd: money('amount_usd').notNull(),
  note: text('note').notNull().default(''),
  ...versioned(),
  deletedAt: ts('deleted_at'),
});

export const agreements = pgTable('investment_agreements', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  signedOn: day('signed_on'),
  note: text('note').notNull().default(''),
  ...versioned(),
  deletedAt: ts('deleted_at'),
});

export const attachments = pgTable('investment_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  agreementId: uuid('agreement_id').notNull(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const leads = pgTable('investment_leads', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  companyId: uuid('company_id').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  estimatedInvestment: money('estimated_investment'),
  industry: text('industry').notNull().default(''),
  channel: text('channel').notNull(),
  sourcePerson: text('source_person').notNull().default(''),
  sourceDepartmentId: uuid('source_department_id'),
  ownerDepartmentId: uuid('owner_department_id'),
  ownerUserId: uuid('owner_user_id'),
  status: text('status').notNull().default('open'),
  closedReason: text('closed_reason'),
  projectId: uuid('project_id'),
  shared: boolean('shared').notNull().default(true),
  receivedOn: day('received_on').notNull(),
  ...versioned(),
  deletedAt: ts('deleted_at'),
});

export const leadFollowups = pgTable('investment_lead_followups', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  zoneId: uuid('zone_id').notNull(),
  leadId: uuid('lead_id').notNull(),
  happenedOn: day('happened_on').notNull(),
  content: text('content').notNull(),
  nextStep: text('next_step').notNull().default(''),
  nextOn: day('next_on'),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const visits = pgTable('investment_visits', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  startedOn: day('started_on').notNull(),
  endedOn: day('ended_on').notNull(),
  place: text('place').notNull(),
  participants: text('participants').notNull().default(''),
  purpose: text('purpose').notNull().default(''),
  agreed: text('agreed').notNull().default(''),
  nextSteps: text('next_steps').notNull().default(''),
  departmentId: uuid('department_id'),
  ...versioned(),
  deletedAt: ts('deleted_at'),
});

export const visitCompanies = pgTable('investment_visit_companies', {
  zoneId: uuid('zone_id').notNull(),
  visitId: uuid('visit_id').notNull(),
  companyId: uuid('company_id').notNull(),
});

export const visitLeads = pgTable('investment_visit_leads', {
  zoneId: uuid('zone_id').notNull(),
  visitId: uuid('visit_id').notNull(),
  leadId: uuid('lead_id').notNull(),
});

export const agencies = pgTable('investment_agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  departmentId: uuid('department_id').notNull(),
  contractStart: day('contract_start'),
  contractEnd: day('contract_end'),
  yearlyQuota: money('yearly_quota').notNull().default('0'),
  contactPerson: text('contact_person').notNull().default(''),
  contactPhone: text('contact_phone').notNull().default(''),
  note: text('note').notNull().default(''),
  ...versioned(),
});

export const targets = pgTable('investment_targets', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  year: integer('year').notNull(),
  departmentId: uuid('department_id').notNull(),
  leads: integer('leads').notNull().default(0),
  signedProjects: integer('signed_projects').notNull().default(0),
  signedInvestment: money('signed_investment').notNull().default('0'),
  landedProjects: integer('landed_projects').notNull().default(0),
  foreignCapitalUsd: money('foreign_capital_usd').notNull().default('0'),
  note: text('note').notNull().default(''),
  ...versioned(),
  deletedAt: ts('deleted_at'),
});

export const evaluations = pgTable('investment_evaluations', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id').notNull(),
  firstYear: integer('first_year'),
  landAreaMu: numeric('land_area_mu', { precision: 14, scale: 2 }).notNull(),
  industryFit: text('industry_fit').notNull().default(''),
  recommendation: text('recommendation').notNull().default(''),
  decision: text('decision').notNull().default('pending'),
  decidedBy: text('decided_by').notNull().default(''),
  decidedOn: day('decided_on'),
  ...versioned(),
});

export const evaluationYears = pgTable('investment_evaluation_years', {
  zoneId: uuid('zone_id').notNull(),
  evaluationId: uuid('evaluation_id').notNull(),
  yearIndex: integer('year_index').notNull(),
  output: money('output').notNull().default('0'),
  tax: money('tax').notNull().default('0'),
  incentives: money('incentives').notNull().default('0'),
});

export const commitments = pgTable('investment_commitments', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  projectId: uuid('project_id').notNull(),
  metric: text('metric').notNull(),
  year: integer('year').notNull(),
  target: money('target').notNull(),
  actual: money('actual'),
  note: text('note').notNull().default(''),
  ...versioned(),
  deletedAt: ts('deleted_at'),
});
