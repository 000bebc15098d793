import { z } from 'zod';
import { DEMO_OFFICE_ID } from '../demo/office';
import { agencyCodeSchema } from '../domain/office';
import { idSchema, isoDateSchema } from '../domain/primitives';
import { addDays, formatDossierCodeForDate, localDateVn, parseDossierCode } from './dossier-code';
import { type CodesErrorKey, codeLayoutSchema, fallbackRange } from './layout';
import { type CodeLease, type CodeLeaseRequest, codeLeaseSchema, MAX_LEASE_COUNT } from './lease';
import type { EnrolledNumbering } from './enrolled';

/**
 * Counter side of dossier numbering: a pure state machine (state in → state + code out). The state is
 * a plain JSON document the renderer keeps in RxDB (local only, never replicated).
 *
 * Where numbers come from, in order:
 * 1. Leases: blocks of ~20 numbers for today and upcoming days, granted by the server (./lease.ts) and
 *    topped up in the background while online. Numbers stay compact and shared across counters.
 * 2. Offline fallback: when no leased number is left for the day, the counter's own slot range in the
 *    upper part of 0001–9999 (./layout.ts), which the server never leases and no other counter uses.
 * 3. Neither left: `codes.exhausted` (the counter must get online to lease more, or another counter
 *    takes the dossier). Nothing is ever borrowed from another range.
 *
 * Why a number is never issued twice:
 * - the two sources are disjoint (server-side argument in ./lease.ts); within a source, each cursor
 *   only moves forward, per date;
 * - reserve() returns the advanced state and the code together; the caller persists the state BEFORE
 *   printing or saving the code (./issuer.ts does exactly that). A crash before the write loses only
 *   a code nobody has seen; a crash after it leaves a gap;
 * - a lease response delivered twice, or late, is applied only if it lies above every lease already
 *   applied for that date (the server's blocks for one counter only grow), so a used block is never
 *   re-added; and only if it answers a request of the current epoch, which a restore replaces, so an
 *   answer that was already used in the time a backup forgot cannot come back;
 * - a date's cursors are forgotten only together with closing the date (prune), so a clock turned
 *   back cannot reopen spent cursors (`codes.clock_behind`).
 *
 * Restored backups, reinstalls, cloned profiles:
 * - reconcile(state, issued, now) runs on every pull with the office's dossiers it brought: a number of
 *   our own that this state has not reached proves the state is an old copy → markRestored; and
 *   every number in use raises the replay guard of its date;
 * - restoring a backup through the app calls markRestored(): leases are dropped (the server will grant
 *   fresh blocks), the epoch is replaced (answers to older requests are ignored), the offline range
 *   is closed through today, because receipts printed after the backup and never synced are unknown
 *   to everyone, and no offline number is issued at all (`needsSlot`) until the server names a slot
 *   for the new epoch (enrolment, or POST /codes/slot: each epoch of a device gets its own slot),
 *   since the PC the backup came from, or a profile copied with it, may number from the old slot on
 *   any later day. The counter numbers from leases meanwhile;
 * - a restore the app did not see (files copied back) is caught at the first pull that brings back a
 *   dossier numbered in the forgotten time (reconcile), or at the first lease answer (the server echoes
 *   the highest generation it has seen; a lower local one means a rollback). So after start-up the app
 *   pulls before numbering when online. Offline, a copied-back state whose forgotten numbers never
 *   reached the server cannot be told from the real one: restores must go through the app;
 * - a restored or cloned state caught by reconcile or by the generation echo is marked restored the
 *   same way, so it too moves to a slot of its own before it numbers offline again;
 * - a backup never carries web mode's server credential (features/backup/storage.ts): a PC restoring
 *   another's backup enrols as itself;
 * - the state can be bound to a device id (the repository's `deviceId`; reserve() then refuses a
 *   copy with `codes.device_mismatch`). Two copies
 *   on one machine are kept apart by the shell's single-instance lock; a clone that still slips
 *   through is detected (not prevented) by reconcile once the other copy's dossiers are pulled;
 * - a reinstalled or re-enrolled counter starts with its offline range closed through the enrolment
 *   day (see enrolCounter).
 * Limit: the receipt date comes from the counter's clock. A wrong clock gives wrong dates, never a
 * duplicate; the sync layer warns about clock offsets.
 */

export const leaseBlockSchema = z.object({
  date: isoDateSchema,
  from: z.number().int().min(1),
  to: z.number().int().min(1),
  /** Next number to hand out from this block. */
  next: z.number().int().min(1),
});
export type LeaseBlock = z.infer<typeof leaseBlockSchema>;

