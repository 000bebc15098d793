import type { Dossier } from '../domain';
import { toLocalDate, type WorkCalendar } from '../calendar/work-calendar';
import { isFinalStatus, type CommandType } from './transitions';

type Deadlines = Pick<WorkCalendar, 'apologyDeadline' | 'addWorkingDays' | 'supplementRequestDeadline'>;

/**
 * Whether an apology (form 04) is due now: the dossier has a due date, was never extended, and is
 * still open. Form 04 must go out at least one working day before the due date, so the prompt
 * starts on the working day before that last day, and stays once the date is missed.
 */
export function apologyDue(
  dossier: Pick<Dossier, 'dueAt' | 'originalDueAt' | 'status'>,
  nowIso: string,
  calendar: Deadlines,
): boolean {
  if (!dossier.dueAt || dossier.originalDueAt || isFinalStatus(dossier.status) || dossier.status === 'sealed')
    return false;
  const lastDay = calendar.apologyDeadline(dossier.dueAt);
  return toLocalDate(nowIso) >= calendar.addWorkingDays(lastDay, -1);
}

/** A supplement asked within the legal working days of receipt; a later one needs a reason. */
export function supplementInTime(
  dossier: Pick<Dossier, 'receivedAt'>,
  nowIso: string,
  calendar: Deadlines,
): boolean {
  return nowIso <= calendar.supplementRequestDeadline(dossier.receivedAt);
}

/**
 * Whether a command issues the dossier's code: only a complete intake does (a complete `receive`,
 * or `complete_intake` after a supplement), never an incomplete or refused one.
 */
export function issuesCode(type: CommandType): boolean {
  return type === 'receive' || type === 'complete_intake';
}
