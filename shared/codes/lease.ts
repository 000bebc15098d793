import { z } from 'zod';
import { idSchema, isoDateSchema } from '../domain/primitives';
import { isCalendarDate } from './dossier-code';
import { type CodeLayout, type CodesErrorKey, DEFAULT_CODE_LAYOUT, codeLayoutSchema } from './layout';

/**
 * Server side of dossier numbering: slot table and lease grantor, as pure functions over a plain state
 * (the server persists it in PostgreSQL; see the note at the end for the transaction it needs).
 *
 * Why the server never hands out a number twice:
 * - per (office, date) it keeps one high-water mark `leased[date]` (last number leased); a grant is
 *   `high+1 … min(high+count, leaseMax)` and raises the mark, so blocks are disjoint and increasing;
 * - grants stop at `layout.leaseMax`, below every slot's offline range (see ./layout.ts);
 * - a slot belongs to one enrolled counter at a time (`slots`); a retired counter's slot is reused
 *   only after the retirement day, and the new holder's offline range is closed through that day;
 * - a high-water mark is only forgotten together with closing its date (`closedThrough`), so a late
 *   request for a pruned date is refused rather than started again from 0001.
 * A lost response only leaves a gap (numbers nobody uses): gaps are allowed, duplicates are not.
 */

/** Upper bound of one request: blocks stay small so numbering stays compact across counters. */
export const MAX_LEASE_COUNT = 100;

export const codeLeaseRequestSchema = z.object({
  officeId: idSchema,
  counterId: idSchema,
  /** Receipt date the numbers are for, `YYYY-MM-DD` in Vietnam's calendar (today or upcoming). */
  date: isoDateSchema,
  count: z.number().int().min(1).max(MAX_LEASE_COUNT),
  /**
   * The counter's allocator generation (grows with every number it reserves). The server echoes the
   * highest it has seen; a counter that sees a higher one than its own was restored from a backup.
   */
  generation: z.number().int().min(0).optional(),
  /** The counter's allocator epoch, echoed in the lease: a restored counter ignores older answers. */
  epoch: z.string().min(1).max(64).optional(),
});
export type CodeLeaseRequest = z.infer<typeof codeLeaseRequestSchema>;

export const codeLeaseSchema = z
  .object({
    officeId: idSchema,
    counterId: idSchema,
    date: isoDateSchema,
    from: z.number().int().min(1).max(9999),
    to: z.number().int().min(1).max(9999),
    /** Highest allocator generation the server has seen from this counter (0 when never sent). */
    seenGeneration: z.number().int().min(0),
    epoch: z.string().min(1).max(64).optional(),
  })
  .refine((l) => l.from <= l.to, { message: 'codes.invalid_request', path: ['to'] });
export type CodeLease = z.infer<typeof codeLeaseSchema>;

export const officeCodeStateSchema = z.object({
  layout: codeLayoutSchema,
  /** counterId → slot, for enrolled counters. */
  slots: z.record(z.string(), z.number().int().min(0)),
  /** slot (as text) → day its last holder was retired; the slot is free for a new counter. */
  retired: z.record(z.string(), isoDateSchema),
  /** date → last number leased that day (the high-water mark). */
  leased: z.record(z.string(), z.number().int().min(0)),
  /** counterId → highest allocator generation seen. */
  generations: z.record(z.string(), z.number().int().min(0)),
  /** Leases for dates up to this one are refused (their marks were pruned). */
  closedThrough: isoDateSchema.nullable(),
});
export type OfficeCodeState = z.infer<typeof officeCodeStateSchema>;

export const leaseServerStateSchema = z.object({
  offices: z.record(z.string(), officeCodeStateSchema),
});
export type LeaseServerState = z.infer<typeof leaseServerStateSchema>;

export function emptyLeaseServerState(): LeaseServerState {
  return { offices: {} };
}

export type LeaseResult<T> =
  ({ ok: true; state: LeaseServerState } & T) | { ok: false; state: LeaseServerState; error: CodesErrorKey };

function withOffice(state: LeaseServerState, officeId: string, office: OfficeCodeState): LeaseServerState {
  return { ...state, offices: { ...state.offices, [officeId]: office } };
}

const maxDate = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null || a >= b ? a : b;

export interface Enrolment {
  slot: number;
  layout: CodeLayout;
  /**
   * The counter must not use its offline range for dates up to this one. At least the enrolment day
   * (a re-enrolled counter has lost its cursors, a reused slot's previous holder may have numbered
   * offline on its last day), except null for a new holder given a slot nobody ever held.
   */
  fallbackClosedThrough: string | null;
}

/**
 * Gives a counter a slot in its office (idempotent for an enrolled counter). Picks the lowest slot
 * never used, else the slot retired longest ago; fails with codes.no_free_slot when all are held.
 * `newHolder`: the holder key was created just now (one enrolled device), so it has no cursors to
 * have lost, and a slot nobody ever held has no offline number in use: its range opens at once.
 */
