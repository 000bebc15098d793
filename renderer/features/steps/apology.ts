import { vietnamDate } from '../../app/format';

/** The calendar the apology form needs (the steps service's). */
export interface WorkingDays {
  isWorkingDay(date: string): boolean;
  /** First working day strictly after `date` (YYYY-MM-DD). */
  nextWorkingDay(date: string): string;
}

/** The appointment instant for a chosen day: 17:00 Vietnam time, the end of that working day. */
export function endOfWorkingDayIso(day: string): string {
  return new Date(`${day}T17:00:00+07:00`).toISOString();
}

/**
 * The earliest new date form 04 may set (YYYY-MM-DD): a working day after both the date being missed
 * and today, so a dossier already overdue never gets a new date in the past.
 */
export function apologyEarliestDay(dueAt: string, now: string, calendar: WorkingDays): string {
  const today = vietnamDate(now);
  const due = dueAt ? vietnamDate(dueAt) : today;
  return calendar.nextWorkingDay(due > today ? due : today);
}

/** Why a new date cannot be set (an i18n key), or null when it can. */
export function apologyDateProblem(
  day: string,
  dueAt: string,
  now: string,
  calendar: WorkingDays,
): string | null {
  const newDueAt = endOfWorkingDayIso(day);
  if (Date.parse(newDueAt) <= Date.parse(now)) return 'step.apology_date_past';
  if (dueAt && Date.parse(newDueAt) <= Date.parse(dueAt)) return 'workflow.new_due_not_later';
  if (!calendar.isWorkingDay(day)) return 'step.apology_not_working_day';
  return null;
}
