import type { HolidaySchedule } from '../../../../shared/calendar';
import { consoleFetcher, type ConsoleHttpOptions } from '../catalogue/http-service';
import type { HolidaysService, HolidayYear } from './service';

export function createHolidaysHttpService(opts: ConsoleHttpOptions): HolidaysService {
  const request = consoleFetcher(opts);
  return {
    loadYear: async (year) => (await (await request(`/holidays/${year}`)).json()) as HolidayYear,
    storedSchedules: async () =>
      ((await (await request('/holidays')).json()) as { stored: HolidaySchedule[] }).stored,
    async saveYear(schedule) {
      const res = await request(`/holidays/${schedule.year}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ schedule }),
      });
      return ((await res.json()) as { saved: HolidaySchedule }).saved;
    },
  };
}
