/**
 * Public holidays as data. Civil servants get a yearly schedule (days off, swapped days and make-up
 * Saturdays) decided by the Prime Minister; we ship the known ones (./schedules.ts), an admin can
 * edit or add them, and a year without one falls back to generateSchedule(), which applies the
 * Labour Code 2019 literally.
 */
import { z } from 'zod';
import { addDays, dayNumber, isoDate, isWeekend, weekday } from './dates';
import { hungKingsDate, tetDate } from './lunar';

export const HOLIDAY_KINDS = ['day_off', 'make_up_workday'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

export const holidayEntrySchema = z.object({
  date: z.iso.date(),
  kind: z.enum(HOLIDAY_KINDS),
  /** Vietnamese name shown to users, e.g. 'Tết Nguyên đán'. */
  name: z.string().min(1).max(200),
});
export type HolidayEntry = z.infer<typeof holidayEntrySchema>;

export const holidayScheduleSchema = z
  .object({
    year: z.number().int().min(1900).max(2199),
    /** 'official': from a published decision; 'generated': computed from the law, to be confirmed. */
    source: z.enum(['official', 'generated']),
    entries: z.array(holidayEntrySchema).max(366),
  })
  .superRefine((schedule, ctx) => {
    const seen = new Set<string>();
    schedule.entries.forEach((entry, index) => {
      if (!entry.date.startsWith(`${schedule.year}-`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['entries', index, 'date'],
          message: 'holiday.date_outside_year',
        });
      }
      if (seen.has(entry.date)) {
        ctx.addIssue({ code: 'custom', path: ['entries', index, 'date'], message: 'holiday.date_duplicate' });
      }
      seen.add(entry.date);
      // A make-up workday only makes sense on a day that is otherwise off: a weekend.
      if (entry.kind === 'make_up_workday' && !isWeekend(entry.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['entries', index, 'kind'],
          message: 'holiday.make_up_not_weekend',
        });
      }
    });
  });
export type HolidaySchedule = z.infer<typeof holidayScheduleSchema>;

/** Holiday names (Vietnamese, as printed on announcements). */
export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
} as const;

/** Name of the day off given in place of a holiday that fell on a weekend. */
export function substituteName(holidayName: string): string {
  return `Nghỉ bù ${holidayName}`;
}

/**
 * The day joined to 2 September (Labour Code 2019 art. 112(1)(đ): "02/9 và 01 ngày liền kề
 * trước hoặc sau"). The law leaves the choice to the yearly decision; we follow what the decisions
 * did: pick the side that makes the longest break with a weekend (2021 Thu→3/9, 2022 Fri→1/9,
 * 2023 Sat→1/9, 2024 Mon→3/9, 2025 Tue→1/9, 2026 Wed→1/9).
 */
export function nationalDayAdjacentDay(year: number): string {
  const nationalDay = isoDate(year, 9, 2);
  switch (weekday(nationalDay)) {
    case 1: // Monday: Sat–Tue
    case 4: // Thursday: Thu–Sun
    case 0: // Sunday: 3/9 Monday is a weekday, 2/9 itself is made up later
      return isoDate(year, 9, 3);
    default:
      return isoDate(year, 9, 1);
  }
}

/**
 * The holidays of Labour Code 2019 art. 112(1) for a solar year, in date order, before any
 * weekend substitution. Tết is "the last day of the lunar year plus the first four days of the
 * new one" (29 or 30 tháng Chạp through mùng 4), the default split of the five days.
 *
 * Not included: 24 November (Ngày Văn hóa Việt Nam) has been announced as a day off but is not in
 * the Labour Code yet [check]; when it becomes law, add it to the shipped schedules (data) and here.
 */
export function statutoryHolidays(year: number): { date: string; name: string }[] {
  const tet = tetDate(year);
  const days: { date: string; name: string }[] = [{ date: isoDate(year, 1, 1), name: HOLIDAY_NAMES.newYear }];
  for (let offset = -1; offset <= 3; offset++)
    days.push({ date: addDays(tet, offset), name: HOLIDAY_NAMES.tet });
  days.push({ date: hungKingsDate(year), name: HOLIDAY_NAMES.hungKings });
  days.push({ date: isoDate(year, 4, 30), name: HOLIDAY_NAMES.reunification });
  days.push({ date: isoDate(year, 5, 1), name: HOLIDAY_NAMES.labour });
  days.push({ date: isoDate(year, 9, 2), name: HOLIDAY_NAMES.nationalDay });
  days.push({ date: nationalDayAdjacentDay(year), name: HOLIDAY_NAMES.nationalDay });
  return days.sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
}

/**
 * A schedule computed from the law alone (source 'generated'): every statutory holiday is a day
 * off, and one that falls on a Saturday or Sunday gives a substitute day off on the next working
 * day that is not itself a holiday (Labour Code 2019 art. 111(3)). No swaps and no make-up
 * Saturdays: those only come from a yearly decision.
 */
export function generateSchedule(year: number): HolidaySchedule {
  const holidays = statutoryHolidays(year);
  const taken = new Set(holidays.map((h) => h.date));
  const entries: HolidayEntry[] = holidays.map((h) => ({ date: h.date, kind: 'day_off', name: h.name }));
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    let candidate = addDays(holiday.date, 1);
    while (isWeekend(candidate) || taken.has(candidate)) candidate = addDays(candidate, 1);
    taken.add(candidate);
    entries.push({ date: candidate, kind: 'day_off', name: substituteName(holiday.name) });
  }
  entries.sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  return { year, source: 'generated', entries };
}

/** Expands an announced break "from … to …" into one entry per day (data helper for schedules). */
export function dayRange(
  from: string,
  to: string,
  name: string,
  kind: HolidayKind = 'day_off',
): HolidayEntry[] {
  const entries: HolidayEntry[] = [];
  for (let day = dayNumber(from); day <= dayNumber(to); day++) {
    entries.push({ date: addDays(from, day - dayNumber(from)), kind, name });
  }
  return entries;
}
