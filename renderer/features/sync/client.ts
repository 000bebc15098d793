import type { RxCollection, RxReplicationPullStreamItem } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject, Subject, filter, firstValueFrom, type Observable } from 'rxjs';
import {
  LIMITS,
  CLOCK_SKEW_WARN_MS,
  REPLICA_HEADER,
  RETRYABLE_REASONS,
  SYNCED_COLLECTIONS,
  bearer,
  conflictListSchema,
  errorBodySchema,
  isSyncedCollection,
  pullResponseSchema,
  pushResponseSchema,
  streamMessageSchema,
  type Checkpoint,
  type CollectionName,
  type ConflictRecord,
  type PushRow,
  type RejectReason,
  type WireDocument,
} from '../../../shared/sync/contract';
import { canonicalJson, stripLocal } from '../../../shared/sync/merge';
import { NDJSON_TYPE } from '../../../shared/sync/ndjson';
import type { DossierEvent } from '../../../shared/domain';
import { foldOrder } from '../../../shared/workflow/chain';
import { encodeNdjson, gzip, GZIP_ABOVE_BYTES, readBody } from './wire';
import { mapLimited, pushParts } from './push-parts';

/** A pushed document the server refused; kept here (and locally) until retried by hand or fixed. */
export interface RejectedEntry {
  collection: CollectionName;
  id: string;
  reason: RejectReason;
  /** i18n key of the reason, e.g. `sync.reject.schema_invalid`. */
  messageKey: string;
  detail: string;
  retryable: boolean;
  row: PushRow;
  at: string;
}

export interface SyncState {
  online: boolean;
  /** A pull or push is running. */
  syncing: boolean;
  /** Local changes not yet accepted by the server (since this client started). */
  pending: number;
  lastSyncAt: string | null;
  /** Documents sent / received since start, for the progress bar. */
  progress: { sent: number; received: number };
  /** i18n keys under `sync.error.*`, newest last. */
  errors: string[];
  /** serverTime − local time, measured at each exchange. */
  clockOffsetMs: number | null;
  /** |offset| > 2 minutes: the officer must be told. */
  clockWarning: boolean;
  rejected: RejectedEntry[];
  conflicts: number;
}

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
type AnyDoc = any;

/**
 * Documents RxDB hands one push call, and per pull request. RxDB runs one push call per collection
 * at a time (it waits for the answer before the next), so the call is large and goes out as several
 * requests side by side (DEFAULT_PUSH_REQUEST_ROWS each, DEFAULT_PUSH_PARALLELISM in flight): the
 * server validates one while it commits another, and commits concurrent ones together. A dossier
 * with its events is about 0.6 KB compressed: a day's work of a counter (150 dossiers) is one call,
 * and a full pull page about 8 s on a 256 kbit/s link.
 */
const DEFAULT_PUSH_BATCH = 2000;
const DEFAULT_PULL_BATCH = 1000;
const DEFAULT_PUSH_REQUEST_ROWS = 250;
const DEFAULT_PUSH_PARALLELISM = 4;
/** Below this many documents a request is not split further. */
const MIN_PUSH_PART = 50;

/**
 * Identifies one version of a document, to tell a pulled copy from a local change. An event is
 * immutable and its hash covers every field; a dossier is compared as canonical JSON.
 */
function fingerprint(name: CollectionName, doc: Record<string, unknown>): string {
  return name === 'dossier_events' ? String(doc.hash) : canonicalJson(stripLocal(doc));
}
type AnyCollection = RxCollection<AnyDoc>;

/**
 * Contexts RxDB's replication gives the bulks it writes into a collection (rxdb
 * replication-protocol: downstream.js, upstream.js): pulled documents, and the server's version
 * written back after a conflict.
 */
const DOWNSTREAM_CONTEXT = 'replication-downstream-';
const CONFLICT_RESOLVED_CONTEXT = 'replication-up-write-conflict';

/** A bulk of writes into a collection as RxDB's eventBulks$ tells it (the fields read here). */
interface WriteBulk {
  context: string;
  events: { documentId: string; documentData: Record<string, unknown> }[];
}

/** Per collection: RxDB's pulls (started so far, one running), a live pull running, a hint waiting. */
interface PullState {
  started: number;
  running: boolean;
  live: boolean;
  hinted: boolean;
}

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
}

