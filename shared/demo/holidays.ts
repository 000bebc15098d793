import { SHIPPED_SCHEDULES, type HolidaySchedule } from '../calendar';
import type { SyncedHolidaySchedule as WireHolidaySchedule } from '../sync/contract';

const AT = '2026-01-01T00:00:00.000Z';

/**
 * A calendar schedule (shared/calendar: one entry list with kinds) as the province's `holidays`
 * catalogue document (shared/sync/contract: days off and make-up working days apart, one per year).
 */
export function toWireHolidaySchedule(schedule: HolidaySchedule, updatedAt = AT): WireHolidaySchedule {
  const pick = (kind: HolidaySchedule['entries'][number]['kind']) =>
    schedule.entries.filter((e) => e.kind === kind).map((e) => ({ date: e.date, name: e.name }));
  return {
    id: `holidays-${schedule.year}`,
    year: schedule.year,
    daysOff: pick('day_off'),
    workingDays: pick('make_up_workday'),
    updatedAt,
  };
}

/** The shipped official schedules, as the demo province manages them. */
export function demoHolidaySchedules(): WireHolidaySchedule[] {
  return SHIPPED_SCHEDULES.map((s) => toWireHolidaySchedule(s));
}
