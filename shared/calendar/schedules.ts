/**
 * Shipped civil-servant holiday schedules (cán bộ, công chức, viên chức). Data, not rules: an admin
 * may replace or extend these, and years not listed fall back to generateSchedule().
 *
 * Every day of an announced break is listed (weekends included) so the data reads like the
 * announcement; swapped weekdays are days off, the Saturday worked in exchange is a make-up workday.
 */
import {
  HOLIDAY_NAMES,
  dayRange,
  generateSchedule,
  substituteName,
  type HolidayEntry,
  type HolidaySchedule,
} from './holidays';

const { newYear, tet, hungKings, reunification, labour, nationalDay } = HOLIDAY_NAMES;
const makeUp = (date: string, forDate: string): HolidayEntry => ({
  date,
  kind: 'make_up_workday',
  name: `Làm bù cho ngày ${forDate}`,
});

function official(year: number, entries: HolidayEntry[]): HolidaySchedule {
  return { year, source: 'official', entries: entries.sort((a, b) => a.date.localeCompare(b.date)) };
}

/** 2024: announcements of the Ministry of Labour (MOLISA) approved by the Prime Minister. */
export const SCHEDULE_2024: HolidaySchedule = official(2024, [
  ...dayRange('2024-01-01', '2024-01-01', newYear),
  // Tết Giáp Thìn: Thu 8 Feb (29 tháng Chạp) – Wed 14 Feb (mùng 5), 5 days + weekend.
  ...dayRange('2024-02-08', '2024-02-14', tet),
  ...dayRange('2024-04-18', '2024-04-18', hungKings),
  // Sat 27 Apr – Wed 1 May; Mon 29 Apr swapped with Sat 4 May (VPCP 2450/VPCP-KGVX, 12/4/2024).
  ...dayRange('2024-04-27', '2024-04-29', reunification),
  ...dayRange('2024-04-30', '2024-04-30', reunification),
  ...dayRange('2024-05-01', '2024-05-01', labour),
  makeUp('2024-05-04', '29/04/2024'),
  // Sat 31 Aug – Tue 3 Sep (2/9 Monday + 3/9 adjacent day).
  ...dayRange('2024-08-31', '2024-09-03', nationalDay),
]);

/** 2025. */
export const SCHEDULE_2025: HolidaySchedule = official(2025, [
  ...dayRange('2025-01-01', '2025-01-01', newYear),
  // Tết Ất Tỵ: Sat 25 Jan – Sun 2 Feb, 9 days; the 5 Tết days were Mon 27 – Fri 31 Jan so no
  // make-up day. [check] the split of the 5 days; the span itself is as announced.
  ...dayRange('2025-01-25', '2025-02-02', tet),
  ...dayRange('2025-04-07', '2025-04-07', hungKings),
  // Wed 30 Apr – Sun 4 May; Fri 2 May swapped with Sat 26 Apr (reported by TTXVN/VietnamPlus).
  ...dayRange('2025-04-30', '2025-04-30', reunification),
  ...dayRange('2025-05-01', '2025-05-04', labour),
  makeUp('2025-04-26', '02/05/2025'),
  // Sat 30 Aug – Tue 2 Sep (1/9 Monday as the adjacent day). [check] against the decision text.
  ...dayRange('2025-08-30', '2025-09-02', nationalDay),
]);

/** 2026. */
export const SCHEDULE_2026: HolidaySchedule = official(2026, [
  // Thu 1 – Sun 4 Jan; Fri 2 Jan swapped with Sat 10 Jan.
  ...dayRange('2026-01-01', '2026-01-04', newYear),
  makeUp('2026-01-10', '02/01/2026'),
  // Tết Bính Ngọ: Sat 14 – Sun 22 Feb (Tết is Tue 17 Feb).
  ...dayRange('2026-02-14', '2026-02-22', tet),
  // 10/3 lunar is Sunday 26 Apr: observed Monday 27 Apr.
  ...dayRange('2026-04-26', '2026-04-26', hungKings),
  ...dayRange('2026-04-27', '2026-04-27', substituteName(hungKings)),
  // Thu 30 Apr – Sun 3 May.
  ...dayRange('2026-04-30', '2026-04-30', reunification),
  ...dayRange('2026-05-01', '2026-05-03', labour),
  // Sat 29 Aug – Wed 2 Sep (1/9 Tuesday adjacent); Mon 31 Aug swapped with Sat 22 Aug.
  ...dayRange('2026-08-29', '2026-09-02', nationalDay),
  makeUp('2026-08-22', '31/08/2026'),
]);

/**
 * 2027: no decision was available when this was written [check]; generated from the law (Tết Sat
 * 6 Feb 2027, so the weekend Tết days give substitute days on Wed 10 and Thu 11 Feb). Replace it
 * with the official schedule once published.
 */
export const SCHEDULE_2027: HolidaySchedule = generateSchedule(2027);

export const SHIPPED_SCHEDULES: readonly HolidaySchedule[] = [
  SCHEDULE_2024,
  SCHEDULE_2025,
  SCHEDULE_2026,
  SCHEDULE_2027,
];
