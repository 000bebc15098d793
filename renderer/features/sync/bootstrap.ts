/**
 * A new or wiped counter's first download (issue 27): the office's snapshot
 * (GET /sync/snapshot, ./bootstrap-stream.ts) written in large bulk writes instead of
 * document-by-document replication.
 *
 * Each bulk write is one IndexedDB transaction, and RxDB's Dexie storage opens one database per
 * collection and per replication's metadata: a group costs one write of the replication's records
 * (recordAsPulled) and one of the documents (insertNew), each reading its rows before it writes
 * them; RxDB then stores its push checkpoint after the documents' write.
 * 1. `recent` (before the replication's first pull): the open dossiers and the recent window, each
 *    group in one bulk write into the collection's storage, so the wrappers below it encrypt the
 *    personal fields and write the blind index, and the counts follow its change stream, as for a
 *    pulled document; before it, the replication's record that the server holds that version, as
 *    its pull writes, so the push passes it over. A group's documents are written while the next
 *    group is read and recorded. Its checkpoints are where the first pull starts.
 * 2. `history` (in the background once replication runs): the older dossiers and events the same
 *    way in writes sized by time (HISTORY_WRITE_MS), each only where the replica holds nothing yet
 *    (the pull may have brought a newer version). A step's write goes first: each chunk waits while
 *    one is pending (the replica's foreground lane, renderer/db/write-lanes.ts) and for the
 *    replication's follow-up writes, and gives the event loop back before it starts.
 * Both phases run in the replica's bulk lane: the report records catch up once at the end of each,
 * not after every write.
 * The replica records how far it got (BootstrapRecord): reports say which period is complete here.
 */
