import { type CounterCodeState, counterCodeStateSchema, initCounterCodeState } from './allocator';
import { z } from 'zod';
import { isoDateSchema } from '../domain/primitives';
import { type CodeLayout, codeLayoutSchema } from './layout';

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
  /** 'local' for a slot the app chose itself (the demo office's seed); default 'server'. */
  slotFrom?: 'server' | 'local';
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

/** The server's answer to POST /codes/slot (server/codes/routes.ts). */
export const slotAnswerSchema = z
  .object({
    slot: z.number().int().min(0),
    layout: codeLayoutSchema,
    fallbackClosedThrough: isoDateSchema.nullable(),
  })
  .refine((a) => a.slot < a.layout.slotCount, { message: 'codes.invalid_request', path: ['slot'] });
export type SlotAnswer = z.infer<typeof slotAnswerSchema>;

/** What a state waiting for a slot (needsSlot) sends to POST /codes/slot; null when it waits for none. */
export function slotRequest(
  state: CounterCodeState,
): { officeId: string; counterId: string; epoch: string } | null {
  return state.needsSlot
    ? { officeId: state.officeId, counterId: state.counterId, epoch: state.epoch }
    : null;
}

/**
 * A restored or copied state (needsSlot) once the server has named a slot for its epoch: the server
 * gives each epoch of a device its own slot, so the copy no longer shares an offline range with the
 * state it was copied from. Applied only to the state that asked (same epoch, still waiting):
 * another answer leaves it as it is. The offline cursors are kept only when the slot is the same.
 */
export function stateForSlot(state: CounterCodeState, epoch: string, answer: SlotAnswer): CounterCodeState {
  if (!state.needsSlot || state.epoch !== epoch) return state;
  const sameRange =
    state.slot === answer.slot &&
    state.layout.fallbackFrom === answer.layout.fallbackFrom &&
    state.layout.slotWidth === answer.layout.slotWidth;
  const closed = answer.fallbackClosedThrough;
  const fallbackClosedThrough =
    state.fallbackClosedThrough === null || (closed !== null && closed > state.fallbackClosedThrough)
      ? closed
      : state.fallbackClosedThrough;
  return counterCodeStateSchema.parse({
    ...state,
    slot: answer.slot,
    layout: answer.layout,
    fallbackNext: sameRange ? state.fallbackNext : {},
    fallbackClosedThrough,
    needsSlot: false,
    slotFrom: 'server',
  });
}
