import type { Dossier } from '../domain';
import { toLocalDate, type WorkCalendar } from '../calendar/work-calendar';
import { ruleSetFor } from '../rules/rule-sets';
import { isFinalStatus, type CommandType } from './transitions';

type Deadlines = Pick<WorkCalendar, 'apologyDeadline' | 'addWorkingDays' | 'supplementRequestDeadline'>;

/**
 * Whether an apology (form 04) is due now: the dossier has a due date, was never extended, and is
 * still open. Form 04 must go out at least the rule set's lead of working days before the due
 * date, so the prompt starts on the working day before that last day, and stays once the date is
 * missed. The rule set is the one in force at receipt (the due date's, for a dossier without one).
 */
export function apologyDue(
  dossier: Pick<Dossier, 'dueAt' | 'originalDueAt' | 'status'> & { receivedAt?: string },
  nowIso: string,
  calendar: Deadlines,
): boolean {
  if (!dossier.dueAt || dossier.originalDueAt || isFinalStatus(dossier.status) || dossier.status === 'sealed')
    return false;
  const rules = ruleSetFor(dossier.receivedAt ?? dossier.dueAt);
  const lastDay = calendar.apologyDeadline(dossier.dueAt, rules.apologyLeadWorkingDays);
  return toLocalDate(nowIso) >= calendar.addWorkingDays(lastDay, -1);
}

/**
 * A supplement asked within the working days of receipt its rule set allows; a later one needs a
 * reason.
 */
export function supplementInTime(
  dossier: Pick<Dossier, 'receivedAt'>,
  nowIso: string,
  calendar: Deadlines,
): boolean {
  const rules = ruleSetFor(dossier.receivedAt);
  return (
    nowIso <= calendar.supplementRequestDeadline(dossier.receivedAt, rules.supplementRequestWithinWorkingDays)
  );
}

/**
 * Whether a command issues the dossier's code: only a complete intake does (a complete `receive`,
 * or `complete_intake` after a supplement), never an incomplete or refused one.
 */
export function issuesCode(type: CommandType): boolean {
  return type === 'receive' || type === 'complete_intake';
}