/**
 * A new replica id (REPLICA_HEADER): 128 random bits, hex. getRandomValues, not randomUUID, which a
 * page served over plain HTTP on the office network does not have.
 */
function newReplicaId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Replicates a counter's RxDB collections with the provincial server: background pull/push with
 * backoff, a live SSE hint stream, per-document rejections that never block the queue, and the
 * supervisor's end-of-day sync. UI reads `state$`.
 */
export class SyncClient {
  readonly replications = new Map<CollectionName, RxReplicationState<AnyDoc, Checkpoint>>();
  private readonly state = new BehaviorSubject<SyncState>({
    online: false,
    syncing: false,
    pending: 0,
    lastSyncAt: null,
    progress: { sent: 0, received: 0 },
    errors: [],
    clockOffsetMs: null,
    clockWarning: false,
    rejected: [],
    conflicts: 0,
  });
  readonly state$: Observable<SyncState> = this.state.asObservable();
  private readonly streams = new Map<
    CollectionName,
    Subject<RxReplicationPullStreamItem<AnyDoc, Checkpoint>>
  >();
  /** The newest checkpoint handed to RxDB per collection (by the pull handler or a live pull). */
  private readonly handed = new Map<CollectionName, Checkpoint>();
  private readonly pulls = new Map<CollectionName, PullState>();
  /** Local changes the server has not accepted yet: `collection/id` → fingerprint of the content. */
  private readonly pendingDocs = new Map<string, string>();
  /** Event pushes in flight by the hashes they carry: a batch hanging off one of them waits for it. */
  private readonly eventsInFlight = new Map<string, Promise<unknown>>();
  private readonly rejected = new Map<string, RejectedEntry>();
  private readonly fingerprints = new WeakMap<object, string>();
  /** Hashes of events the server is known to hold (pushed and accepted, or pulled). */
  private readonly serverEvents = new Set<string>();
  private readonly unsubscribers: (() => void)[] = [];
  private streamAbort: AbortController | null = null;
  private stopped = false;
  private inFlight = 0;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private tally = { sent: 0, received: 0, conflicts: 0 };
  /**
   * This client's replica id, new at every start: the server leaves out of its pulls the versions
   * this client pushed (it holds them), never those of an earlier run, whose local state may have
   * been copied back from before them.
   */
  private readonly replica = newReplicaId();

  constructor(private readonly opts: SyncClientOptions) {
    this.fetchImpl = opts.fetch ?? ((...args) => globalThis.fetch(...args));
    this.now = opts.now ?? Date.now;
  }

  get snapshot(): SyncState {
    return this.state.value;
  }

  private patch(p: Partial<SyncState>): void {
    this.state.next({ ...this.state.value, ...p });
  }

  private noteError(key: string): void {
    const errors = [...this.state.value.errors.filter((e) => e !== key), key].slice(-5);
    this.patch({ errors });
  }

  // ---------------------------------------------------------------- HTTP

  /** Who asks, on every request and on the live stream: the device's credential and this run's replica. */
  private identity(): Record<string, string> {
    return { authorization: bearer(this.opts.token), [REPLICA_HEADER]: this.replica };
  }