import { createRevision, getMetaWriteRow, now as writeTime, type RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { writeLanesOf, yieldToForeground } from '../../db/write-lanes';
import type { Checkpoint } from '../../../shared/sync/contract';
import type { SnapshotEnd } from '../../../shared/sync/snapshot';
import {
  readSnapshot,
  SnapshotError,
  type SnapshotCollection,
  type SnapshotDoc,
  type SnapshotRequest,
} from './bootstrap-stream';

/** Where the replica keeps how far its first download got (a setting of the directory database). */
export const BOOTSTRAP_SETTING = 'sync.bootstrap';

export interface BootstrapRecord {
  /** The recent window's start: the replica holds every dossier changed since, and every open one. */
  since: string;
  /** The recent phase's checkpoints (the history phase reads as of them). */
  checkpoints: SnapshotEnd['checkpoints'];
  /** Every older dossier is here too. */
  historyComplete: boolean;
  completedAt?: string;
}

export interface BootstrapStore {
  get(): Promise<BootstrapRecord | null>;
  set(record: BootstrapRecord): Promise<void>;
}

export interface BootstrapProgress {
  phase: 'recent' | 'history' | 'done' | 'failed';
  /** Documents written in this phase, and the phase's dossiers as the server counted them. */
  written: number;
  dossiers: number;
  /** Dossiers written in this phase (progress against `dossiers`). */
  dossiersWritten: number;
  startedAt: number;
  /** Estimated milliseconds left in this phase, once there is a rate to estimate from. */
  etaMs: number | null;
}

export type BootstrapCollections = Record<SnapshotCollection, RxCollection>;

export interface BootstrapOptions {
  serverUrl: string;
  token: string;
  fetch?: typeof fetch;
  collections: BootstrapCollections;
  store: BootstrapStore;
  onProgress?: (progress: BootstrapProgress) => void;
  now?: () => number;
  /** Documents of the history phase's first background write (later ones are sized by time). */
  historyChunk?: number;
}

/** Where each collection's pull starts after the recent phase (SyncClientOptions.pullFrom). */
export type PullFrom = Partial<Record<SnapshotCollection, Checkpoint>>;
export type BootstrapReplications = ReadonlyMap<string, RxReplicationState<unknown, Checkpoint>>;

/** The history phase's first write; then each is sized to take about HISTORY_WRITE_MS. */
const HISTORY_CHUNK = 200;
const HISTORY_WRITE_MS = 25;
/** Below this, each chunk's own cost (three transactions) outweighs what a step waits for it. */
const HISTORY_CHUNK_MIN = 50;
const HISTORY_CHUNK_MAX = 2000;

/** The next chunk's size from how long the last took: about HISTORY_WRITE_MS of work. */
export function nextChunkSize(size: number, tookMs: number): number {
  const scaled = tookMs > 0 ? Math.round((size * HISTORY_WRITE_MS) / tookMs) : size * 2;
  // Grows at most twofold a time: one quick write on an idle moment says little.
  return Math.max(HISTORY_CHUNK_MIN, Math.min(HISTORY_CHUNK_MAX, size * 2, scaled));
}

function progressTracker(opts: BootstrapOptions, phase: 'recent' | 'history') {
  const now = opts.now ?? Date.now;
  const p: BootstrapProgress = {
    phase,
    written: 0,
    dossiers: 0,
    dossiersWritten: 0,
    startedAt: now(),
    etaMs: null,
  };
  const emit = () => opts.onProgress?.({ ...p });
  return {
    head(dossiers: number) {
      p.dossiers = dossiers;
      emit();
    },
    wrote(collection: SnapshotCollection, n: number) {
      p.written += n;
      if (collection === 'dossiers') p.dossiersWritten += n;
      const elapsed = now() - p.startedAt;
      if (p.dossiersWritten > 0 && elapsed > 0)
        p.etaMs = Math.max(0, ((p.dossiers - p.dossiersWritten) * elapsed) / p.dossiersWritten);
      emit();
    },
    finish(phaseEnd: BootstrapProgress['phase']) {
      p.phase = phaseEnd;
      p.etaMs = 0;
      emit();
    },
  };
}

/** Whether the replica is fresh: no dossier, no event, and no first download begun. */
export async function needsBootstrap(
  collections: BootstrapCollections,
  store: BootstrapStore,
): Promise<boolean> {
  if (await store.get()) return false;
  for (const c of Object.values(collections)) if (await c.findOne().exec()) return false;
  return true;
}

function request(opts: BootstrapOptions, rest: Partial<SnapshotRequest>): SnapshotRequest {
  return {
    serverUrl: opts.serverUrl,
    token: opts.token,
    fetch: opts.fetch ?? ((...args) => globalThis.fetch(...args)),
    phase: 'recent',
    ...rest,
  };
}

/**
 * The context of the bulk without a replication: RxDB's own prefix for what its pull writes, so the
 * sync tracking counts these as received from the server, never as local work waiting to be pushed.
 * With a replication, its own pull's context (downstreamBulkWriteFlag): its push then passes the
 * bulk over without comparing each document with the server's version, as for a pull.
 */
const BOOTSTRAP_CONTEXT = 'replication-downstream-bootstrap';

/**
 * Writes into the collection's storage, below RxDB's document layer as its pull does: the storage's
 * wrappers encrypt the personal fields and add the blind index, and its change stream (the counts,
 * the UI's queries) sees the bulk. A document the replica holds already is left as it is (409).
 */
async function insertNew(collection: RxCollection, docs: SnapshotDoc[], context: string): Promise<void> {
  const token = collection.database.token;
  const rows = docs.map((d) => ({
    document: {
      ...d,
      _deleted: false,
      _attachments: {},
      _rev: createRevision(token),
      _meta: { lwt: writeTime() },
    } as never,
  }));
  const res = await collection.storageInstance.bulkWrite(rows, context);
  const failed = res.error.find((e) => e.status !== 409);
  if (failed)
    throw new Error(`bootstrap: writing ${collection.name}/${failed.documentId} failed (${failed.status})`);
}

/**
 * The replication's record that the server holds these versions, as its pull writes it, for a whole
 * group in one write (so its push passes them over, and its pull may later replace them). Written
 * before the documents, so a document is never there without it; insert-only: where the replica
 * holds a record already (the pull brought a newer version, or an earlier run wrote it), the
 * storage refuses the row (409) and what is there stays. Answers the context the documents are
 * then written under.
 */
async function recordAsPulled(
  replication: RxReplicationState<unknown, Checkpoint> | undefined,
  docs: SnapshotDoc[],
): Promise<string> {
  const state = replication?.internalReplicationState;
  if (!state) return BOOTSTRAP_CONTEXT;
  const rows = await Promise.all(docs.map((d) => getMetaWriteRow(state, { ...d, _deleted: false } as never)));
  const res = await state.input.metaInstance.bulkWrite(rows, 'bootstrap');
  const failed = res.error.find((e) => e.status !== 409);
  if (failed)
    throw new Error(`bootstrap: recording ${failed.documentId} as pulled failed (${failed.status})`);
  return state.downstreamBulkWriteFlag;
}

/**
 * Writes run one behind the other while the caller goes on: the next group's record and parse
 * overlap this group's documents being written. `run` waits for the write before (so at most one is
 * in flight); `drain` for the last, and rethrows any failure.
 */
function writeBehind() {
  let pending: Promise<void> = Promise.resolve();
  return {
    async run(task: () => Promise<void>): Promise<void> {
      await pending;
      pending = task();
      pending.catch(() => undefined);
    },
    drain: () => pending,
  };
}

/** The longest a history chunk waits for the replication's own follow-up writes (see below). */
const UPSTREAM_WAIT_MAX_MS = 1000;

/**
 * Resolves once the replication's push side has done what the writes so far set off (its checkpoint
 * write after a bulk, a step's push and the record of it), or after UPSTREAM_WAIT_MAX_MS (a push
 * retrying against a failing server must not stall the history). The next history chunk waits
 * for it, so the writes queued in IndexedDB ahead of a step's own stay at one chunk's.
 */
async function upstreamSettled(
  replication: RxReplicationState<unknown, Checkpoint> | undefined,
): Promise<void> {
  const state = replication?.internalReplicationState;
  if (!state) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settled = (async () => {
    await state.streamQueue.up;
    await state.checkpointQueue;
  })();
  await Promise.race([
    settled.catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, UPSTREAM_WAIT_MAX_MS))),
  ]);
  clearTimeout(timer);
}

