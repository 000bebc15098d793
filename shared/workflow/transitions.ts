import type { DossierStatus, Role } from '../domain';

/**
 * The transition table of the dossier workflow: for each command, the statuses it may start from
 * (`null` = no dossier yet), where it leads (`'same'` = status unchanged) and which roles may do it.
 * Everything else (decide, availableCommands, the tests) is derived from this one table.
 */
export const COMMAND_TYPES = [
  'receive',
  'record_incomplete',
  'refuse_intake',
  'complete_intake',
  'appraise',
  'request_supplement',
  'supplement_received',
  'refuse',
  'return_to_appraisal',
  'approve',
  'seal',
  'transfer',
  'transfer_back',
  'return_result',
  'rate',
  'apologize_extend',
  'withdraw',
  'stop',
  'edit_details',
  'attach_scan',
] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

/** A dossier in one of these is closed: no command is accepted any more, but one naming it in its `from`. */
export const FINAL_STATUSES = [
  'returned',
  'withdrawn',
  'stopped',
  'refused_intake',
] as const satisfies readonly DossierStatus[];

/** Statuses with a running legal clock: apology, withdrawal and stop apply here. */
export const ACTIVE_STATUSES = [
  'received',
  'supplement_requested',
  'appraised',
  'approved',
  'transferred',
] as const satisfies readonly DossierStatus[];

/** Every status that is not final. */
export const NON_FINAL_STATUSES = [
  'incomplete',
  'received',
  'supplement_requested',
  'appraised',
  'refused',
  'transferred',
  'approved',
  'sealed',
] as const satisfies readonly DossierStatus[];

export interface TransitionSpec {
  readonly from: readonly (DossierStatus | null)[];
  readonly to: DossierStatus | 'same';
  readonly roles: readonly Role[];
}

export const TRANSITIONS: Readonly<Record<CommandType, TransitionSpec>> = {
  receive: { from: [null], to: 'received', roles: ['receiver'] },
  record_incomplete: { from: [null], to: 'incomplete', roles: ['receiver'] },
  refuse_intake: { from: [null], to: 'refused_intake', roles: ['receiver'] },
  complete_intake: { from: ['incomplete'], to: 'received', roles: ['receiver'] },
  appraise: { from: ['received'], to: 'appraised', roles: ['appraiser'] },
  request_supplement: { from: ['received'], to: 'supplement_requested', roles: ['appraiser'] },
  supplement_received: { from: ['supplement_requested'], to: 'received', roles: ['receiver'] },
  refuse: { from: ['received', 'appraised'], to: 'refused', roles: ['appraiser', 'approver'] },
  return_to_appraisal: { from: ['appraised'], to: 'received', roles: ['approver'] },
  approve: { from: ['appraised'], to: 'approved', roles: ['approver'] },
  seal: { from: ['approved'], to: 'sealed', roles: ['sealer'] },
  transfer: { from: ['received', 'appraised'], to: 'transferred', roles: ['receiver', 'appraiser'] },
  transfer_back: { from: ['transferred'], to: 'sealed', roles: ['receiver'] },
  return_result: { from: ['sealed', 'refused'], to: 'returned', roles: ['receiver'] },
  // The one step after the return: the citizen's rating, recorded by the counter that returned it.
  rate: { from: ['returned'], to: 'same', roles: ['receiver'] },
  // Form 04 is signed by the head of the agency: the approver on duty or the supervisor.
  apologize_extend: { from: ACTIVE_STATUSES, to: 'same', roles: ['approver', 'supervisor'] },
  withdraw: { from: ACTIVE_STATUSES, to: 'withdrawn', roles: ['receiver'] },
  stop: { from: ACTIVE_STATUSES, to: 'stopped', roles: ['approver', 'supervisor'] },
  edit_details: { from: NON_FINAL_STATUSES, to: 'same', roles: ['receiver', 'supervisor'] },
  // Components are digitised at intake (or later by the receiver); the result at sealing.
  attach_scan: { from: NON_FINAL_STATUSES, to: 'same', roles: ['receiver', 'sealer'] },
};

/** Commands that create a dossier (the root of its event chain). */
export const CREATING_COMMANDS: readonly CommandType[] = COMMAND_TYPES.filter((type) =>
  TRANSITIONS[type].from.includes(null),
);

/**
 * Who acts next in each status (the "needs my action" queue). The first role is the one recorded
 * as the dossier's `assigneeRole`.
 */
export const NEEDS_ROLE: Readonly<Record<DossierStatus, readonly Role[]>> = {
  incomplete: ['receiver'], // complete the intake when the documents come
  refused_intake: [],
  received: ['appraiser'],
  supplement_requested: ['receiver'], // take in the supplement
  appraised: ['approver'],
  refused: ['receiver'], // hand the refusal notice back
  transferred: ['receiver'], // record the deciding agency's result
  approved: ['sealer'],
  sealed: ['receiver'],
  returned: [],
  withdrawn: [],
  stopped: [],
};

export function isCommandType(value: unknown): value is CommandType {
  return typeof value === 'string' && (COMMAND_TYPES as readonly string[]).includes(value);
}

export function isFinalStatus(status: DossierStatus): boolean {
  return (FINAL_STATUSES as readonly DossierStatus[]).includes(status);
}

/** The status a command leads to from `from`. */
export function targetStatus(type: CommandType, from: DossierStatus | null): DossierStatus {
  const to = TRANSITIONS[type].to;
  if (to !== 'same') return to;
  if (from === null) throw new Error(`${type} needs an existing dossier`);
  return from;
}

/** Whether `type` may start from `status` (ignoring roles and data); a final status only where named. */
export function isAllowedFrom(type: CommandType, status: DossierStatus | null): boolean {
  return TRANSITIONS[type].from.includes(status);
}