export function enrolCounter(
  state: LeaseServerState,
  args: { officeId: string; counterId: string; today: string; layout?: CodeLayout; newHolder?: boolean },
): LeaseResult<Enrolment> {
  const { officeId, counterId, today } = args;
  if (!isCalendarDate(today)) return { ok: false, state, error: 'codes.invalid_request' };
  const office: OfficeCodeState = state.offices[officeId] ?? {
    layout: codeLayoutSchema.parse(args.layout ?? DEFAULT_CODE_LAYOUT),
    slots: {},
    retired: {},
    leased: {},
    generations: {},
    closedThrough: null,
  };
  const held = office.slots[counterId];
  if (held !== undefined) {
    return {
      ok: true,
      state: withOffice(state, officeId, office),
      slot: held,
      layout: office.layout,
      fallbackClosedThrough: today,
    };
  }
  const taken = new Set(Object.values(office.slots));
  let slot: number | undefined;
  for (let s = 0; s < office.layout.slotCount && slot === undefined; s++) {
    if (!taken.has(s) && office.retired[String(s)] === undefined) slot = s;
  }
  let closedThrough: string | null = args.newHolder && slot !== undefined ? null : today;
  const retired = { ...office.retired };
  if (slot === undefined) {
    const oldest = Object.entries(office.retired)
      .filter(([s]) => !taken.has(Number(s)))
      .sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))[0];
    if (!oldest) return { ok: false, state, error: 'codes.no_free_slot' };
    slot = Number(oldest[0]);
    closedThrough = maxDate(today, oldest[1]) ?? today;
    delete retired[oldest[0]];
  }
  const next: OfficeCodeState = { ...office, slots: { ...office.slots, [counterId]: slot }, retired };
  return {
    ok: true,
    state: withOffice(state, officeId, next),
    slot,
    layout: office.layout,
    fallbackClosedThrough: closedThrough,
  };
}

/**
 * Retires a counter (decommissioned PC, revoked device). Its slot becomes reusable for a new counter.
 * The server must then refuse dossiers this counter numbers for dates after `today`, since the new
 * holder of the slot may use the same offline range from tomorrow.
 */
export function retireCounter(
  state: LeaseServerState,
  args: { officeId: string; counterId: string; today: string },
): LeaseResult<{ slot: number }> {
  const office = state.offices[args.officeId];
  const slot = office?.slots[args.counterId];
  if (!office || slot === undefined) return { ok: false, state, error: 'codes.not_enrolled' };
  const slots = { ...office.slots };
  delete slots[args.counterId];
  const retired = { ...office.retired, [String(slot)]: args.today };
  return { ok: true, state: withOffice(state, args.officeId, { ...office, slots, retired }), slot };
}

/**
 * Grants the next block of numbers for (office, date) to an enrolled counter. When the leasable part
 * of the day is used up, answers codes.lease_exhausted: counters then number from their offline range.
 */
export function grantLease(state: LeaseServerState, request: unknown): LeaseResult<{ lease: CodeLease }> {
  const parsed = codeLeaseRequestSchema.safeParse(request);
  if (!parsed.success) return { ok: false, state, error: 'codes.invalid_request' };
  const { officeId, counterId, date, count, generation = 0, epoch } = parsed.data;
  const office = state.offices[officeId];
  if (!office || office.slots[counterId] === undefined)
    return { ok: false, state, error: 'codes.not_enrolled' };
  const seenGeneration = Math.max(office.generations[counterId] ?? 0, generation);
  const generations = { ...office.generations, [counterId]: seenGeneration };
  if (office.closedThrough !== null && date <= office.closedThrough) {
    return {
      ok: false,
      state: withOffice(state, officeId, { ...office, generations }),
      error: 'codes.date_closed',
    };
  }
  const high = office.leased[date] ?? 0;
  if (high >= office.layout.leaseMax) {
    return {
      ok: false,
      state: withOffice(state, officeId, { ...office, generations }),
      error: 'codes.lease_exhausted',
    };
  }
  const from = high + 1;
  const to = Math.min(high + count, office.layout.leaseMax);
  const next: OfficeCodeState = { ...office, generations, leased: { ...office.leased, [date]: to } };
  return {
    ok: true,
    state: withOffice(state, officeId, next),
    lease: { officeId, counterId, date, from, to, seenGeneration, ...(epoch === undefined ? {} : { epoch }) },
  };
}

/**
 * Forgets the high-water marks of dates before `beforeDate` and closes those dates for leasing, so the
 * table does not grow for ever. Counters never need past dates (they prune them too).
 */
export function pruneLeaseState(
  state: LeaseServerState,
  officeId: string,
  beforeDate: string,
): LeaseServerState {
  const office = state.offices[officeId];
  if (!office || !isCalendarDate(beforeDate)) return state;
  const leased: Record<string, number> = {};
  let closed = office.closedThrough;
  for (const [date, high] of Object.entries(office.leased)) {
    if (date < beforeDate) closed = maxDate(closed, date);
    else leased[date] = high;
  }
  return withOffice(state, officeId, { ...office, leased, closedThrough: closed });
}

/*
 * Persisting this in PostgreSQL (server helper): the grant must be serialised per (office, date), or
 * two requests could read the same mark. Either run load → grantLease → store in one transaction that
 * first locks the office row (`SELECT … FOR UPDATE`), or do the same arithmetic in one statement:
 *   UPDATE code_high_water SET last = LEAST(last + $count, $leaseMax)
 *    WHERE office_id = $1 AND date = $2 AND last < $leaseMax RETURNING last - …
 * (insert the row with last = 0 first, ON CONFLICT DO NOTHING). A UNIQUE constraint on the dossier
 * code is the last line of defence and should exist anyway.
 */
