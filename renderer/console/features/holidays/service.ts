import type { HolidaySchedule } from '../../../../shared/calendar';

/** A year as the province holds it (null: never edited) and the official one to start from. */
export interface HolidayYear {
  year: number;
  stored: HolidaySchedule | null;
  official: HolidaySchedule;
}

/** What the holiday page needs from the provincial server. */
export interface HolidaysService {
  loadYear(year: number): Promise<HolidayYear>;
  /** Every year the province holds (for due dates that cross into another year). */
  storedSchedules(): Promise<HolidaySchedule[]>;
  /** Saves the year; counters receive it at their next sync. */
  saveYear(schedule: HolidaySchedule): Promise<HolidaySchedule>;
}
