import type { Dossier } from '../domain';
import { ruleSetOf } from '../rules/rule-sets';
import type { WorkflowError } from './decide';

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

/**
 * Why appraisal may not ask for a supplement now (decide's refusal), or null: the dossier's rule set
 * allows no more clock restarts, or the request comes after its window without an override reason.
 */
export function supplementRefusal(
  dossier: Pick<Dossier, 'receivedAt' | 'clockRestarts'>,
  withinDeadline: boolean,
  overrideReason: string | undefined,
): WorkflowError | null {
  const rules = ruleSetOf(dossier);
  if (!supplementAllowed(dossier)) {
    return {
      code: 'workflow.supplement_limit_reached',
      message: `Under rule set ${rules.id} a supplement may restart the clock ${rules.maxClockRestarts} time(s) per dossier`,
      details: { ruleSet: rules.id, clockRestarts: clockRestartsOf(dossier) },
    };
  }
  if (!withinDeadline && !overrideReason) {
    return {
      code: 'workflow.supplement_deadline_passed',
      message: `A supplement must be requested within ${rules.supplementRequestWithinWorkingDays} working days of receipt; give an override reason to request it late`,
      details: { ruleSet: rules.id },
    };
  }
  return null;
}

/** Why the appointment may not be reset by an apology letter (decide's refusal), or null. */
export function dueDateResetRefusal(
  dossier: Pick<Dossier, 'receivedAt' | 'originalDueAt'>,
): WorkflowError | null {
  if (dueDateResetAllowed(dossier)) return null;
  const rules = ruleSetOf(dossier);
  return {
    code: 'workflow.apology_already_used',
    message: `Under rule set ${rules.id} the appointment may be reset ${rules.maxDueDateResets} time(s) per dossier (form 04)`,
    details: { originalDueAt: dossier.originalDueAt, ruleSet: rules.id },
  };
}
