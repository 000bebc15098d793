/**
 * What a new holiday schedule does to a due date: the appointment an example dossier would get
 * under the schedules in force and under the edited ones, shown to the admin before saving.
 */
import type { LegalTime } from '../domain/procedure';
import type { HolidaySchedule } from './holidays';
import { createWorkCalendar, toLocalDate } from './work-calendar';

export interface DueDateExample {
  /** ISO instant the example dossier is received. */
  receivedAt: string;
  legalTime: LegalTime;
}

export interface DueDateEffect {
  before: string;
  after: string;
  /** Working-day difference of the due dates' Vietnam dates under the edited schedule (after − before). */
  shiftDays: number;
}

/**
 * The example's due date (as intake computes it) under `current` and under `current` with `edited`
 * replacing its year.
 */
export function dueDateEffect(
  example: DueDateExample,
  current: readonly HolidaySchedule[],
  edited: HolidaySchedule,
): DueDateEffect {
  const before = createWorkCalendar({ schedules: current }).computeDueAt(
    example.receivedAt,
    example.legalTime,
  );
  const calendar = createWorkCalendar({ schedules: [...current, edited] });
  const after = calendar.computeDueAt(example.receivedAt, example.legalTime);
  return { before, after, shiftDays: calendar.workingDaysBetween(toLocalDate(before), toLocalDate(after)) };
}

/** The days a schedule edit changes, each with its kind before and after ('work' for an ordinary day). */
export function scheduleChanges(
  from: HolidaySchedule,
  to: HolidaySchedule,
): { date: string; before: string; after: string }[] {
  const kindOf = (s: HolidaySchedule) => new Map(s.entries.map((e) => [e.date, `${e.kind}:${e.name}`]));
  const a = kindOf(from);
  const b = kindOf(to);
  const dates = [...new Set([...a.keys(), ...b.keys()])].sort();
  return dates
    .filter((d) => a.get(d) !== b.get(d))
    .map((d) => ({ date: d, before: a.get(d) ?? 'work', after: b.get(d) ?? 'work' }));
}
