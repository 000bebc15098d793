import type { Dossier, DossierStatus, Role } from '../domain';
import { dueDateResetAllowed, supplementAllowed } from './rule-limits';
import { COMMAND_TYPES, NEEDS_ROLE, TRANSITIONS, isAllowedFrom } from './transitions';
import type { CommandType } from './transitions';

/**
 * Commands an officer holding `roles` may do on this dossier now (`null`: the intake commands), in
 * the table's order, main path first. Data-dependent refusals that the dossier alone decides are
 * applied too: the limits of the dossier's rule set (a used apology or supplement round, or a
 * given rating, is not offered again).
 */
export function availableCommands(dossier: Dossier | null, roles: readonly Role[]): CommandType[] {
  const status = dossier?.status ?? null;
  return COMMAND_TYPES.filter((type) => {
    if (!isAllowedFrom(type, status)) return false;
    if (!TRANSITIONS[type].roles.some((role) => roles.includes(role))) return false;
    if (type === 'apologize_extend' && dossier !== null && !dueDateResetAllowed(dossier)) return false;
    if (type === 'request_supplement' && dossier !== null && !supplementAllowed(dossier)) return false;
    if (type === 'rate' && dossier?.rating !== null) return false;
    return true;
  });
}

/** Whether the dossier waits for someone holding one of `roles` (the "needs my action" queue). */
export function needsActionFrom(dossier: Pick<Dossier, 'status'>, roles: readonly Role[]): boolean {
  return NEEDS_ROLE[dossier.status].some((role) => roles.includes(role));
}

/** The statuses that wait for `role` (what "mine" lists and counts for an officer acting in that role). */
export function statusesAwaiting(role: Role): DossierStatus[] {
  return (Object.keys(NEEDS_ROLE) as DossierStatus[]).filter((status) => NEEDS_ROLE[status].includes(role));
}
