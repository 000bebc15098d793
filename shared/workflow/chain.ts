import type { Dossier, DossierEvent } from '../domain';
import { dossierEventSchema, dossierSchema } from '../domain';
import { withoutKeys } from '../domain/records';
import type { Actor, DossierChanges } from './decide';
import { applyChanges, decideWith } from './decide';
import { computeEventHash, HASHED_EVENT_FIELDS, sameJson } from './hash';
import { CREATING_COMMANDS, TRANSITIONS, isCommandType } from './transitions';

/**
 * A dossier's events form a hash tree: each event's `prevHash` is the hash of the latest event its
 * writer knew. Offline counters acting on one dossier at once make forks (two events with the same
 * parent); they are legitimate. Everything is ordered by (seq, id): seq is the depth in the tree, id
 * breaks ties the same way on every machine.
 */

export interface HistoryOptions {
  /** The dossier's lastEventHash: an event with that hash must be present. */
  head?: string;
  /**
   * Every event has already passed dossierEventSchema (the server parses each pushed document, and
   * stored ones were checked on the way in): skip parsing them again. Hashes are still checked.
   */
  schemaChecked?: boolean;
  /**
   * The first `trusted` events (as given) were validated on their way into the store that holds
   * them (the server's stored history of the dossier): their hashes are not recomputed, and those
   * that come before every other event in fold order are folded into the state (as replay() does)
   * instead of decided again. A new event that sorts among them (an offline fork) has the trusted
   * events after it decided again, as if none were trusted.
   */
  trusted?: number;
}

export type ChainCheck = { ok: true } | { ok: false; eventId: string; reason: string };
export type HistoryCheck =
  { ok: true; dossier: Dossier } | { ok: false; eventId: string; reason: string; code: string };

