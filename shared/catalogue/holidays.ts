/** The province's holiday documents (shared/sync/contract) in the calendar's form (shared/calendar) and back. */
import type { HolidayEntry, HolidaySchedule } from '../calendar';
import type { SyncedHolidaySchedule } from '../sync/contract';

/** The wire document of a year's schedule, under the id every writer of that year uses. */
export function holidayDocumentOf(schedule: HolidaySchedule, updatedAt: string): SyncedHolidaySchedule {
  const pick = (kind: HolidayEntry['kind']) =>
    schedule.entries.filter((e) => e.kind === kind).map((e) => ({ date: e.date, name: e.name }));
  return {
    id: `holidays-${schedule.year}`,
    year: schedule.year,
    daysOff: pick('day_off'),
    workingDays: pick('make_up_workday'),
    updatedAt,
  };
}

/** A stored year as the calendar reads it (entries in date order). */
export function scheduleOfDocument(doc: SyncedHolidaySchedule): HolidaySchedule {
  const entries: HolidayEntry[] = [
    ...doc.daysOff.map((d) => ({ ...d, kind: 'day_off' as const })),
    ...doc.workingDays.map((d) => ({ ...d, kind: 'make_up_workday' as const })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year: doc.year, source: 'official', entries };
}