export const counterCodeStateSchema = z.object({
  version: z.literal(1),
  officeId: idSchema,
  counterId: idSchema,
  agencyCode: agencyCodeSchema,
  /** Binds the state to one machine; see the header comment. */
  deviceId: z.string().min(1),
  slot: z.number().int().min(0),
  layout: codeLayoutSchema,
  /** Grows with every reservation; sent with lease requests to detect a restored state. */
  generation: z.number().int().min(0),
  /** Sent with lease requests and echoed by the server; replaced on restore (see markRestored). */
  epoch: z.string().min(1).max(64),
  /** Unused leased numbers, ordered by date then from. Blocks leave when used up or past. */
  leases: z.array(leaseBlockSchema),
  /** date → highest `to` of any lease applied (replay guard; kept until the date is pruned). */
  leasedThrough: z.record(z.string(), z.number().int()),
  /** date → next number of the offline range (absent: start of the slot range). */
  fallbackNext: z.record(z.string(), z.number().int()),
  /** No number at all for dates up to this one (pruned dates). */
  closedThrough: isoDateSchema.nullable(),
  /** No offline number for dates up to this one (restored backup, re-enrolment, reused slot). */
  fallbackClosedThrough: isoDateSchema.nullable(),
  /**
   * True once this state is known to be a restored backup or a copy: its slot's offline range may be
   * in use by another copy (the PC the backup came from, the profile it was copied from), so no
   * offline number at all until the server names a slot for this state (enrolment, or POST
   * /codes/slot with its new epoch: see stateForSlot). Leased numbers stay safe meanwhile.
   */
  needsSlot: z.boolean().optional(),
  /**
   * How the slot was given. 'server': by an enrolment (or a slot answer); 'local': by the app alone
   * (the demo office's seed, slot 0 on every PC). A 'local' state numbers only for the demo office,
   * which never mixes with a real office's data: a real office's counter must enrol before its first code, or every
   * unenrolled PC would number from the same slot. Absent: 'server' (states saved before the field).
   */
  slotFrom: z.enum(['server', 'local']).optional(),
});
export type CounterCodeState = z.infer<typeof counterCodeStateSchema>;

const maxDate = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null || a >= b ? a : b;

export function initCounterCodeState(args: EnrolledNumbering): CounterCodeState {
  fallbackRange(args.layout, args.slot); // throws on a slot outside the layout
  return counterCodeStateSchema.parse({
    version: 1,
    officeId: args.officeId,
    counterId: args.counterId,
    agencyCode: args.agencyCode,
    deviceId: args.deviceId,
    slot: args.slot,
    layout: args.layout,
    generation: 0,
    epoch: args.epoch,
    leases: [],
    leasedThrough: {},
    fallbackNext: {},
    closedThrough: null,
    fallbackClosedThrough: args.fallbackClosedThrough,
    slotFrom: args.slotFrom ?? 'server',
  });
}

export type ReserveResult =
  | {
      ok: true;
      state: CounterCodeState;
      code: string;
      seq: number;
      date: string;
      source: 'lease' | 'fallback';
    }
  | { ok: false; error: CodesErrorKey };

/**
 * Takes the next number for a dossier received at `receivedAtIso`. Persist `state` first; only then
 * print or save `code`.
 */
export function reserve(state: CounterCodeState, receivedAtIso: string, deviceId: string): ReserveResult {
  if (deviceId !== state.deviceId) return { ok: false, error: 'codes.device_mismatch' };
  // Only the demo office numbers from a slot the app chose (every unenrolled PC would choose slot 0).
  if (state.slotFrom === 'local' && state.officeId !== DEMO_OFFICE_ID)
    return { ok: false, error: 'codes.not_enrolled' };
  const date = localDateVn(receivedAtIso);
  if (state.closedThrough !== null && date <= state.closedThrough)
    return { ok: false, error: 'codes.clock_behind' };
  const generation = state.generation + 1;
  const i = state.leases.findIndex((b) => b.date === date && b.next <= b.to);
  if (i >= 0) {
    const block = state.leases[i]!;
    const seq = block.next;
    const leases = state.leases.flatMap((b, j) =>
      j !== i ? [b] : b.next < b.to ? [{ ...b, next: b.next + 1 }] : [],
    );
    const code = formatDossierCodeForDate(state.agencyCode, date, seq);
    return { ok: true, state: { ...state, generation, leases }, code, seq, date, source: 'lease' };
  }
  if (state.needsSlot || (state.fallbackClosedThrough !== null && date <= state.fallbackClosedThrough)) {
    return { ok: false, error: 'codes.needs_sync' };
  }
  const range = fallbackRange(state.layout, state.slot);
  const seq = state.fallbackNext[date] ?? range.from;
  if (seq > range.to) return { ok: false, error: 'codes.exhausted' };
  const code = formatDossierCodeForDate(state.agencyCode, date, seq);
  const fallbackNext = { ...state.fallbackNext, [date]: seq + 1 };
  return { ok: true, state: { ...state, generation, fallbackNext }, code, seq, date, source: 'fallback' };
}