/** The deterministic fold order: seq, then id (a comparator for Array.prototype.sort). */
export function foldOrder(a: Pick<DossierEvent, 'seq' | 'id'>, b: Pick<DossierEvent, 'seq' | 'id'>): number {
  return a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Events in the deterministic fold order (a sorted copy). */
export function sortEvents<T extends Pick<DossierEvent, 'seq' | 'id'>>(events: readonly T[]): T[] {
  return [...events].sort(foldOrder);
}

/**
 * Check the integrity of one dossier's events: every hash recomputes; exactly one root (prevHash
 * ''), seq 1, made by a creating command; every other event's prevHash names an event of the same
 * dossier and its seq is the parent's + 1. With `head` (the dossier's lastEventHash), an event with
 * that hash must be present, which also detects the removal of the newest event.
 */
export function verifyChain(events: readonly DossierEvent[], options: { head?: string } = {}): ChainCheck {
  const check = verifyParsedChain(events, options);
  return check.ok ? { ok: true } : check;
}

/** verifyChain, also handing back the parsed events in fold order (validateHistory parses once). */
function verifyParsedChain(
  events: readonly DossierEvent[],
  options: HistoryOptions,
):
  | { ok: true; ordered: DossierEvent[]; trusted: ReadonlySet<DossierEvent> }
  | { ok: false; eventId: string; reason: string } {
  if (events.length === 0) return { ok: false, eventId: '', reason: 'no events' };
  const parsed: DossierEvent[] = options.schemaChecked ? [...events] : [];
  if (!options.schemaChecked)
    for (const event of events) {
      const result = dossierEventSchema.safeParse(event);
      const id = (event as { id?: unknown } | null)?.id;
      if (!result.success) {
        return { ok: false, eventId: typeof id === 'string' ? id : '', reason: 'malformed event' };
      }
      parsed.push(result.data);
    }
  const trusted = new Set(parsed.slice(0, options.trusted ?? 0));
  const ordered = sortEvents(parsed);
  const first = ordered[0] as DossierEvent;
  const byHash = new Map<string, DossierEvent>();
  const ids = new Set<string>();
  for (const event of ordered) {
    if (ids.has(event.id)) return { ok: false, eventId: event.id, reason: 'duplicate event id' };
    ids.add(event.id);
    if (event.dossierId !== first.dossierId) {
      return { ok: false, eventId: event.id, reason: 'event of another dossier' };
    }
    if (event.officeId !== first.officeId)
      return { ok: false, eventId: event.id, reason: 'event of another office' };
    if (!trusted.has(event) && computeEventHash(event) !== event.hash)
      return { ok: false, eventId: event.id, reason: 'hash mismatch' };
    if (byHash.has(event.hash)) return { ok: false, eventId: event.id, reason: 'duplicate event hash' };
    byHash.set(event.hash, event);
  }
  const roots = ordered.filter((event) => event.prevHash === '');
  if (roots.length === 0) return { ok: false, eventId: first.id, reason: 'no root event' };
  if (roots.length > 1)
    return { ok: false, eventId: (roots[1] as DossierEvent).id, reason: 'more than one root' };
  for (const event of ordered) {
    const creating = isCommandType(event.type) && CREATING_COMMANDS.includes(event.type);
    if (event.prevHash === '') {
      if (event.seq !== 1) return { ok: false, eventId: event.id, reason: 'root seq is not 1' };
      if (!creating || event.from !== null) {
        return { ok: false, eventId: event.id, reason: 'root is not a creating command' };
      }
      continue;
    }
    if (creating || event.from === null) {
      return { ok: false, eventId: event.id, reason: 'creating command that is not the root' };
    }
    const parent = byHash.get(event.prevHash);
    if (!parent) return { ok: false, eventId: event.id, reason: 'prevHash names no event of this dossier' };
    if (event.seq !== parent.seq + 1)
      return { ok: false, eventId: event.id, reason: 'seq is not parent seq + 1' };
  }
  if (options.head !== undefined && !byHash.has(options.head)) {
    const last = ordered[ordered.length - 1] as DossierEvent;
    return { ok: false, eventId: last.id, reason: 'the dossier head is missing from the events' };
  }
  return { ok: true, ordered, trusted };
}

/** The dossier after `event`: its recorded changes applied to `state` (no check). */
function fold(state: Dossier | null, event: DossierEvent): Dossier {
  const changes = (event.payload as { changes?: DossierChanges }).changes ?? {};
  return applyChanges(state, changes, { seq: event.seq, hash: event.hash, at: event.at });
}

/**
 * Fold events (sorted by seq, then id) into the dossier they describe. Does not check them: use
 * verifyChain / validateHistory for untrusted events. Throws when the first event creates nothing.
 */
export function replay(events: readonly DossierEvent[]): Dossier {
  let state: Dossier | null = null;
  for (const event of sortEvents(events)) {
    if ((state === null) !== (event.from === null)) {
      throw new Error(`replay: event ${event.id} does not fit (from ${String(event.from)})`);
    }
    state = fold(state, event);
  }
  if (state === null) throw new Error('replay: no events');
  return dossierSchema.parse(state);
}

/** The payload key decide() adds to what the command carried. */
const DECIDED_KEYS: ReadonlySet<string> = new Set(['changes']);

/**
 * The command an event records: its payload without the changes it made, with the envelope. Built
 * member by member rather than with object rest and spread, which is markedly slower in V8 on this
 * hot path (the server re-decides every pushed event).
 */
function commandOf(event: DossierEvent): Record<string, unknown> {
  const command = withoutKeys(event.payload, DECIDED_KEYS);
  command.type = event.type;
  command.eventId = event.id;
  command.dossierId = event.dossierId;
  command.officeId = event.officeId;
  return command;
}

/**
 * Re-decide every event against the replayed state with decide()'s rules, the way the server
 * checks a push: the chain must verify, each event must be a legal command from the state before
 * it, by a role allowed for it, and must change exactly what decide() would. (The server passes its
 * stored history as `trusted`: only what sorts from the first new event on is decided.) An event
 * that keeps the status (edit, apology) made on a concurrent branch may name its own branch's
 * status.
 * Returns the final dossier, or the first offending event (in seq, id order) with the reason. The
 * dossier is checked against its schema after the last event (as replay() does), not after each.
 */
export function validateHistory(events: readonly DossierEvent[], options: HistoryOptions = {}): HistoryCheck {
  const chain = verifyParsedChain(events, options);
  if (!chain.ok) return { ...chain, code: 'workflow.chain_broken' };
  let state: Dossier | null = null;
  // The events verifyChain already parsed and sorted: parsing them again cost a third of the check.
  const last = chain.ordered[chain.ordered.length - 1];
  // Trusted events ahead of every other one in fold order: folded, not decided again. Folding ends
  // at the first event decided (at once when none is trusted).
  let folding = chain.trusted.size > 0;
  for (const stored of chain.ordered) {
    if (folding && chain.trusted.has(stored)) {
      state = fold(state, stored);
      continue;
    }
    folding = false;
    const command = commandOf(stored);
    const actor: Actor = {
      officerId: stored.actorId,
      name: stored.actorName,
      roles: [stored.actorRole],
      actingRole: stored.actorRole,
      counterId: stored.counterId,
      officeId: stored.officeId,
    };
    // The recorded hash stands in for the decided event's: verifyParsedChain checked that it covers
    // every recorded field but `hash`, so the decided event hashes to it exactly when their fields
    // agree, which is compared directly instead of hashing every event a second time.
    const decided = decideWith(
      state,
      command,
      actor,
      stored.at,
      { seq: stored.seq - 1, hash: stored.prevHash },
      { isolate: false, hash: stored.hash, checkDossier: stored === last, fromCheckedEvent: true },
    );
    if (!decided.ok) {
      return { ok: false, eventId: stored.id, reason: decided.error.message, code: decided.error.code };
    }
    let expected: Pick<DossierEvent, 'from' | 'to'> = decided.event;
    const sameStatus = isCommandType(stored.type) && TRANSITIONS[stored.type].to === 'same';
    if (
      sameStatus &&
      stored.from === stored.to &&
      stored.from !== null &&
      TRANSITIONS[stored.type as keyof typeof TRANSITIONS].from.includes(stored.from)
    ) {
      expected = { from: stored.from, to: stored.to };
    }
    const agrees =
      expected.from === stored.from &&
      expected.to === stored.to &&
      HASHED_EVENT_FIELDS.every(
        (field) => field === 'from' || field === 'to' || sameJson(decided.event[field], stored[field]),
      );
    if (!agrees) {
      const reason =
        expected.from !== stored.from || expected.to !== stored.to
          ? `recorded ${String(stored.from)} → ${stored.to} but the dossier was ${String(expected.from)}`
          : 'recorded changes differ from what the command does';
      return { ok: false, eventId: stored.id, reason, code: 'workflow.event_mismatch' };
    }
    state = decided.dossier;
  }
  if (state === null) return { ok: false, eventId: '', reason: 'no events', code: 'workflow.chain_broken' };
  if (!folding) return { ok: true, dossier: state };
  // Only trusted events: the state is checked as replay() checks it.
  const folded = dossierSchema.safeParse(state);
  if (folded.success) return { ok: true, dossier: folded.data };
  return {
    ok: false,
    eventId: (last as DossierEvent).id,
    reason: 'the events make no valid dossier',
    code: 'workflow.chain_broken',
  };
}
