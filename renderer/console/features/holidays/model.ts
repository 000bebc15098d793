/**
 * Editing one year's holiday schedule day by day (the calendar page's rules, kept pure): what a day
 * is, and the schedule after setting it.
 */
import {
  isWeekend,
  substituteName,
  type HolidayEntry,
  type HolidaySchedule,
} from '../../../../shared/calendar';

/** What the admin picks for a day. 'observed' is a day off given in place of a holiday on a weekend. */
export type DayChoice = 'ordinary' | 'day_off' | 'observed' | 'make_up_workday';

export interface DayState {
  choice: DayChoice;
  name: string;
  /** A working day of the calendar (weekday, or a make-up weekend day) and not a day off. */
  working: boolean;
}

const OBSERVED_PREFIX = substituteName('');

export function dayState(schedule: HolidaySchedule, date: string): DayState {
  const entry = schedule.entries.find((e) => e.date === date);
  if (!entry) return { choice: 'ordinary', name: '', working: !isWeekend(date) };
  if (entry.kind === 'make_up_workday') return { choice: 'make_up_workday', name: entry.name, working: true };
  return {
    choice: entry.name.startsWith(OBSERVED_PREFIX) ? 'observed' : 'day_off',
    name: entry.name,
    working: false,
  };
}

/** Which choices a date allows: a make-up working day only on a weekend, a day off only on a weekday or a weekend already off. */
export function choicesFor(date: string): DayChoice[] {
  return isWeekend(date) ? ['ordinary', 'day_off', 'make_up_workday'] : ['ordinary', 'day_off', 'observed'];
}

/** The schedule with `date` set to `choice` (entries kept in date order). */
export function setDay(
  schedule: HolidaySchedule,
  date: string,
  choice: DayChoice,
  name: string,
): HolidaySchedule {
  const others = schedule.entries.filter((e) => e.date !== date);
  if (choice === 'ordinary') return { ...schedule, entries: others };
  const trimmed = name.trim();
  const entry: HolidayEntry =
    choice === 'make_up_workday'
      ? { date, kind: 'make_up_workday', name: trimmed || 'Làm bù' }
      : {
          date,
          kind: 'day_off',
          name:
            choice === 'observed'
              ? trimmed.startsWith(OBSERVED_PREFIX)
                ? trimmed
                : substituteName(trimmed || 'ngày lễ')
              : trimmed || 'Ngày nghỉ',
        };
  return {
    ...schedule,
    entries: [...others, entry].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
}
