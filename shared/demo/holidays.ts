import { SHIPPED_SCHEDULES } from '../calendar';
import { holidayDocumentOf } from '../catalogue/holidays';
import type { SyncedHolidaySchedule } from '../sync/contract';

const AT = '2026-01-01T00:00:00.000Z';

/** The shipped official schedules, as the demo province manages them. */
export function demoHolidaySchedules(): SyncedHolidaySchedule[] {
  return SHIPPED_SCHEDULES.map((s) => holidayDocumentOf(s, AT));
}
