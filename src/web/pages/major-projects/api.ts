/**
 * The major-projects API as the pages use it: types inferred from the server's
 * zod schemas (type-only imports, erased from the bundle) and query hooks.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  HistoryEntry as HistoryEntryS,
  Milestone as MilestoneS,
  Plan as PlanS,
  ProjectDetail as ProjectDetailS,
  Project as ProjectS,
} from '../../../modules/major-projects/api.ts';
import type {
  Dashboard as DashboardS,
  DrillMissing as DrillMissingS,
  DrillProjects as DrillProjectsS,
  DrillReports as DrillReportsS,
  Notice as NoticeS,
  SettingsOut as SettingsS,
  SupervisionItem as SupervisionItemS,
  SupervisionResult as SupervisionResultS,
} from '../../../modules/major-projects/api-supervision.ts';
import type {
  FileMeta as FileMetaS,
  Issue as IssueS,
  MissingReportList as MissingReportListS,
  MonthlyReport as MonthlyReportS,
} from '../../../modules/major-projects/api-work.ts';
import type {
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  KINDS,
  LEVELS,
  MILESTONES,
} from '../../../modules/major-projects/schema.ts';
import { api, type Query } from '../../api/client.ts';
import { chinaToday, currentYear } from '../../components/china-day.ts';

export type Level = (typeof LEVELS)[number];
export type Kind = (typeof KINDS)[number];
export type MilestoneKind = (typeof MILESTONES)[number];
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export type Colour = 'green' | 'yellow' | 'red';

// Runtime lists (the schema module itself is server code and stays out of the bundle).
export const LEVEL_LIST: Level[] = ['province', 'city', 'zone'];
export const KIND_LIST: Kind[] = ['new', 'continuing', 'finishing'];
export const CATEGORY_LIST: IssueCategory[] = ['land', 'environment', 'approval', 'funding', 'utilities', 'other'];
export const STATUS_LIST: IssueStatus[] = ['open', 'assigned', 'handling', 'responded', 'reviewed', 'closed'];
export const COLOUR_LIST: Colour[] = ['red', 'yellow', 'green'];
export const COLOUR_TAG: Record<Colour, string> = { red: 'red', yellow: 'gold', green: 'green' };

export type Plan = z.infer<typeof PlanS>;
export type Project = z.infer<typeof ProjectS>;
export type ProjectDetail = z.infer<typeof ProjectDetailS>;
export type Milestone = z.infer<typeof MilestoneS>;
export type HistoryEntry = z.infer<typeof HistoryEntryS>;
export type Dashboard = z.infer<typeof DashboardS>;
export type Figures = Dashboard['byKind']['new'];
export type DepartmentFigures = Dashboard['byDepartment'][number];
export type DrillProjects = z.infer<typeof DrillProjectsS>;
export type DrillMissing = z.infer<typeof DrillMissingS>;
export type DrillReports = z.infer<typeof DrillReportsS>;
export type SupervisionItem = z.infer<typeof SupervisionItemS>;
export type Supervision = z.infer<typeof SupervisionResultS>;
export type Notice = z.infer<typeof NoticeS>;
export type Settings = z.infer<typeof SettingsS>;
export type Issue = z.infer<typeof IssueS>;
export type MonthlyReport = z.infer<typeof MonthlyReportS>;
export type MissingReports = z.infer<typeof MissingReportListS>;
export type FileMeta = z.infer<typeof FileMetaS>;

export const BASE = '/api/v1/major-projects';
export const projectPath = (id: string) => `${BASE}/${id}`;
export const filePath = (projectId: string, fileId: string) => `${BASE}/${projectId}/files/${fileId}`;

/** Every query key starts with 'major', so one invalidation refreshes the module after a write. */
export const mk = {
  all: ['major'] as const,
  dashboard: (q: object) => ['major', 'dashboard', q] as const,
  drill: (q: object) => ['major', 'drill', q] as const,
  projects: (q: object) => ['major', 'projects', q] as const,
  project: (id: string) => ['major', 'project', id] as const,
  sub: (id: string, what: string, q: object = {}) => ['major', 'project', id, what, q] as const,
  supervision: (q: object) => ['major', 'supervision', q] as const,
  issues: (q: object) => ['major', 'issues', q] as const,
  issue: (id: string) => ['major', 'issue', id] as const,
  missing: (q: object) => ['major', 'missing', q] as const,
  notices: (q: object) => ['major', 'notices', q] as const,
  settings: ['major', 'settings'] as const,
};

export interface ProjectQuery {
  year?: number;
  level?: Level;
  kind?: Kind;
  departmentId?: string;
  q?: string;
}

export const useProjects = (q: ProjectQuery, enabled = true) =>
  useQuery({
    queryKey: mk.projects(q),
    queryFn: () => api.get<{ items: Project[]; total: number }>(BASE, { ...q }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useProject = (id: string) =>
  useQuery({ queryKey: mk.project(id), queryFn: () => api.get<ProjectDetail>(projectPath(id)) });

export const useReports = (id: string, enabled = true) =>
  useQuery({
    queryKey: mk.sub(id, 'reports'),
    queryFn: () => api.get<{ items: MonthlyReport[] }>(`${projectPath(id)}/reports`),
    enabled,
  });

export const useFiles = (id: string, month?: string) =>
  useQuery({
    queryKey: mk.sub(id, 'files', { month }),
    queryFn: () => api.get<{ items: FileMeta[] }>(`${projectPath(id)}/files`, { month }),
  });

export interface SupervisionQuery {
  year: number;
  through?: string;
  colour?: Colour;
  departmentId?: string;
}

export const useSupervision = (q: SupervisionQuery, enabled = true) =>
  useQuery({
    queryKey: mk.supervision(q),
    queryFn: () => api.get<Supervision>(`${BASE}/supervision`, { ...q }),
    placeholderData: keepPreviousData,
    enabled,
  });

export interface IssueQuery extends Query {
  projectId?: string;
  status?: IssueStatus;
  category?: IssueCategory;
  departmentId?: string;
  overdue?: 'true' | 'false';
  open?: 'true' | 'false';
}

export const useIssues = (q: IssueQuery, enabled = true) =>
  useQuery({
    queryKey: mk.issues(q),
    queryFn: () => api.get<{ items: Issue[]; total: number; asOf: string }>(`${BASE}/issues`, q),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useSettings = (enabled = true) =>
  useQuery({ queryKey: mk.settings, queryFn: () => api.get<Settings>(`${BASE}/settings`), enabled });

export { chinaToday, currentYear };

/** 'YYYY-MM' n months on (negative: back). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The years the pickers offer: the demo's and recent ones around today. */
export function yearOptions(): number[] {
  const y = currentYear();
  return [y + 1, y, y - 1, y - 2, y - 3];
}
