import type { Dossier, DossierStatus } from '../domain';
import { toLocalDate, type WorkCalendar } from '../calendar/work-calendar';
import { ACTIVE_STATUSES } from './transitions';

/**
 * The overdue watch: how a dossier stands against its appointment right now.
 * - `overdue`: past its appointment (an appointment exactly now is still on time, as a return
 *   exactly at the due time is);
 * - `due_soon`: due today or on the next working day (across weekends and holidays);
 * - `in_time`: due later;
 * - `no_clock`: no legal clock runs (closed, result ready, waiting for a supplement, no appointment).
 */
export const DEADLINE_WATCH = ['overdue', 'due_soon', 'in_time', 'no_clock'] as const;
export type DeadlineWatch = (typeof DEADLINE_WATCH)[number];

/**
 * Statuses whose legal clock runs. A requested supplement pauses it: the clock restarts from zero
 * when the complete dossier arrives. A sealed result waits for the citizen, not for the office.
 */
export const WATCHED_STATUSES: readonly DossierStatus[] = ACTIVE_STATUSES.filter(
  (status) => status !== 'supplement_requested',
);

type WatchCalendar = Pick<WorkCalendar, 'addWorkingDays'>;

/** The dossier's place in the overdue watch at `nowIso`. */
export function deadlineWatch(
  dossier: Pick<Dossier, 'status' | 'dueAt'>,
  nowIso: string,
  calendar: WatchCalendar,
): DeadlineWatch {
  if (!dossier.dueAt || !WATCHED_STATUSES.includes(dossier.status)) return 'no_clock';
  if (Date.parse(dossier.dueAt) < Date.parse(nowIso)) return 'overdue';
  // One working day ahead: the next working day after today (today itself may be a day off).
  const horizon = calendar.addWorkingDays(toLocalDate(nowIso), 1);
  return toLocalDate(dossier.dueAt) <= horizon ? 'due_soon' : 'in_time';
}

const RANK: Record<DeadlineWatch, number> = { overdue: 0, due_soon: 1, in_time: 2, no_clock: 3 };

/** Orders dossiers for the watch: overdue first (most overdue first), then due soon, then the rest by due date. */
export function byWatch<T extends Pick<Dossier, 'dueAt' | 'id'>>(
  watchOf: (dossier: T) => DeadlineWatch,
): (a: T, b: T) => number {
  return (a, b) => {
    const rank = RANK[watchOf(a)] - RANK[watchOf(b)];
    if (rank !== 0) return rank;
    if (a.dueAt !== b.dueAt) return a.dueAt === '' ? 1 : b.dueAt === '' ? -1 : a.dueAt < b.dueAt ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/** Working days a dossier is past its appointment at `nowIso` (0 when due today or not yet due). */
export function workingDaysLate(
  dueAt: string,
  nowIso: string,
  calendar: Pick<WorkCalendar, 'workingDaysBetween'>,
): number {
  if (!dueAt) return 0;
  return Math.max(0, calendar.workingDaysBetween(toLocalDate(dueAt), toLocalDate(nowIso)));
}
