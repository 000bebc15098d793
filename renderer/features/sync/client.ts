import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { Observable } from 'rxjs';
import {
  conflictListSchema,
  isSyncedCollection,
  type Checkpoint,
  type CollectionName,
  type ConflictRecord,
  type PushRow,
  type RejectReason,
} from '../../../shared/sync/contract';
import type { CodeLeaseRequest } from '../../../shared/codes';
import type { DossierLookup } from '../../../shared/sync/lookup';
import { ServerConnection } from './http';
import { LiveStream } from './live-stream';
import { DEFAULT_PULL_BATCH, Puller } from './pull';
import { DEFAULT_PUSH_BATCH, Pusher } from './push';
import { ServerLookup, type ServerLookupResult } from './server-lookup';
import { SyncStatus, type RejectedEntry, type SyncState } from './status';
import { SyncTracking, type WriteBulk } from './tracking';

export { enrolDevice } from './http';
export type { RejectedEntry, SyncState } from './status';
export type { ServerLookupResult } from './server-lookup';

export interface EndOfDaySummary {
  startedAt: string;
  finishedAt: string;
  sent: number;
  received: number;
  conflicts: number;
  rejected: { id: string; collection: CollectionName; reason: RejectReason; detail: string }[];
  pending: number;
  /** false when the server could not be reached before the timeout. */
  complete: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one client replicates collections of different document types
export type AnyDoc = any;
export type AnyCollection = RxCollection<AnyDoc>;

export interface SyncClientOptions {
  serverUrl: string;
  token: string;
  /** Names this replication's checkpoints; defaults to serverUrl (set it when the URL can change). */
  replicationKey?: string;
  /** The RxDB collections to replicate, by wire name; catalogue ones are pulled only. */
  collections: Partial<Record<CollectionName, AnyCollection>>;
  fetch?: typeof fetch;
  live?: boolean;
  /** First retry delay after a failure; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  pullBatchSize?: number;
  /** Documents per push call of RxDB (default 2000); sent as requests of pushRequestRows. */
  pushBatchSize?: number;
  /** Documents per push request (default 250, at most the server's LIMITS.maxPushRows). */
  pushRequestRows?: number;
  /** Push requests in flight at once (default 4). */
  pushParallelism?: number;
  /** Compress request bodies above this many bytes (gzip). */
  gzipAboveBytes?: number;
  requestTimeoutMs?: number;
  /** How long a dossier push waits for its latest event to reach the server (default 30 s). */
  eventsWaitMs?: number;
  now?: () => number;
  /**
   * A bootstrap snapshot is being written (./bootstrap.ts): the first pulls wait for it, and a
   * collection without a checkpoint of its own pulls from the snapshot's (none: from the start).
   */
  pullFrom?: Promise<Partial<Record<CollectionName, Checkpoint>> | null>;
}

/**
 * Replicates a counter's RxDB collections with the provincial server: background pull/push with
 * backoff, a live SSE hint stream, per-document rejections that never block the queue, and the
 * supervisor's end-of-day sync. UI reads `state$`.
 *
 * Composed of one part per job: the server connection (http.ts), pulling (pull.ts), pushing and
 * refused documents (push.ts), the live stream (live-stream.ts), pending/received tracking
 * (tracking.ts), all reporting into one status (status.ts).
 */
export class SyncClient {
  readonly replications = new Map<CollectionName, RxReplicationState<AnyDoc, Checkpoint>>();
  private readonly status = new SyncStatus();
  readonly state$: Observable<SyncState> = this.status.state$;
  private readonly server: ServerConnection;
  private readonly tracking: SyncTracking;
  private readonly puller: Puller;
  private readonly pusher: Pusher;
  private readonly stream: LiveStream;
  private readonly lookup: ServerLookup;
  private readonly unsubscribers: (() => void)[] = [];
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly opts: SyncClientOptions) {
    this.now = opts.now ?? Date.now;
    const stopped = () => this.stopped;
    this.server = new ServerConnection(
      {
        serverUrl: opts.serverUrl,
        token: opts.token,
        fetch: opts.fetch ?? ((...args) => globalThis.fetch(...args)),
        now: this.now,
        gzipAboveBytes: opts.gzipAboveBytes,
        requestTimeoutMs: opts.requestTimeoutMs,
      },
      this.status,
    );
    this.tracking = new SyncTracking(this.status);
    this.lookup = new ServerLookup(this.server, opts.collections, this.replications);
    this.puller = new Puller(this.server, this.replications, {
      batchSize: opts.pullBatchSize ?? DEFAULT_PULL_BATCH,
      stopped,
    });
    this.pusher = new Pusher(this.server, this.status, this.tracking, {
      collections: opts.collections,
      pushRequestRows: opts.pushRequestRows,
      pushParallelism: opts.pushParallelism,
      eventsWaitMs: opts.eventsWaitMs,
      now: this.now,
      stopped,
    });
    this.stream = new LiveStream(this.server, this.status, {
      retryMs: opts.retryMs,
      maxRetryMs: opts.maxRetryMs,
      stopped,
      onConnected: () => this.resync(),
      onChanges: (collections) => this.puller.pullChanges(collections),
    });
  }

  get snapshot(): SyncState {
    return this.status.value;
  }

