import {
  LIMITS,
  RETRYABLE_REASONS,
  SYNCED_COLLECTIONS,
  pushResponseSchema,
  type CollectionName,
  type PushRow,
  type WireDocument,
} from '../../../shared/sync/contract';
import { stripLocal } from '../../../shared/sync/merge';
import type { DossierEvent } from '../../../shared/domain';
import { foldOrder } from '../../../shared/workflow/chain';
import type { AnyCollection } from './client';
import type { ServerConnection } from './http';
import { mapLimited, pushParts } from './push-parts';
import type { RejectedEntry, SyncStatus } from './status';
import type { SyncTracking } from './tracking';

/**
 * Documents RxDB hands one push call. RxDB runs one push call per collection at a time (it waits
 * for the answer before the next), so the call is large (a counter's day of work fits in one) and
 * goes out as several requests side by side (DEFAULT_PUSH_REQUEST_ROWS each,
 * DEFAULT_PUSH_PARALLELISM in flight): the server validates one while it commits another, and
 * commits concurrent ones together.
 */
export const DEFAULT_PUSH_BATCH = 2000;
const DEFAULT_PUSH_REQUEST_ROWS = 250;
const DEFAULT_PUSH_PARALLELISM = 4;
/** Below this many documents a request is not split further. */
const MIN_PUSH_PART = 50;

export interface PusherOptions {
  /** The replicated collections: a refused document is retried with what the counter holds now. */
  collections: Partial<Record<CollectionName, AnyCollection>>;
  /** Documents per push request (at most the server's LIMITS.maxPushRows). */
  pushRequestRows?: number;
  /** Push requests in flight at once. */
  pushParallelism?: number;
  /** How long a dossier push waits for its latest event to reach the server (default 30 s). */
  eventsWaitMs?: number;
  now: () => number;
  stopped: () => boolean;
}

/**
 * Sends local changes to the server (push, RxDB's push handler): events before the dossiers that
 * name them, an event after its parent, and keeps what the server refused, listed and retried.
 */
export class Pusher {
  /** Event pushes in flight by the hashes they carry: a batch hanging off one of them waits for it. */
  private readonly eventsInFlight = new Map<string, Promise<unknown>>();
  private readonly rejected = new Map<string, RejectedEntry>();
  private retrying = false;
  /** Events reached the server while retryUnblocked ran: it looks again before it ends. */
  private retryAgain = false;

  constructor(
    private readonly server: ServerConnection,
    private readonly status: SyncStatus,
    private readonly tracking: SyncTracking,
    private readonly opts: PusherOptions,
  ) {}

  /** The documents the server refused, still refused. */
  get rejectedEntries(): RejectedEntry[] {
    return [...this.rejected.values()];
  }

  /** One push call of RxDB: its rows as requests side by side; answers the server's conflicts. */
  async push(name: CollectionName, rows: PushRow[]): Promise<WireDocument[]> {
    this.tracking.notePending(name, rows);
    const requestRows = Math.min(this.opts.pushRequestRows ?? DEFAULT_PUSH_REQUEST_ROWS, LIMITS.maxPushRows);
    const parallelism = this.opts.pushParallelism ?? DEFAULT_PUSH_PARALLELISM;
    const parts = pushParts(rows, {
      maxRows: requestRows,
      parts: Math.max(parallelism, Math.ceil(rows.length / requestRows)),
      minRows: MIN_PUSH_PART,
      groupOf: name === 'dossier_events' ? (row) => String(row.newDocumentState.dossierId) : undefined,
    });
    const answers =
      name === 'dossier_events'
        ? await this.pushEventParts(parts, parallelism)
        : await mapLimited(parts, parallelism, async (part) => {
            await this.eventsFirst(part);
            return this.pushRows(name, part);
          });
    return answers.flat();
  }

  /**
   * Sends the requests of one events push, at most `parallelism` at once. Every event of the call
   * is registered as in flight before the first request goes (with the request that will carry it),
   * so an event whose parent travels in another request, of this call or of another one RxDB runs
   * beside it, waits for that request instead of being refused as chain_broken and retried later.
   */
  private async pushEventParts(parts: PushRow[][], parallelism: number): Promise<WireDocument[][]> {
    const hashOf = (row: PushRow) => String(row.newDocumentState.hash ?? '');
    const gates = parts.map(() => {
      let open!: () => void;
      const done = new Promise<void>((resolve) => (open = resolve));
      return { done, open };
    });
    parts.forEach((part, i) => {
      for (const row of part) this.eventsInFlight.set(hashOf(row), gates[i]!.done);
    });
    try {
      return await mapLimited(
        parts.map((_, i) => i),
        parallelism,
        async (i) => {
          try {
            return await this.pushEventsInOrder(parts[i]!, gates[i]!.done);
          } finally {
            gates[i]!.open();
          }
        },
      );
    } finally {
      parts.forEach((part, i) => {
        for (const row of part)
          if (this.eventsInFlight.get(hashOf(row)) === gates[i]!.done)
            this.eventsInFlight.delete(hashOf(row));
      });
    }
  }