/** Unused leased numbers for a date. */
export function leasedRemaining(state: CounterCodeState, date: string): number {
  return state.leases.filter((b) => b.date === date).reduce((n, b) => n + b.to - b.next + 1, 0);
}

/** Unused offline numbers for a date (0 when the offline range is closed for it). */
export function fallbackRemaining(state: CounterCodeState, date: string): number {
  if (state.needsSlot) return 0;
  if (state.closedThrough !== null && date <= state.closedThrough) return 0;
  if (state.fallbackClosedThrough !== null && date <= state.fallbackClosedThrough) return 0;
  const range = fallbackRange(state.layout, state.slot);
  return Math.max(0, range.to - (state.fallbackNext[date] ?? range.from) + 1);
}

/**
 * Lease requests to send now: one per date (today, then `daysAhead` following days, or the given
 * `dates`, e.g. the next working day from the calendar) whose unused leased numbers are below
 * `lowWater`. Build them from the persisted state, so the generation sent is one that survives a crash.
 */
export function leaseRequests(
  state: CounterCodeState,
  nowIso: string,
  opts: { daysAhead?: number; dates?: readonly string[]; lowWater?: number; blockSize?: number } = {},
): CodeLeaseRequest[] {
  const today = localDateVn(nowIso);
  const { daysAhead = 1, lowWater = 5, blockSize = 20 } = opts;
  const dates = opts.dates ?? Array.from({ length: daysAhead + 1 }, (_, k) => addDays(today, k));
  const count = Math.min(Math.max(1, blockSize), MAX_LEASE_COUNT);
  return [...new Set(dates)]
    .filter((d) => d >= today && !(state.closedThrough !== null && d <= state.closedThrough))
    .filter((d) => leasedRemaining(state, d) < lowWater)
    .map((date) => ({
      officeId: state.officeId,
      counterId: state.counterId,
      date,
      count,
      generation: state.generation,
      epoch: state.epoch,
    }));
}

export type ApplyLeaseResult =
  | { ok: true; state: CounterCodeState; applied: boolean; rolledBack: boolean }
  | { ok: false; error: CodesErrorKey };

/**
 * Adds a granted block. A replayed or stale block (not above every block already applied for its date,
 * or answering a request of an earlier epoch) is ignored (`applied: false`). A server generation above
 * ours means this state was restored behind the app's back: it is marked restored (new epoch, leases
 * dropped, offline range closed through today) and the block itself is dropped too, since it may have
 * been used in the forgotten time (`rolledBack: true`).
 */
export function applyLease(state: CounterCodeState, lease: CodeLease, nowIso: string): ApplyLeaseResult {
  const parsed = codeLeaseSchema.safeParse(lease);
  if (!parsed.success) return { ok: false, error: 'codes.invalid_request' };
  const l = parsed.data;
  if (l.officeId !== state.officeId || l.counterId !== state.counterId || l.to > state.layout.leaseMax) {
    return { ok: false, error: 'codes.lease_mismatch' };
  }
  if (l.seenGeneration > state.generation) {
    const epoch = derivedEpoch({ ...state, generation: l.seenGeneration }, nowIso, 'g');
    const restored = { ...markRestored(state, nowIso, epoch), generation: l.seenGeneration };
    return { ok: true, state: restored, applied: false, rolledBack: true };
  }
  const through = state.leasedThrough[l.date] ?? 0;
  const closed = state.closedThrough !== null && l.date <= state.closedThrough;
  if (l.epoch !== state.epoch || l.from <= through || closed) {
    return { ok: true, state, applied: false, rolledBack: false };
  }
  const leases = [...state.leases, { date: l.date, from: l.from, to: l.to, next: l.from }].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.from - b.from,
  );
  return {
    ok: true,
    state: { ...state, leases, leasedThrough: { ...state.leasedThrough, [l.date]: l.to } },
    applied: true,
    rolledBack: false,
  };
}

export interface IssuedSeq {
  date: string;
  seq: number;
}

/** The (date, seq) of codes of this agency, skipping empty or foreign codes. */
export function issuedSeqsFromCodes(codes: Iterable<string>, agencyCode: string): IssuedSeq[] {
  const out: IssuedSeq[] = [];
  for (const code of codes) {
    const p = code ? parseDossierCode(code) : null;
    if (p && p.agencyCode === agencyCode) out.push({ date: p.date, seq: p.seq });
  }
  return out;
}

