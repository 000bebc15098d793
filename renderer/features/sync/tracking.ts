import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { Checkpoint, CollectionName, PushRow } from '../../../shared/sync/contract';
import { canonicalJson, stripLocal } from '../../../shared/sync/merge';
import type { SyncStatus } from './status';

/**
 * Identifies one version of a document, to tell a pulled copy from a local change. An event is
 * immutable and its hash covers every field; a dossier is compared as canonical JSON.
 */
function fingerprint(name: CollectionName, doc: Record<string, unknown>): string {
  return name === 'dossier_events' ? String(doc.hash) : canonicalJson(stripLocal(doc));
}

/**
 * Contexts RxDB's replication gives the bulks it writes into a collection (rxdb
 * replication-protocol: downstream.js, upstream.js): pulled documents, and the server's version
 * written back after a conflict.
 */
const DOWNSTREAM_CONTEXT = 'replication-downstream-';
const CONFLICT_RESOLVED_CONTEXT = 'replication-up-write-conflict';

/** A bulk of writes into a collection as RxDB's eventBulks$ tells it (the fields read here). */
export interface WriteBulk {
  context: string;
  events: { documentId: string; documentData: Record<string, unknown> }[];
}

/**
 * What is pending and what was received: local changes the server has not accepted yet, the events
 * the server is known to hold, and the documents sent, received and merged since this client
 * started (the progress bar, the end-of-day summary).
 */
export class SyncTracking {
  /** Local changes the server has not accepted yet: `collection/id` → fingerprint of the content. */
  private readonly pendingDocs = new Map<string, string>();
  private readonly fingerprints = new WeakMap<object, string>();
  /** Hashes of events the server is known to hold (pushed and accepted, or pulled). */
  private readonly serverEvents = new Set<string>();
  readonly tally = { sent: 0, received: 0, conflicts: 0 };

  constructor(private readonly status: SyncStatus) {}

  get pending(): number {
    return this.pendingDocs.size;
  }

  /** fingerprint(), remembered per document object: a pushed row is fingerprinted once. */
  private fingerprintOf(name: CollectionName, doc: Record<string, unknown>): string {
    let known = this.fingerprints.get(doc);
    if (known === undefined) {
      known = fingerprint(name, doc);
      this.fingerprints.set(doc, known);
    }
    return known;
  }

  count(kind: 'sent' | 'received', n: number): void {
    if (n === 0) return;
    this.tally[kind] += n;
    const progress = { ...this.status.value.progress, [kind]: this.status.value.progress[kind] + n };
    this.status.patch({ progress });
  }

  /**
   * Every write to a collection, told apart by the context RxDB gives its bulk: what the
   * replication wrote from the server is received, counted as written (a document pulled twice, by
   * a live pull and again by RxDB from its own checkpoint, is written once); for the synced
   * collections it is also no longer pending, and anything else is local work (trackPending).
   */
  noteWrites(name: CollectionName, bulk: WriteBulk, synced: boolean): void {
    const downstream = bulk.context.startsWith(DOWNSTREAM_CONTEXT);
    if (downstream) this.count('received', bulk.events.length);
    if (synced) this.trackPending(name, bulk, downstream || bulk.context === CONFLICT_RESOLVED_CONTEXT);
  }

  /**
   * Local writes are pending until the server accepts them. A write is told apart by the context
   * RxDB gives its bulk: documents the replication wrote (pulled from the server, or the server's
   * version after a conflict) are the server's, and no longer pending; anything else is local.
   * Looking at the context, not the content, spares hashing every pulled document.
   */
  private trackPending(name: CollectionName, bulk: WriteBulk, fromServer: boolean): void {
    for (const ev of bulk.events) {
      const key = `${name}/${ev.documentId}`;
      if (fromServer) this.pendingDocs.delete(key);
      else this.pendingDocs.set(key, fingerprint(name, ev.documentData));
    }
    if (this.pendingDocs.size !== this.status.value.pending)
      this.status.patch({ pending: this.pendingDocs.size });
  }

  /**
   * What RxDB hands the push handler is exactly what differs from the server, including work left
   * from an earlier run of the app (which raised no change event in this one): all of it is pending.
   */
  notePending(name: CollectionName, rows: PushRow[]): void {
    let added = false;
    for (const row of rows) {
      const key = `${name}/${row.newDocumentState.id}`;
      if (this.pendingDocs.has(key)) continue;
      this.pendingDocs.set(key, this.fingerprintOf(name, row.newDocumentState));
      added = true;
    }
    if (added) this.status.patch({ pending: this.pendingDocs.size });
  }

  /**
   * The server accepted a pushed row: its document is no longer pending, unless it changed locally
   * since the row was taken (then the newer version still waits). Updates the count in the state
   * only at the caller's next patch.
   */
  accepted(name: CollectionName, row: PushRow): void {
    const key = `${name}/${row.newDocumentState.id}`;
    const pending = this.pendingDocs.get(key);
    if (pending !== undefined && pending === this.fingerprintOf(name, row.newDocumentState))
      this.pendingDocs.delete(key);
  }

  serverHasEvent(hash: string): boolean {
    return this.serverEvents.has(hash);
  }

  noteServerEvent(hash: string): void {
    this.serverEvents.add(hash);
  }

  /**
   * Events the server holds: pulled ones from the events replication here (pushed ones as the
   * server accepts them). `then` runs after each. Answers the unsubscribe.
   */
  watchServerEvents<T>(rep: RxReplicationState<T, Checkpoint>, then: () => void): () => void {
    const received = rep.received$.subscribe((doc) => {
      this.serverEvents.add(String((doc as { hash?: unknown }).hash));
      then();
    });
    return () => received.unsubscribe();
  }
}