  /**
   * One request's events: those whose parent is in another request still in flight (and their
   * descendants here) go in a second request once that one is done; the rest go at once.
   */
  private async pushEventsInOrder(rows: PushRow[], own: Promise<void>): Promise<WireDocument[]> {
    const event = (row: PushRow) => row.newDocumentState as unknown as DossierEvent;
    const ordered = [...rows].sort((a, b) => foldOrder(event(a), event(b)));
    const waits = new Set<Promise<unknown>>();
    const held = new Set<string>();
    const ready: PushRow[] = [];
    const later: PushRow[] = [];
    for (const row of ordered) {
      const parent = String(row.newDocumentState.prevHash ?? '');
      const inFlight = this.eventsInFlight.get(parent);
      const elsewhere = inFlight !== undefined && inFlight !== own;
      if (elsewhere) waits.add(inFlight);
      if (elsewhere || held.has(parent)) {
        held.add(String(row.newDocumentState.hash ?? ''));
        later.push(row);
      } else ready.push(row);
    }
    const first = ready.length > 0 ? this.pushRows('dossier_events', ready) : Promise.resolve([]);
    const second =
      later.length > 0
        ? Promise.all([...waits].map((w) => w.catch(() => undefined))).then(() =>
            this.pushRows('dossier_events', later),
          )
        : Promise.resolve([]);
    const [a, b] = await Promise.all([first, second]);
    return [...a, ...b];
  }

  /**
   * A dossier names its latest event (lastEventHash): wait (briefly) until the server has that event,
   * so the server can check the dossier against it. A dossier that still arrives first is refused as
   * retryable and pushed again automatically after the next events push (see pushRows).
   */
  private async eventsFirst(rows: PushRow[]): Promise<void> {
    const heads = rows
      .map((r) => (r.newDocumentState as { lastEventHash?: unknown }).lastEventHash)
      .filter((h): h is string => typeof h === 'string' && h !== '');
    // Long enough for the events replication to catch up on a slow link; a dossier whose events are
    // stuck (refused, offline) goes after that and is listed as refused until they arrive.
    const end = this.opts.now() + (this.opts.eventsWaitMs ?? 30_000);
    while (
      heads.some((h) => !this.tracking.serverHasEvent(h)) &&
      this.opts.now() < end &&
      !this.opts.stopped()
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async pushRows(name: CollectionName, rows: PushRow[]): Promise<WireDocument[]> {
    const clean = rows.map((r) => ({
      newDocumentState: stripLocal(r.newDocumentState),
      assumedMasterState: r.assumedMasterState ? stripLocal(r.assumedMasterState) : null,
    }));
    const res = pushResponseSchema.parse(await this.server.request('POST', `/sync/${name}/push`, clean));
    const rejectedIds = new Set(res.rejected.map((r) => r.id));
    for (const r of res.rejected) {
      const row = clean.find((c) => c.newDocumentState.id === r.id);
      if (!row) continue;
      this.rejected.set(`${name}/${r.id}`, {
        collection: name,
        id: r.id,
        reason: r.reason,
        messageKey: `sync.reject.${r.reason}`,
        detail: r.detail,
        retryable: RETRYABLE_REASONS.includes(r.reason),
        row,
        at: new Date(this.opts.now()).toISOString(),
      });
    }
    rows.forEach((row, i) => {
      const doc = clean[i]!.newDocumentState;
      if (rejectedIds.has(doc.id)) return;
      if (this.rejected.size > 0) this.rejected.delete(`${name}/${doc.id}`);
      if (name === 'dossier_events') this.tracking.noteServerEvent(String((doc as { hash?: unknown }).hash));
      this.tracking.accepted(name, row);
    });
    this.tracking.count('sent', clean.length - rejectedIds.size);
    const conflicts = res.merged.length + res.unresolved.length;
    this.tracking.tally.conflicts += conflicts;
    this.status.patch({
      pending: this.tracking.pending,
      rejected: [...this.rejected.values()],
      conflicts: this.status.value.conflicts + conflicts,
    });
    // A document refused only because an event had not arrived goes again once it has.
    if (name === 'dossier_events' && res.rejected.length < clean.length) void this.retryUnblocked();
    return res.conflicts;
  }

  /**
   * Re-pushes refused documents whose missing event (a dossier's latest, an event's parent) the
   * server now holds. One run at a time: a call during a run makes that run look once more.
   */
  async retryUnblocked(): Promise<void> {
    if (this.rejected.size === 0) return;
    if (this.retrying) {
      this.retryAgain = true;
      return;
    }
    this.retrying = true;
    try {
      do {
        this.retryAgain = false;
        const ready = [...this.rejected.values()].filter((e) => {
          if (!e.retryable) return false;
          const doc = e.row.newDocumentState as { lastEventHash?: unknown; prevHash?: unknown };
          const needs = e.collection === 'dossiers' ? doc.lastEventHash : doc.prevHash;
          return typeof needs === 'string' && this.tracking.serverHasEvent(needs);
        });
        if (ready.length > 0)
          await this.retryRejected(
            true,
            ready.map((e) => e.id),
          );
      } while (this.retryAgain && !this.opts.stopped());
    } catch {
      // stays listed; the next event to arrive or the end-of-day sync tries again
    } finally {
      this.retrying = false;
    }
  }

  /** Push rejected documents again (all, or only the retryable ones); returns those still refused. */
  async retryRejected(onlyRetryable = false, ids?: string[]): Promise<RejectedEntry[]> {
    const byCollection = new Map<CollectionName, PushRow[]>();
    const only = ids ? new Set(ids) : null;
    for (const e of this.rejected.values()) {
      if (onlyRetryable && !e.retryable) continue;
      if (only && !only.has(e.id)) continue;
      const collection = this.opts.collections[e.collection];
      // Retry with what the counter holds now: the officer may have fixed it meanwhile.
      const current = await collection?.findOne(e.id).exec();
      const row: PushRow = current
        ? { ...e.row, newDocumentState: stripLocal(current.toMutableJSON(true) as WireDocument) }
        : e.row;
      const list = byCollection.get(e.collection) ?? [];
      list.push(row);
      byCollection.set(e.collection, list);
    }
    for (const name of SYNCED_COLLECTIONS) {
      const rows = byCollection.get(name);
      if (rows?.length) await this.pushRows(name, rows);
    }
    return [...this.rejected.values()];
  }
}
