import { z } from 'zod';
import { MAX_SEQ } from './dossier-code';

/**
 * How an office's daily sequence 0001–9999 is split. Two disjoint parts:
 *
 *   0001 … leaseMax                      leased by the server in small blocks to online counters
 *   fallbackFrom … (slotCount·slotWidth) one private range per counter slot, used only offline
 *
 * The server never leases above `leaseMax`, and a slot range is used by exactly one enrolled counter,
 * so the two sources can never produce the same number. With the default layout an office leases up
 * to 5,999 numbers a day (a busy provincial centre receives a few hundred) and each of 20 counters can
 * still issue 200 numbers a day with the network down.
 *
 * The layout travels inside each counter's allocator state (given at enrolment), so a counter never
 * guesses it. Changing the layout of an office in use would let old and new ranges overlap: don't.
 */
export const codeLayoutSchema = z
  .object({
    leaseMax: z.number().int().min(1),
    fallbackFrom: z.number().int().min(2),
    slotCount: z.number().int().min(1),
    slotWidth: z.number().int().min(1),
  })
  .refine((l) => l.fallbackFrom > l.leaseMax, 'codes.layout_invalid')
  .refine((l) => l.fallbackFrom + l.slotCount * l.slotWidth - 1 <= MAX_SEQ, 'codes.layout_invalid');
export type CodeLayout = z.infer<typeof codeLayoutSchema>;

export const DEFAULT_CODE_LAYOUT: CodeLayout = Object.freeze({
  leaseMax: 5999,
  fallbackFrom: 6000,
  slotCount: 20,
  slotWidth: 200,
});

/** The offline range reserved for a slot, inclusive. */
export function fallbackRange(layout: CodeLayout, slot: number): { from: number; to: number } {
  if (!Number.isInteger(slot) || slot < 0 || slot >= layout.slotCount) {
    throw new RangeError(`slot outside 0–${layout.slotCount - 1}: ${slot}`);
  }
  const from = layout.fallbackFrom + slot * layout.slotWidth;
  return { from, to: from + layout.slotWidth - 1 };
}

/** Error keys of the code machinery; each has a message in shared/i18n/validation.ts. */
export const CODES_ERROR_KEYS = [
  'codes.exhausted',
  'codes.needs_sync',
  'codes.device_mismatch',
  'codes.clock_behind',
  'codes.lease_exhausted',
  'codes.lease_mismatch',
  'codes.not_enrolled',
  'codes.no_free_slot',
  'codes.date_closed',
  'codes.invalid_request',
  'codes.layout_invalid',
] as const;
export type CodesErrorKey = (typeof CODES_ERROR_KEYS)[number];

/** Thrown by the async helpers; carries the i18n key for the UI. */
export class CodesError extends Error {
  readonly key: CodesErrorKey;
  constructor(key: CodesErrorKey) {
    super(key);
    this.name = 'CodesError';
    this.key = key;
  }
}
