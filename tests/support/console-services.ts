import type { HolidaySchedule } from '../../shared/calendar';
import { SHIPPED_SCHEDULES, generateSchedule } from '../../shared/calendar';
import { DEMO_OFFICE, DEMO_PROCEDURES, DEMO_SECTORS } from '../../shared/demo';
import type { CatalogueService } from '../../renderer/console/features/catalogue/service';
import type { HolidaysService } from '../../renderer/console/features/holidays/service';

/** A catalogue service over the demo catalogue, for rendering the console's pages without a server. */
export function demoCatalogueService(): CatalogueService {
  const refused = { type: 'result', ok: false, error: 'không dùng trong kiểm thử này' } as const;
  return {
    listProcedures: async () => ({ procedures: DEMO_PROCEDURES, sectors: DEMO_SECTORS }),
    listOffices: async () => [DEMO_OFFICE],
    exportWorkbook: async () => ({ bytes: new Uint8Array(), fileName: 'danh-muc.xlsx' }),
    previewImport: async () => refused,
    commitImport: async () => refused,
    publicListing: async (_officeId, date) => ({
      office: DEMO_OFFICE,
      asOf: date ?? '2026-03-10',
      sectors: DEMO_SECTORS,
      procedures: DEMO_PROCEDURES,
    }),
  };
}

/** A holiday service holding saved years in memory. */
export function memoryHolidaysService(): HolidaysService & { saved: HolidaySchedule[] } {
  const saved: HolidaySchedule[] = [];
  return {
    saved,
    loadYear: async (year) => ({
      year,
      stored: saved.find((s) => s.year === year) ?? null,
      official: SHIPPED_SCHEDULES.find((s) => s.year === year) ?? generateSchedule(year),
    }),
    storedSchedules: async () => saved,
    async saveYear(schedule) {
      saved.push(schedule);
      return schedule;
    },
  };
}
