import {
  createWorkCalendar,
  SHIPPED_SCHEDULES,
  type HolidaySchedule,
  type WorkCalendar,
} from '../../shared/calendar';
import { calendarSchedules, SETTING_KEYS, type DirectoryDatabase, type DirectoryRepository } from '../db';

/** The counter's working calendar, rebuilt whenever a holiday schedule arrives or changes. */
export interface CounterCalendar {
  current(): WorkCalendar;
  reload(): Promise<void>;
}

/**
 * The shipped (or provisioned) schedules, overridden year by year by the province's synced ones.
 */
export async function openCounterCalendar(
  directory: DirectoryRepository,
  directoryDb: DirectoryDatabase,
): Promise<CounterCalendar> {
  let calendar: WorkCalendar = createWorkCalendar();
  const reload = async () => {
    const saved = await directory.getSetting<HolidaySchedule[]>(SETTING_KEYS.holidaySchedules);
    const synced = await directory.listHolidaySchedules();
    const schedules = calendarSchedules(
      saved && saved.length > 0 ? saved : SHIPPED_SCHEDULES,
      synced,
      (doc, issues) => console.warn(`holiday schedule ${doc.id} left out: ${issues}`),
    );
    calendar = createWorkCalendar({ schedules });
  };
  await reload();
  directoryDb.holidays.$.subscribe(() => {
    reload().catch((error: unknown) => console.error('calendar not rebuilt', error));
  });
  return { current: () => calendar, reload };
}
