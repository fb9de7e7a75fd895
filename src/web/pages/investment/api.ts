/**
 * The investment API as the pages use it: types inferred from the server's zod
 * schemas (type-only imports, erased from the bundle), the module's words
 * (vocab.ts has no imports, so its lists are shared as they are) and query hooks.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Company as CompanyS,
  ForeignCapital as ForeignCapitalS,
  ProjectDetail as ProjectDetailS,
  Project as ProjectS,
  StageEvent as StageEventS,
  Warning as WarningS,
} from '../../../modules/investment/api.ts';
import type { Agreement as AgreementS } from '../../../modules/investment/api-agreements.ts';
import type {
  Dashboard as DashboardS,
  FigureRecords as FigureRecordsS,
  SigningEventDetail as SigningEventDetailS,
  SigningEvent as SigningEventS,
} from '../../../modules/investment/api-figures.ts';
import type {
  Agency as AgencyS,
  Commitment as CommitmentS,
  Evaluation as EvaluationS,
  Followup as FollowupS,
  Lead as LeadS,
  Target as TargetS,
  Visit as VisitS,
} from '../../../modules/investment/api-work.ts';
import type { FIGURES } from '../../../modules/investment/report-records.ts';
import {
  AGREEMENT_KINDS,
  CHANNELS,
  COMMITMENT_METRICS,
  COMPANY_TAGS,
  LEAD_STATUSES,
  STAGES,
  TOP500_LISTS,
  USD_METRICS,
} from '../../../modules/investment/vocab.ts';
import { api, type Query } from '../../api/client.ts';
import { useDepartments } from '../../api/queries.ts';
import { chinaToday, currentYear } from '../../components/china-day.ts';

export type Channel = (typeof CHANNELS)[number];
export type Stage = (typeof STAGES)[number];
export type Top500List = (typeof TOP500_LISTS)[number];
export type CompanyTag = (typeof COMPANY_TAGS)[number];
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type CommitmentMetric = (typeof COMMITMENT_METRICS)[number];
export type Figure = (typeof FIGURES)[number];
export {
  AGREEMENT_KINDS,
  CHANNELS,
  COMMITMENT_METRICS,
  COMPANY_TAGS,
  LEAD_STATUSES,
  STAGES,
  TOP500_LISTS,
  USD_METRICS,
};
/** The board's columns in pipeline order, 终止 last. */
export const PIPELINE: Stage[] = ['negotiating', 'signed', 'landed', 'started', 'completed', 'operating', 'dropped'];
export const STAGE_ORDER: Record<Stage, number> = {
  negotiating: 0,
  signed: 1,
  landed: 2,
  started: 3,
  completed: 4,
  operating: 5,
  dropped: -1,
};

export type Project = z.infer<typeof ProjectS>;
/** One project with the major project it was put on a list as. */
export type ProjectDetail = z.infer<typeof ProjectDetailS>;
export type Warning = z.infer<typeof WarningS>;
export type Company = z.infer<typeof CompanyS>;
export type ForeignCapital = z.infer<typeof ForeignCapitalS>;
export type StageEvent = z.infer<typeof StageEventS>;
export type Agreement = z.infer<typeof AgreementS>;
export type Dashboard = z.infer<typeof DashboardS>;
export type Summary = Dashboard['summary'];
export type FigureRecords = z.infer<typeof FigureRecordsS>;
export type SigningEvent = z.infer<typeof SigningEventS>;
export type SigningEventDetail = z.infer<typeof SigningEventDetailS>;
export type Lead = z.infer<typeof LeadS>;
export type Followup = z.infer<typeof FollowupS>;
export type Visit = z.infer<typeof VisitS>;
export type Agency = z.infer<typeof AgencyS>;
export type Target = z.infer<typeof TargetS>;
export type Evaluation = z.infer<typeof EvaluationS>;
export type Commitment = z.infer<typeof CommitmentS>;
export interface List<T> {
  items: T[];
  total: number;
}
export type Saved<T> = T & { warnings: Warning[] };

export const BASE = '/api/v1/investment';
export const RECORDS = '/api/v1/reports/investment-summary/records';

/** Every query key starts with 'inv', so one invalidation refreshes the module after a write. */
export const ik = {
  all: ['inv'] as const,
  dashboard: (q: object) => ['inv', 'dashboard', q] as const,
  records: (q: object) => ['inv', 'records', q] as const,
  pipeline: ['inv', 'pipeline'] as const,
  projects: (q: object) => ['inv', 'projects', q] as const,
  project: (id: string) => ['inv', 'project', id] as const,
  sub: (id: string, what: string) => ['inv', 'project', id, what] as const,
  companies: (q: object) => ['inv', 'companies', q] as const,
  leads: (q: object) => ['inv', 'leads', q] as const,
  followups: (id: string) => ['inv', 'leads', 'followups', id] as const,
  visits: (q: object) => ['inv', 'visits', q] as const,
  events: (q: object) => ['inv', 'events', q] as const,
  event: (id: string) => ['inv', 'event', id] as const,
  agencies: (year: number) => ['inv', 'agencies', year] as const,
  targets: (year: number) => ['inv', 'targets', year] as const,
  commitments: (q: object) => ['inv', 'commitments', q] as const,
};

export interface ProjectQuery extends Query {
  q?: string;
  stage?: Stage;
  channel?: Channel;
  departmentId?: string;
  companyId?: string;
  signingEventId?: string;
  signedFrom?: string;
  signedTo?: string;
  includeDeleted?: boolean;
  sort?: 'code' | 'signedOn' | 'totalInvestment' | 'updatedAt';
  page?: number;
  pageSize?: number;
}

export const useProjects = (q: ProjectQuery, enabled = true) =>
  useQuery({
    queryKey: ik.projects(q),
    queryFn: () => api.get<List<Project> & { totalInvestment: string }>(`${BASE}/projects`, q),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useProject = (id: string) =>
  useQuery({ queryKey: ik.project(id), queryFn: () => api.get<ProjectDetail>(`${BASE}/projects/${id}`) });

/** The zone's departments and agencies for pickers; only for roles that may read them (not agencies). */
export function useDepartmentOptions(enabled: boolean) {
  const q = useDepartments({}, enabled);
  return (q.data?.items ?? []).map((d) => ({ value: d.id, label: d.name, kind: d.kind }));
}

export { chinaToday, currentYear };
export const yearOptions = () => {
  const y = currentYear();
  return [y + 1, y, y - 1, y - 2, y - 3];
};
