import type { Dossier } from '../domain';
import { ruleSetOf } from '../rules/rule-sets';

/**
 * The limits a dossier's rule set (the one in force at its receipt, shared/rules) puts on its
 * steps. decide() refuses past them and availableCommands() does not offer them, on the counter
 * and on the server alike: both read the limit from the dossier's own receipt date.
 */

/** How many times a completed supplement restarted the dossier's clock. */
export function clockRestartsOf(dossier: Pick<Dossier, 'clockRestarts'>): number {
  return dossier.clockRestarts ?? 0;
}

/** How many times an apology letter (form 04) reset the appointment: it keeps the first one. */
export function dueDateResetsOf(dossier: Pick<Dossier, 'originalDueAt'>): number {
  return dossier.originalDueAt === '' ? 0 : 1;
}

/** Appraisal may still ask for a supplement (each one restarts the clock when it comes). */
export function supplementAllowed(dossier: Pick<Dossier, 'receivedAt' | 'clockRestarts'>): boolean {
  return clockRestartsOf(dossier) < ruleSetOf(dossier).maxClockRestarts;
}

/** The appointment may still be reset by an apology letter. */
export function dueDateResetAllowed(dossier: Pick<Dossier, 'receivedAt' | 'originalDueAt'>): boolean {
  return dueDateResetsOf(dossier) < ruleSetOf(dossier).maxDueDateResets;
}
