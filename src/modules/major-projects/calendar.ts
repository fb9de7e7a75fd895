import { and, asc, eq } from 'drizzle-orm';
import { OFFICIAL_CALENDARS } from '../../core/holidays/index.ts';
import { checkYearCalendar, chineseCalendar, type WorkCalendar, type YearCalendar } from '../../core/workdays.ts';
import type { Tx } from '../../db/tx.ts';
import { AppError } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { assertZoneAdmin } from './common.ts';
import { workCalendarYears } from './schema.ts';

/** The zone's working-day calendar: the official years, replaced or extended by the years its admin stored. */
export async function zoneCalendar(tx: Tx, zoneId: string): Promise<WorkCalendar> {
  const rows = await tx.db
    .select()
    .from(workCalendarYears)
    .where(eq(workCalendarYears.zoneId, zoneId))
    .orderBy(asc(workCalendarYears.year));
  return chineseCalendar(
    rows.map((r) => ({ year: r.year, source: r.source, holidays: r.holidays, workdays: r.workdays })),
  );
}

export async function listCalendarYears(tx: Tx, zoneId: string) {
  const rows = await tx.db.select().from(workCalendarYears).where(eq(workCalendarYears.zoneId, zoneId));
  const stored = new Map(rows.map((r) => [r.year, r]));
  const years = new Set([...OFFICIAL_CALENDARS.map((c) => c.year), ...stored.keys()]);
  return {
    items: [...years]
      .sort((a, b) => a - b)
      .map((year) => {
        const own = stored.get(year);
        const official = OFFICIAL_CALENDARS.find((c) => c.year === year);
        const c: YearCalendar = own
          ? { year, source: own.source, holidays: own.holidays, workdays: own.workdays }
          : (official as YearCalendar);
        return { ...c, origin: own ? ('zone' as const) : ('official' as const), version: own?.version ?? 0 };
      }),
  };
}

/** Stores (or replaces) a year's arrangement for the zone; admin only. */
export async function putCalendarYear(tx: Tx, actor: Actor, input: YearCalendar & { version?: number }) {
  assertZoneAdmin(actor);
  const problems = checkYearCalendar(input);
  if (problems.length > 0) {
    throw new AppError(
      422,
      t('节假日安排有误', 'The holiday arrangement is invalid'),
      problems.map((p) => ({ field: p.field, message: t(p.zh, p.en) })),
    );
  }
  const [before] = await tx.db
    .select()
    .from(workCalendarYears)
    .where(and(eq(workCalendarYears.zoneId, actor.zoneId), eq(workCalendarYears.year, input.year)))
    .for('update');
  if (before && input.version !== undefined && before.version !== input.version) {
    throw new AppError(
      409,
      t('记录已被他人修改，请刷新后重试', 'The record was changed by someone else; reload and try again'),
    );
  }
  const values = {
    source: input.source,
    holidays: input.holidays,
    workdays: [...new Set(input.workdays)].sort(),
    updatedByName: actor.displayName,
  };
  if (before) {
    await tx.client.query(
      `UPDATE work_calendar_years SET source = $2, holidays = $3, workdays = $4, updated_by_name = $5,
              version = version + 1, updated_at = now() WHERE zone_id = $6 AND year = $1`,
      [
        input.year,
        values.source,
        JSON.stringify(values.holidays),
        JSON.stringify(values.workdays),
        values.updatedByName,
        actor.zoneId,
      ],
    );
  } else {
    await tx.db.insert(workCalendarYears).values({ zoneId: actor.zoneId, year: input.year, version: 1, ...values });
  }
  await record(tx, actor, {
    action: before ? 'update' : 'create',
    entity: 'work_calendar_year',
    entityId: String(input.year),
    before: before ?? null,
    after: { year: input.year, ...values },
  });
  return (await listCalendarYears(tx, actor.zoneId)).items.find((c) => c.year === input.year)!;
}
