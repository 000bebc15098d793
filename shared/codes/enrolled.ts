import { type CounterCodeState, initCounterCodeState } from './allocator';
import type { CodeLayout } from './layout';

/** What an enrolment answers about a counter device's numbering (shared/sync/contract enrol response). */
export interface EnrolledNumbering {
  officeId: string;
  counterId: string;
  agencyCode: string;
  deviceId: string;
  slot: number;
  layout: CodeLayout;
  /** From the enrolment answer. */
  fallbackClosedThrough: string | null;
  /** A fresh random id (crypto.randomUUID()). */
  epoch: string;
}

/**
 * The counter's allocator state once the server has given this device its slot: a new state on the
 * slot, keeping from the previous one (same office and agency) whatever proves a number was already
 * used, so nothing issued before enrolment is issued again:
 * - the leased blocks and the replay guard (leased numbers are the office's, whatever the slot);
 * - the closed dates, and the generation (it only grows);
 * - the offline cursors, only when the new slot is the old one (another slot's range is untouched).
 * A previous state of another office or agency is dropped: its numbers cannot collide with these.
 */
export function stateForEnrolment(prev: CounterCodeState | null, next: EnrolledNumbering): CounterCodeState {
  const fresh = initCounterCodeState(next);
  if (!prev || prev.officeId !== next.officeId || prev.agencyCode !== next.agencyCode) return fresh;
  const sameRange =
    prev.slot === next.slot &&
    prev.layout.fallbackFrom === next.layout.fallbackFrom &&
    prev.layout.slotWidth === next.layout.slotWidth;
  return {
    ...fresh,
    generation: prev.generation,
    leases: prev.leases,
    leasedThrough: prev.leasedThrough,
    fallbackNext: sameRange ? prev.fallbackNext : {},
    closedThrough: prev.closedThrough,
  };
}