  start(): void {
    for (const [name, collection] of Object.entries(this.opts.collections) as [
      CollectionName,
      AnyCollection,
    ][]) {
      const stream$ = this.puller.openStream(name);
      const synced = isSyncedCollection(name);
      const rep = replicateRxCollection<AnyDoc, Checkpoint>({
        replicationIdentifier: `motcua-${name}-${this.opts.replicationKey ?? this.opts.serverUrl}`,
        collection,
        live: this.opts.live ?? true,
        retryTime: this.opts.retryMs ?? 1000,
        waitForLeadership: false,
        autoStart: true,
        pull: {
          batchSize: this.opts.pullBatchSize ?? DEFAULT_PULL_BATCH,
          stream$,
          handler: async (checkpoint, batchSize) => {
            const from = checkpoint ?? (await this.opts.pullFrom)?.[name];
            return this.puller.pullBatch(name, from, batchSize);
          },
        },
        push: synced
          ? {
              batchSize: this.opts.pushBatchSize ?? DEFAULT_PUSH_BATCH,
              handler: (rows) => this.pusher.push(name, rows as unknown as PushRow[]),
            }
          : undefined,
      });
      this.replications.set(name, rep);
      const bulks = collection.eventBulks$.subscribe((bulk: WriteBulk) =>
        this.tracking.noteWrites(name, bulk, synced),
      );
      this.unsubscribers.push(() => bulks.unsubscribe());
      this.backOff(rep);
      // Another counter's event may be what a refused one of ours was waiting for.
      if (name === 'dossier_events')
        this.unsubscribers.push(
          this.tracking.watchServerEvents(rep, () => void this.pusher.retryUnblocked()),
        );
    }
    if (this.opts.live ?? true) void this.stream.run();
  }

  /** Backoff: RxDB retries after `retryTime`; double it while failing, reset on success. */
  private backOff(rep: RxReplicationState<AnyDoc, Checkpoint>): void {
    const base = this.opts.retryMs ?? 1000;
    const errSub = rep.error$.subscribe(() => {
      rep.retryTime = Math.min((rep.retryTime ?? base) * 2, this.opts.maxRetryMs ?? 60_000);
    });
    const okSub = rep.active$.subscribe((active) => {
      if (!active && this.status.value.online) rep.retryTime = base;
    });
    this.unsubscribers.push(
      () => errSub.unsubscribe(),
      () => okSub.unsubscribe(),
    );
  }

  /** Push rejected documents again (all, or only the retryable ones); returns those still refused. */
  retryRejected(onlyRetryable = false, ids?: string[]): Promise<RejectedEntry[]> {
    return this.pusher.retryRejected(onlyRetryable, ids);
  }

  /**
   * The office's dossiers whose edits on two counters could not merge (the server kept its version
   * and both are listed), not yet reviewed by a supervisor.
   */
  async listConflicts(): Promise<ConflictRecord[]> {
    return conflictListSchema.parse(await this.server.request('GET', '/conflicts')).conflicts;
  }

  /** A supervisor has reviewed a conflict: it leaves the list (the server's version stands). */
  async resolveConflict(id: number): Promise<void> {
    await this.server.request('POST', `/conflicts/${id}/resolve`);
  }

  /** Asks the server for a block of dossier numbers (./leases.ts): the lease, or null when refused. */
  async requestLease(request: CodeLeaseRequest): Promise<unknown> {
    const answer = (await this.server.postJson('/codes/lease', request)) as { lease?: unknown } | null;
    return answer?.lease ?? null;
  }

  /**
   * Asks the server for the numbering slot of a restored or copied code state's new epoch
   * (shared/codes slotRequest): the answer, or null when refused (no free slot).
   */
  async requestSlot(request: { officeId: string; counterId: string; epoch: string }): Promise<unknown> {
    return this.server.postJson('/codes/slot', request);
  }

  /**
   * Looks dossiers up on the server (the search of a dossier this replica does not hold yet) and
   * stores what it finds as pulled documents (./server-lookup.ts); `offline` when unreachable.
   */
  findOnServer(query: DossierLookup): Promise<ServerLookupResult> {
    return this.lookup.find(query);
  }

  /** Retry one refused document by hand (the sync panel's button). */
  async retry(id: string): Promise<boolean> {
    const left = await this.retryRejected(false, [id]);
    return !left.some((e) => e.id === id);
  }

  /** Ask every replication to pull now (after reconnecting, or by hand). */
  resync(collections?: CollectionName[]): void {
    this.puller.resync(collections);
  }

  /** Resolves when every replication has pushed and pulled everything (or rejects on timeout). */
  async awaitInSync(timeoutMs = 60_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error('sync timeout')), timeoutMs);
    });
    try {
      for (const rep of this.replications.values()) await Promise.race([rep.awaitInSync(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The supervisor's end-of-day sync: push everything, pull everything, retry what was refused, and
   * summarise. Never throws: an unreachable server gives `complete: false`.
   */
  async endOfDaySync(timeoutMs = 120_000): Promise<EndOfDaySummary> {
    const startedAt = new Date(this.now()).toISOString();
    const before = { ...this.tracking.tally };
    let complete = true;
    try {
      this.resync();
      await this.awaitInSync(timeoutMs);
      await this.retryRejected(false);
      this.resync();
      await this.awaitInSync(timeoutMs);
    } catch {
      complete = false;
    }
    const tally = this.tracking.tally;
    return {
      startedAt,
      finishedAt: new Date(this.now()).toISOString(),
      sent: tally.sent - before.sent,
      received: tally.received - before.received,
      conflicts: tally.conflicts - before.conflicts,
      rejected: this.pusher.rejectedEntries.map((e) => ({
        id: e.id,
        collection: e.collection,
        reason: e.reason,
        detail: e.detail,
      })),
      pending: this.tracking.pending,
      complete,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stream.close();
    for (const u of this.unsubscribers) u();
    await Promise.all([...this.replications.values()].map((r) => r.cancel()));
    this.status.patch({ online: false, syncing: false });
  }
}

/** Creates and starts the client. */
export function startSync(opts: SyncClientOptions): SyncClient {
  const client = new SyncClient(opts);
  client.start();
  return client;
}
