import {
  holidayScheduleSchema as calendarScheduleSchema,
  type HolidayEntry,
  type HolidaySchedule,
} from '../../shared/calendar';
import type { SyncedHolidaySchedule } from '../../shared/sync/contract';

/**
 * The province's holiday document (shared/sync/contract: days off and make-up working days apart,
 * one per year) as the calendar's schedule (shared/calendar: one list of entries with kinds).
 */
export function fromSyncedSchedule(doc: SyncedHolidaySchedule): HolidaySchedule {
  const entries: HolidayEntry[] = [
    ...doc.daysOff.map((d) => ({ date: d.date, name: d.name, kind: 'day_off' as const })),
    ...doc.workingDays.map((d) => ({ date: d.date, name: d.name, kind: 'make_up_workday' as const })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year: doc.year, source: 'official', entries };
}

/**
 * The schedules the working calendar uses: the ones shipped with the app (or saved in settings),
 * then the province's synced ones, so a synced year replaces the shipped one for that year (the
 * calendar keeps the last schedule given per year). A synced schedule the calendar would refuse
 * (a date outside its year, a make-up day that is not a weekend…) is left out and reported, so one
 * bad document never stops the counter from computing due dates.
 */
export function calendarSchedules(
  shipped: readonly HolidaySchedule[],
  synced: readonly SyncedHolidaySchedule[],
  onInvalid: (doc: SyncedHolidaySchedule, issues: string) => void = () => undefined,
): HolidaySchedule[] {
  const fromProvince: HolidaySchedule[] = [];
  for (const doc of [...synced].sort((a, b) => a.year - b.year || (a.updatedAt < b.updatedAt ? -1 : 1))) {
    const schedule = fromSyncedSchedule(doc);
    const checked = calendarScheduleSchema.safeParse(schedule);
    if (checked.success) fromProvince.push(schedule);
    else onInvalid(doc, checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return [...shipped, ...fromProvince];
}