async function started(replications: BootstrapReplications): Promise<void> {
  for (const rep of replications.values()) await rep.startPromise;
}

/**
 * The recent phase, on a fresh replica, once replication has started with its pull held back
 * (SyncClientOptions.pullFrom): each group in one bulk write. Answers where each pull starts, or
 * null when the server offers no snapshot (an older server, or none reachable): the replication
 * then pulls everything itself.
 */
export async function bootstrapRecent(
  opts: BootstrapOptions,
  replications: BootstrapReplications,
): Promise<PullFrom | null> {
  const progress = progressTracker(opts, 'recent');
  await started(replications);
  const endBulk = writeLanesOf(opts.collections.dossiers.database).beginBulk();
  let end: SnapshotEnd;
  try {
    const writes = writeBehind();
    end = await readSnapshot(request(opts, { phase: 'recent' }), {
      onHead: (dossiers) => progress.head(dossiers),
      onGroup: async (collection, docs) => {
        const context = await recordAsPulled(replications.get(collection), docs);
        await writes.run(async () => {
          await insertNew(opts.collections[collection], docs, context);
          progress.wrote(collection, docs.length);
        });
      },
    });
    await writes.drain();
  } catch (error) {
    if (error instanceof SnapshotError || error instanceof TypeError) {
      progress.finish('failed');
      return null;
    }
    throw error;
  } finally {
    endBulk();
  }
  await opts.store.set({ since: end.since, checkpoints: end.checkpoints, historyComplete: false });
  progress.finish('history');
  return { ...end.checkpoints };
}

/**
 * The history phase, in the background while the counter works: writes sized by time, each after
 * any pending step's write, the replication's follow-up writes and a yield, each document only where
 * the replica holds nothing yet (the pull may have brought a newer version: recordAsPulled,
 * insertNew). Resumable: a phase cut short is read again from its start and writes only what is
 * missing. Resolves true once the record says complete.
 */
export async function bootstrapHistory(
  opts: BootstrapOptions,
  replications: BootstrapReplications,
): Promise<boolean> {
  const record = await opts.store.get();
  if (!record || record.historyComplete) return true;
  const progress = progressTracker(opts, 'history');
  await started(replications);
  const lanes = writeLanesOf(opts.collections.dossiers.database);
  const endBulk = lanes.beginBulk();
  let chunk = opts.historyChunk ?? HISTORY_CHUNK;
  const now = opts.now ?? Date.now;
  try {
    await readSnapshot(
      request(opts, { phase: 'history', since: record.since, checkpoints: record.checkpoints }),
      {
        onHead: (dossiers) => progress.head(dossiers),
        onGroup: async (collection, docs) => {
          for (let i = 0; i < docs.length;) {
            await yieldToForeground();
            await lanes.foregroundIdle();
            const part = docs.slice(i, i + chunk);
            const t0 = performance.now();
            // The record and the documents per chunk, both short: a long write on any of the
            // origin's databases holds up a step's own (IndexedDB runs them one at a time).
            const context = await recordAsPulled(replications.get(collection), part);
            await insertNew(opts.collections[collection], part, context);
            chunk = nextChunkSize(part.length, performance.now() - t0);
            await upstreamSettled(replications.get(collection));
            i += part.length;
          }
          progress.wrote(collection, docs.length);
        },
      },
    );
  } catch (error) {
    if (error instanceof SnapshotError || error instanceof TypeError) {
      progress.finish('failed');
      return false;
    }
    throw error;
  } finally {
    endBulk();
  }
  await opts.store.set({ ...record, historyComplete: true, completedAt: new Date(now()).toISOString() });
  progress.finish('done');
  return true;
}