/**
 * Brings the state up to date with the dossiers in the replica (run it on every pull, with what the
 * pull brought, and on start-up before numbering). Accepts dossier codes of any agency (others are
 * ignored) or (date, seq) pairs of this agency.
 *
 * - Every leased-part number seen raises `leasedThrough` for its date: a late or replayed answer whose
 *   block starts at or below a number already in use is ignored (at worst a gap).
 * - A number of our own (in one of our blocks at or after its cursor, or in our open offline range at
 *   or after its cursor) can only be there if a copy of this state went further than this one: the
 *   state was restored behind the app's back, or cloned. It is then marked restored (new epoch, leases
 *   dropped, offline range closed through today) with the cursors moved past what was seen.
 * The caller can tell a detected rollback by the changed `epoch`.
 */
export function reconcile(
  state: CounterCodeState,
  issued: Iterable<string | IssuedSeq>,
  nowIso: string,
): CounterCodeState {
  const range = fallbackRange(state.layout, state.slot);
  let leases = state.leases;
  const fallbackNext = { ...state.fallbackNext };
  const leasedThrough = { ...state.leasedThrough };
  let changed = false;
  let rolledBack = false;
  for (const item of issued) {
    let date: string;
    let seq: number;
    if (typeof item === 'string') {
      const p = parseDossierCode(item);
      if (!p || p.agencyCode !== state.agencyCode) continue;
      ({ date, seq } = p);
    } else {
      ({ date, seq } = item);
    }
    if (state.closedThrough !== null && date <= state.closedThrough) continue;
    if (seq >= range.from && seq <= range.to) {
      // Up to fallbackClosedThrough the range may hold a previous holder's or a forgotten time's numbers.
      if (state.fallbackClosedThrough !== null && date <= state.fallbackClosedThrough) continue;
      if ((fallbackNext[date] ?? range.from) <= seq) {
        fallbackNext[date] = seq + 1;
        changed = rolledBack = true;
      }
      continue;
    }
    if (seq > state.layout.leaseMax) continue; // another slot's offline range
    if ((leasedThrough[date] ?? 0) < seq) {
      leasedThrough[date] = seq;
      changed = true;
    }
    if (leases.some((b) => b.date === date && b.from <= seq && seq <= b.to && b.next <= seq)) {
      leases = leases.flatMap((b) =>
        b.date === date && b.from <= seq && seq <= b.to && b.next <= seq
          ? seq < b.to
            ? [{ ...b, next: seq + 1 }]
            : []
          : [b],
      );
      changed = rolledBack = true;
    }
  }
  if (!changed) return state;
  const next = { ...state, leases, fallbackNext, leasedThrough };
  return rolledBack ? markRestored(next, nowIso, derivedEpoch(state, nowIso, 'c')) : next;
}

/** A new epoch without a random source: no earlier copy of this state reached it at this instant. */
function derivedEpoch(state: CounterCodeState, nowIso: string, tag: string): string {
  const epoch = `${tag}${state.generation}-${Date.parse(nowIso)}`;
  return epoch === state.epoch ? `${epoch}-2` : epoch;
}

/**
 * After restoring this state from a backup: drop leases (the server grants fresh blocks), take a new
 * epoch (`newEpoch`: a fresh crypto.randomUUID()) so answers to requests sent before the restore are
 * ignored, close the offline range through today, since receipts printed after the backup and
 * never synced are known to nobody, and stop numbering offline until the server names a slot for
 * the new epoch (`needsSlot`): the PC the backup came from, or the profile this one was copied from,
 * may still number from the old slot on any later day. Then reconcile after the next pull.
 */
export function markRestored(state: CounterCodeState, nowIso: string, newEpoch: string): CounterCodeState {
  if (!newEpoch || newEpoch === state.epoch) throw new RangeError('markRestored needs a new epoch');
  const today = localDateVn(nowIso);
  return {
    ...state,
    epoch: newEpoch,
    leases: [],
    fallbackClosedThrough: maxDate(state.fallbackClosedThrough, today),
    // The demo office numbers from the app's own slot on every PC: no server names it another.
    needsSlot: state.officeId !== DEMO_OFFICE_ID,
  };
}

/**
 * Forgets dates more than `keepDays` before today and closes them (`codes.clock_behind` afterwards), so
 * the state stays small and a clock turned back cannot reopen cursors that were forgotten. Dates inside
 * the window keep their cursors: a clock that was briefly wrong and is put right still works.
 */
export function prune(state: CounterCodeState, nowIso: string, keepDays = 31): CounterCodeState {
  const oldest = addDays(localDateVn(nowIso), -keepDays);
  let closed = state.closedThrough;
  const keep = <T>(rec: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.entries(rec).filter(([d]) => {
        if (d >= oldest) return true;
        closed = maxDate(closed, d);
        return false;
      }),
    );
  const leasedThrough = keep(state.leasedThrough);
  const fallbackNext = keep(state.fallbackNext);
  for (const b of state.leases) if (b.date < oldest) closed = maxDate(closed, b.date);
  return {
    ...state,
    leases: state.leases.filter((b) => b.date >= oldest),
    leasedThrough,
    fallbackNext,
    closedThrough: closed,
  };
}
