import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { fieldError, staleVersion } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { addMonths, assertDepartment, assertZoneAdmin } from './common.ts';
import { majorProjectSettings } from './schema.ts';

/** The zone's report due day and supervision rules; defaults until an admin changes them. */
export interface Settings {
  reportDueDay: number;
  /** 超时间进度 (completion rate − share of the year elapsed) at or below which a project is yellow / red. */
  lagYellow: number;
  lagRed: number;
  /** Counts at or above which a project is yellow / red; 0 turns the rule off. */
  missingYellow: number;
  missingRed: number;
  overdueYellow: number;
  overdueRed: number;
  lateMilestoneYellow: number;
  lateMilestoneRed: number;
  /** Whose staff act on every project (统筹部门); null: only admins do. */
  coordinatingDepartmentId: string | null;
  version: number;
}

export const DEFAULT_SETTINGS: Settings = {
  reportDueDay: 5,
  lagYellow: -0.05,
  lagRed: -0.15,
  missingYellow: 1,
  missingRed: 2,
  overdueYellow: 1,
  overdueRed: 2,
  lateMilestoneYellow: 1,
  lateMilestoneRed: 2,
  coordinatingDepartmentId: null,
  version: 0,
};

/**
 * The zone's settings as one JSON value (null until an admin sets them), for a report's statement to
 * carry instead of a statement of its own: on PostgreSQL that round trip was 0.7 of the major-projects
 * dashboard's ~11 ms. `zone` is the statement's placeholder for the zone id.
 */
export const SETTINGS_JSON = (zone: string) => `(
  SELECT json_build_object(
           'reportDueDay', s.report_due_day, 'lagYellow', s.lag_yellow::float8, 'lagRed', s.lag_red::float8,
           'missingYellow', s.missing_yellow, 'missingRed', s.missing_red,
           'overdueYellow', s.overdue_yellow, 'overdueRed', s.overdue_red,
           'lateMilestoneYellow', s.late_milestone_yellow, 'lateMilestoneRed', s.late_milestone_red,
           'coordinatingDepartmentId', s.coordinating_department_id, 'version', s.version)
    FROM major_project_settings s WHERE s.zone_id = ${zone})`;

/** What SETTINGS_JSON gave: the zone's settings, or the defaults. */
export const settingsOf = (found: Settings | null): Settings => found ?? DEFAULT_SETTINGS;

export async function getSettings(tx: Tx, zoneId: string): Promise<Settings> {
  const { rows } = await tx.client.query<{ s: Settings | null }>(`SELECT ${SETTINGS_JSON('$1')} AS s`, [zoneId]);
  return settingsOf(rows[0].s);
}

export async function putSettings(
  tx: Tx,
  actor: Actor,
  input: Omit<Settings, 'version' | 'coordinatingDepartmentId'> & {
    version: number;
    coordinatingDepartmentId?: string | null;
  },
) {
  assertZoneAdmin(actor);
  if (input.lagRed > input.lagYellow) {
    throw fieldError('lagRed', t('红灯阈值应不高于黄灯阈值', 'The red threshold must not be above the yellow one'));
  }
  for (const k of ['missing', 'overdue', 'lateMilestone'] as const) {
    const y = input[`${k}Yellow`];
    const r = input[`${k}Red`];
    if (y > 0 && r > 0 && r < y) {
      throw fieldError(`${k}Red`, t('红灯阈值应不低于黄灯阈值', 'The red threshold must not be below the yellow one'));
    }
  }
  await assertDepartment(tx, 'coordinatingDepartmentId', input.coordinatingDepartmentId);
  const before = await getSettings(tx, actor.zoneId);
  if (before.version !== input.version) throw staleVersion();
  const { version, ...given } = input;
  const rest = {
    ...given,
    coordinatingDepartmentId: given.coordinatingDepartmentId ?? before.coordinatingDepartmentId,
  };
  if (given.coordinatingDepartmentId === null) rest.coordinatingDepartmentId = null;
  const values = { ...rest, lagYellow: String(rest.lagYellow), lagRed: String(rest.lagRed) };
  if (version === 0) {
    await tx.db.insert(majorProjectSettings).values({ ...values, zoneId: actor.zoneId, version: 1 });
  } else {
    await tx.db
      .update(majorProjectSettings)
      .set({ ...values, version: version + 1, updatedAt: new Date() })
      .where(eq(majorProjectSettings.zoneId, actor.zoneId));
  }
  const after = await getSettings(tx, actor.zoneId);
  await record(tx, actor, {
    action: 'update',
    entity: 'major_project_settings',
    entityId: actor.zoneId,
    before,
    after,
  });
  return after;
}

/** A month's report is due on the due day of the next month. */
export const dueDateOf = (month: string, dueDay: number) => `${addMonths(month, 1)}-${String(dueDay).padStart(2, '0')}`;
