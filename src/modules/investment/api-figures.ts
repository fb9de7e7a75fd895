import { z } from 'zod';
import { Id, Timestamp, Version } from '../../server/schemas.ts';
import { Channel, DateStr, ForeignCapital, MoneyOut, Project, Stage, Year } from './api.ts';

/** Schemas of signing events, the summary's drill-down and the dashboard. */

const text = (max: number) => z.string().trim().max(max);

export const SigningEvent = z
  .object({
    id: Id,
    name: z.string(),
    heldOn: z.string(),
    place: z.string(),
    description: z.string(),
    projects: z.number().int(),
    totalInvestment: MoneyOut,
    foreignInvestmentUsd: MoneyOut,
    atLeast200M: z.number().int().meta({ description: '2亿元以上项目数' }),
    top500: z.number().int().meta({ description: '三类500强项目数' }),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'SigningEvent' });
export const SigningEventDetail = SigningEvent.extend({ items: z.array(Project) }).meta({ id: 'SigningEventDetail' });
export const SigningEventList = z.object({ items: z.array(SigningEvent), total: z.number().int() });
export const SigningEventCreate = z.strictObject({
  name: z.string().trim().min(1).max(200),
  heldOn: DateStr,
  place: text(200).default(''),
  description: text(4000).default(''),
  projectIds: z.array(Id).max(500).default([]),
});
export const SigningEventUpdate = z.strictObject({
  version: Version,
  name: z.string().trim().min(1).max(200).optional(),
  heldOn: DateStr.optional(),
  place: text(200).optional(),
  description: text(4000).optional(),
});
export const SigningEventQuery = z.strictObject({ year: Year.optional(), q: text(100).optional() });
export const AttachProjects = z.strictObject({ projectIds: z.array(Id).min(1).max(500) });
export const EventProjectParams = z.object({ id: Id, projectId: Id });

export const FigureRecords = z
  .object({
    figure: z.string(),
    total: z.number().int().meta({ description: '记录数（与报表数字一致）' }),
    sum: MoneyOut.meta({ description: '总投资合计（元），或到位外资合计（美元）' }),
    projects: z.array(Project),
    arrivals: z.array(ForeignCapital),
  })
  .meta({ id: 'InvestmentFigureRecords' });

const Breakdown = z.array(z.object({ key: z.string(), projects: z.number().int(), investment: MoneyOut }));
export const InvestmentSummary = z
  .object({
    zone: z.string(),
    from: z.string(),
    to: z.string(),
    signedProjects: z.number().int(),
    signedInvestment: MoneyOut,
    signedAtLeast200M: z.number().int(),
    signedTop500: z.number().int(),
    foreignCapitalUtilisedUsd: MoneyOut,
    byChannel: z.partialRecord(Channel, z.object({ projects: z.number().int(), investment: MoneyOut })),
    byStage: z.partialRecord(Stage, z.number().int()),
  })
  .meta({ id: 'InvestmentSummary' });
export const Dashboard = z
  .object({
    summary: InvestmentSummary,
    byIndustry: Breakdown,
    byMonth: Breakdown,
    pipeline: z.array(z.object({ stage: Stage, projects: z.number().int(), investment: MoneyOut })),
  })
  .meta({ id: 'InvestmentDashboard' });
export const PeriodQuery = z.strictObject({ from: DateStr, to: DateStr });
