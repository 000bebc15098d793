/** A dossier's full life and the edits a forger would make to its events, for the chain tests. */
import type { DossierEvent } from '../../shared/domain';
import { cloneJson, computeEventHash } from '../../shared/workflow/hash';
import type { CommandType } from '../../shared/workflow/transitions';
import type { actorFor } from './workflow-fixtures';
import { run } from './workflow-fixtures';

/** A full life: receive, edit, apology, appraise, approve, seal, return (7 events). */
export const LIFE: [CommandType, Parameters<typeof actorFor>[0]][] = [
  ['receive', 'receiver'],
  ['edit_details', 'receiver'],
  ['apologize_extend', 'approver'],
  ['appraise', 'appraiser'],
  ['approve', 'approver'],
  ['seal', 'sealer'],
  ['return_result', 'receiver'],
];
export const life = run(LIFE);

/** A plain, editable copy of events (as an attacker with database access would have them). */
export function editable(events: readonly DossierEvent[]): DossierEvent[] {
  return cloneJson(events as DossierEvent[]);
}

export function rehash(event: DossierEvent): DossierEvent {
  return { ...event, hash: computeEventHash(event) };
}

/** Re-link a tampered sequence so every hash and prevHash is consistent again (a careful forger). */
export function relink(events: DossierEvent[]): DossierEvent[] {
  const out: DossierEvent[] = [];
  events.forEach((event, i) => {
    const prev = out[i - 1];
    out.push(rehash({ ...event, seq: i + 1, prevHash: prev ? prev.hash : '' }));
  });
  return out;
}