  /**
   * One exchange with the server: a GET of a pull page (asked for as NDJSON), or a POST of push rows
   * (sent as NDJSON, gzip'd above gzipAboveBytes). Answers the parsed response.
   */
  private async request<T>(method: 'GET' | 'POST', path: string, rows?: readonly unknown[]): Promise<T> {
    const headers: Record<string, string> = {
      ...this.identity(),
      accept: `${NDJSON_TYPE}, application/json`,
    };
    let payload: BodyInit | undefined;
    if (rows !== undefined) {
      const bytes = encodeNdjson(rows);
      headers['content-type'] = NDJSON_TYPE;
      if (bytes.length > (this.opts.gzipAboveBytes ?? GZIP_ABOVE_BYTES)) {
        headers['content-encoding'] = 'gzip';
        payload = await gzip(bytes);
      } else payload = bytes;
    }
    const sentAt = this.now();
    this.inFlight++;
    this.patch({ syncing: true });
    try {
      let res: Response;
      try {
        res = await this.fetchImpl(`${this.opts.serverUrl}${path}`, {
          method,
          headers,
          body: payload,
          signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 30_000),
        });
      } catch (err) {
        this.patch({ online: false });
        this.noteError('sync.error.offline');
        throw err;
      }
      const json = await readBody(res);
      if (!res.ok) {
        const parsed = errorBodySchema.safeParse(json);
        const code = parsed.success ? parsed.data.error : 'internal';
        this.patch({ online: res.status < 500 });
        this.noteError(`sync.error.${code}`);
        throw new HttpError(res.status, code, parsed.success ? parsed.data.message : `HTTP ${res.status}`);
      }
      const serverTime = (json as { serverTime?: string } | null)?.serverTime;
      if (serverTime) {
        // Offset against the middle of the round trip: the server stamped somewhere inside it.
        const offset = Date.parse(serverTime) - (sentAt + this.now()) / 2;
        this.patch({
          clockOffsetMs: Math.round(offset),
          clockWarning: Math.abs(offset) > CLOCK_SKEW_WARN_MS,
        });
      }
      this.patch({ online: true, lastSyncAt: new Date(this.now()).toISOString(), errors: [] });
      return json as T;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.patch({ syncing: false });
    }
  }

  // ---------------------------------------------------------------- replication

  /**
   * One pull for RxDB: pages from the checkpoint until batchSize documents came or the server has no
   * more. A page leaves out this client's own pushes, so it may hold few documents with more to
   * follow; RxDB takes a short batch for the end of the changes.
   */
  private async pullBatch(
    name: CollectionName,
    checkpoint: Checkpoint | undefined,
    batchSize: number,
  ): Promise<{ documents: AnyDoc[]; checkpoint: Checkpoint }> {
    const documents: AnyDoc[] = [];
    let at = checkpoint;
    const state = this.pullState(name);
    state.started++;
    state.running = true;
    try {
      for (;;) {
        const page = await this.pullPage(name, at, batchSize);
        for (const doc of page.documents) documents.push(doc);
        at = page.checkpoint ?? at;
        if (!page.more || !page.moved || documents.length >= batchSize) break;
      }
    } finally {
      state.running = false;
      // Told of changes during this pull: once it is over (RxDB asks again after a full batch), or
      // failed, a live pull from where it ended.
      if (documents.length < batchSize && state.hinted && !state.live) this.startLivePull(name);
    }
    if (at) this.hand(name, at);
    return { documents, checkpoint: at ?? { seq: 0, id: '' } };
  }

  private pullState(name: CollectionName): PullState {
    let state = this.pulls.get(name);
    if (!state) this.pulls.set(name, (state = { started: 0, running: false, live: false, hinted: false }));
    return state;
  }

  /** One page of changes after `at`; `moved` says whether its checkpoint is past `at`. */
  private async pullPage(name: CollectionName, at: Checkpoint | undefined, limit: number) {
    const q = new URLSearchParams({ limit: String(Math.min(limit, LIMITS.maxPullBatch)) });
    if (at) {
      q.set('seq', String(at.seq));
      q.set('id', at.id);
    }
    const res = pullResponseSchema.parse(await this.request('GET', `/sync/${name}/pull?${q}`));
    // A page that says `more` without moving the checkpoint would be asked for again forever.
    const moved = res.checkpoint !== null && (at === undefined || res.checkpoint.seq > at.seq);
    return { ...res, moved };
  }

  /** Remembers the newest checkpoint handed to RxDB for a collection. */
  private hand(name: CollectionName, checkpoint: Checkpoint): void {
    const known = this.handed.get(name);
    if (!known || checkpoint.seq > known.seq) this.handed.set(name, checkpoint);
  }

  /**
   * The server committed changes to these collections (live stream): pull them and hand them to
   * RxDB as stream events, from the newest checkpoint handed to it. Not a RESYNC: RxDB answers each
   * RESYNC by also reading again every document written since its last push check (whether any
   * must go up), which a busy server's hints made it do over and over while pulling (a quarter of
   * a receiving counter's IndexedDB reads). Before this run's first pull, and after a live pull
   * failed, RESYNC instead (RxDB pulls from its stored checkpoint).
   *
   * One pull at a time per collection: a hint during RxDB's own pull, or during a live pull, waits
   * for its end. A live page read while RxDB began a pull is dropped (that pull reads on to the end
   * after it): handed on late, an older version could be written over the newer one RxDB's pull
   * brought.
   */
  private pullChanges(collections: CollectionName[]): void {
    for (const name of collections) {
      if (!this.streams.has(name)) continue;
      const state = this.pullState(name);
      state.hinted = true;
      if (!state.running && !state.live) this.startLivePull(name);
    }
  }

  private startLivePull(name: CollectionName): void {
    const state = this.pullState(name);
    state.live = true;
    void this.livePull(name, state).finally(() => (state.live = false));
  }

  private async livePull(name: CollectionName, state: PullState): Promise<void> {
    const stream = this.streams.get(name);
    const rep = this.replications.get(name);
    if (!stream || !rep) return;
    try {
      while (state.hinted && !this.stopped) {
        state.hinted = false;
        let at = this.handed.get(name);
        if (!at) {
          stream.next('RESYNC');
          return;
        }
        for (;;) {
          const started = state.started;
          const page = await this.pullPage(name, at, this.opts.pullBatchSize ?? DEFAULT_PULL_BATCH);
          // Handed on once the replication is idle: RxDB then queues the page at once, before a pull
          // of its own can begin. (While it pushes, RxDB holds stream events back; a pull of its own
          // begun meanwhile would read newer versions and write them before this page.)
          if (page.documents.length > 0) await firstValueFrom(rep.active$.pipe(filter((active) => !active)));
          if (this.stopped) return;
          if (state.started !== started || state.running) {
            // RxDB pulled meanwhile: its reading stands. Once it is over, start again from its end.
            state.hinted = true;
            if (state.running) return; // its end starts the next live pull
            break;
          }
          // A page of only this replica's own pushes moves the checkpoint without documents: RxDB
          // stores a checkpoint only with documents, and asks again from its own after a restart.
          if (page.checkpoint && page.documents.length > 0)
            stream.next({ documents: page.documents, checkpoint: page.checkpoint });
          if (page.checkpoint) this.hand(name, page.checkpoint);
          at = page.checkpoint ?? at;
          if (!page.more || !page.moved) break;
        }
      }
    } catch {
      if (!this.stopped) stream.next('RESYNC');
    }
  }

  start(): void {
    for (const [name, collection] of Object.entries(this.opts.collections) as [
      CollectionName,
      AnyCollection,
    ][]) {
      const stream$ = new Subject<RxReplicationPullStreamItem<AnyDoc, Checkpoint>>();
      this.streams.set(name, stream$);
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
          stream$: stream$.asObservable(),
          handler: (checkpoint, batchSize) => this.pullBatch(name, checkpoint, batchSize),
        },
        push: synced
          ? {
              batchSize: this.opts.pushBatchSize ?? DEFAULT_PUSH_BATCH,
              handler: async (rows) => {
                const pushRows = rows as unknown as PushRow[];
                this.notePending(name, pushRows);
                const requestRows = Math.min(
                  this.opts.pushRequestRows ?? DEFAULT_PUSH_REQUEST_ROWS,
                  LIMITS.maxPushRows,
                );
                const parallelism = this.opts.pushParallelism ?? DEFAULT_PUSH_PARALLELISM;
                const parts = pushParts(pushRows, {
                  maxRows: requestRows,
                  parts: Math.max(parallelism, Math.ceil(pushRows.length / requestRows)),
                  minRows: MIN_PUSH_PART,
                  groupOf:
                    name === 'dossier_events' ? (row) => String(row.newDocumentState.dossierId) : undefined,
                });
                const answers =
                  name === 'dossier_events'
                    ? await this.pushEventParts(parts, parallelism)
                    : await mapLimited(parts, parallelism, async (part) => {
                        await this.eventsFirst(part);
                        return this.pushRows(name, part);
                      });
                return answers.flat();
              },
            }
          : undefined,
      });
      this.replications.set(name, rep);
      // Every write to the collection, told apart by the context RxDB gives its bulk: what the
      // replication wrote from the server is received, counted as written (a document pulled twice,
      // by a live pull and again by RxDB from its own checkpoint, is written once); for the synced
      // collections it is also no longer pending, and anything else is local work (trackPending).
      const bulks = collection.eventBulks$.subscribe((bulk: WriteBulk) => {
        const downstream = bulk.context.startsWith(DOWNSTREAM_CONTEXT);
        if (downstream) this.count('received', bulk.events.length);
        if (synced) this.trackPending(name, bulk, downstream || bulk.context === CONFLICT_RESOLVED_CONTEXT);
      });
      this.unsubscribers.push(() => bulks.unsubscribe());
      // Backoff: RxDB retries after `retryTime`; double it while failing, reset on success.
      const base = this.opts.retryMs ?? 1000;
      const errSub = rep.error$.subscribe(() => {
        rep.retryTime = Math.min((rep.retryTime ?? base) * 2, this.opts.maxRetryMs ?? 60_000);
      });
      const okSub = rep.active$.subscribe((active) => {
        if (!active && this.state.value.online) rep.retryTime = base;
      });
      this.unsubscribers.push(
        () => errSub.unsubscribe(),
        () => okSub.unsubscribe(),
      );
      if (name === 'dossier_events') this.watchServerEvents(rep);
    }
    if (this.opts.live ?? true) void this.runStream();
  }

  /**
   * What RxDB hands the push handler is exactly what differs from the server, including work left
   * from an earlier run of the app (which raised no change event in this one): all of it is pending.
   */
  private notePending(name: CollectionName, rows: PushRow[]): void {
    let added = false;
    for (const row of rows) {
      const key = `${name}/${row.newDocumentState.id}`;
      if (this.pendingDocs.has(key)) continue;
      this.pendingDocs.set(key, this.fingerprintOf(name, row.newDocumentState));
      added = true;
    }
    if (added) this.patch({ pending: this.pendingDocs.size });
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

  /** fingerprint(), remembered per document object: a pushed row is fingerprinted once. */
  private fingerprintOf(name: CollectionName, doc: Record<string, unknown>): string {
    let known = this.fingerprints.get(doc);
    if (known === undefined) {
      known = fingerprint(name, doc);
      this.fingerprints.set(doc, known);
    }
    return known;
  }

  private count(kind: 'sent' | 'received', n: number): void {
    if (n === 0) return;
    this.tally[kind] += n;
    const progress = { ...this.state.value.progress, [kind]: this.state.value.progress[kind] + n };
    this.patch({ progress });
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
    if (this.pendingDocs.size !== this.state.value.pending) this.patch({ pending: this.pendingDocs.size });
  }

  /** Events the server holds (pulled ones here; pushed ones as the server accepts them, pushRows). */
  private watchServerEvents(rep: RxReplicationState<AnyDoc, Checkpoint>): void {
    const received = rep.received$.subscribe((doc) => {
      this.serverEvents.add(String((doc as { hash?: unknown }).hash));
      // Another counter's event may be what a refused one of ours was waiting for.
      void this.retryUnblocked();
    });
    this.unsubscribers.push(() => received.unsubscribe());
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
    const end = this.now() + (this.opts.eventsWaitMs ?? 30_000);
    while (heads.some((h) => !this.serverEvents.has(h)) && this.now() < end && !this.stopped) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async pushRows(name: CollectionName, rows: PushRow[]): Promise<WireDocument[]> {
    const clean = rows.map((r) => ({
      newDocumentState: stripLocal(r.newDocumentState),
      assumedMasterState: r.assumedMasterState ? stripLocal(r.assumedMasterState) : null,
    }));
    const res = pushResponseSchema.parse(await this.request('POST', `/sync/${name}/push`, clean));
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
        at: new Date(this.now()).toISOString(),
      });
    }
    rows.forEach((row, i) => {
      const doc = clean[i]!.newDocumentState;
      const key = `${name}/${doc.id}`;
      if (rejectedIds.has(doc.id)) return;
      if (this.rejected.size > 0) this.rejected.delete(key);
      if (name === 'dossier_events') this.serverEvents.add(String((doc as { hash?: unknown }).hash));
      const pending = this.pendingDocs.get(key);
      if (pending !== undefined && pending === this.fingerprintOf(name, row.newDocumentState))
        this.pendingDocs.delete(key);
    });
    this.count('sent', clean.length - rejectedIds.size);
    this.tally.conflicts += res.merged.length + res.unresolved.length;
    this.patch({
      pending: this.pendingDocs.size,
      rejected: [...this.rejected.values()],
      conflicts: this.state.value.conflicts + res.merged.length + res.unresolved.length,
    });
    // A document refused only because an event had not arrived goes again once it has.
    if (name === 'dossier_events' && res.rejected.length < clean.length) void this.retryUnblocked();
    return res.conflicts;
  }

  private retrying = false;
  /** Events reached the server while retryUnblocked ran: it looks again before it ends. */
  private retryAgain = false;

  /**
   * Re-pushes refused documents whose missing event (a dossier's latest, an event's parent) the
   * server now holds. One run at a time: a call during a run makes that run look once more.
   */
  private async retryUnblocked(): Promise<void> {
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
          return typeof needs === 'string' && this.serverEvents.has(needs);
        });
        if (ready.length > 0)
          await this.retryRejected(
            true,
            ready.map((e) => e.id),
          );
      } while (this.retryAgain && !this.stopped);
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

  /**
   * The office's dossiers whose edits on two counters could not merge (the server kept its version
   * and both are listed), not yet reviewed by a supervisor.
   */
  async listConflicts(): Promise<ConflictRecord[]> {
    return conflictListSchema.parse(await this.request('GET', '/conflicts')).conflicts;
  }

  /** A supervisor has reviewed a conflict: it leaves the list (the server's version stands). */
  async resolveConflict(id: number): Promise<void> {
    await this.request('POST', `/conflicts/${id}/resolve`);
  }

  /** Retry one refused document by hand (the sync panel's button). */
  async retry(id: string): Promise<boolean> {
    const left = await this.retryRejected(false, [id]);
    return !left.some((e) => e.id === id);
  }

  /** Ask every replication to pull now (after reconnecting, or by hand). */
  resync(collections?: CollectionName[]): void {
    for (const [name, s] of this.streams)
      if (!collections?.length || collections.includes(name)) s.next('RESYNC');
  }

  private async runStream(): Promise<void> {
    let delay = this.opts.retryMs ?? 1000;
    while (!this.stopped) {
      this.streamAbort = new AbortController();
      try {
        const res = await this.fetchImpl(`${this.opts.serverUrl}/sync/stream`, {
          headers: { ...this.identity(), accept: 'text/event-stream' },
          signal: this.streamAbort.signal,
        });
        if (!res.ok || !res.body) throw new HttpError(res.status, 'stream', 'stream refused');
        delay = this.opts.retryMs ?? 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (!data) continue;
            const msg = streamMessageSchema.safeParse(JSON.parse(data));
            if (msg.success) {
              this.patch({ online: true });
              // On connecting the server names no collection: everything may have changed meanwhile.
              if (msg.data.collections.length === 0) this.resync();
              else this.pullChanges(msg.data.collections);
            }
          }
        }
      } catch {
        if (this.stopped) return;
      }
      if (this.stopped) return;
      this.patch({ online: false });
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, this.opts.maxRetryMs ?? 60_000);
    }
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
    const before = { ...this.tally };
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
    return {
      startedAt,
      finishedAt: new Date(this.now()).toISOString(),
      sent: this.tally.sent - before.sent,
      received: this.tally.received - before.received,
      conflicts: this.tally.conflicts - before.conflicts,
      rejected: [...this.rejected.values()].map((e) => ({
        id: e.id,
        collection: e.collection,
        reason: e.reason,
        detail: e.detail,
      })),
      pending: this.pendingDocs.size,
      complete,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.streamAbort?.abort();
    for (const u of this.unsubscribers) u();
    await Promise.all([...this.replications.values()].map((r) => r.cancel()));
    this.patch({ online: false, syncing: false });
  }
}

/** Creates and starts the client. */
export function startSync(opts: SyncClientOptions): SyncClient {
  const client = new SyncClient(opts);
  client.start();
  return client;
}

/** Enrol this device with a one-time code; returns the credential to keep in the OS key store. */
export async function enrolDevice(
  serverUrl: string,
  body: { code: string; counterId: string; deviceName: string },
  fetchImpl: typeof fetch = (...a) => globalThis.fetch(...a),
): Promise<{ deviceId: string; officeId: string; counterId: string; role: string; token: string }> {
  const res = await fetchImpl(`${serverUrl}/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(json);
    throw new HttpError(
      res.status,
      parsed.success ? parsed.data.error : 'internal',
      parsed.success ? parsed.data.message : `HTTP ${res.status}`,
    );
  }
  return json as { deviceId: string; officeId: string; counterId: string; role: string; token: string };
}
