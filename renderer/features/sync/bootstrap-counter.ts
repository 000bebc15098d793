/**
 * The counter's first download by snapshot (./bootstrap.ts), wired to its replica and sync client:
 * connect.ts asks `planBootstrap` before starting replication, passes its `pullFrom` to the client,
 * and hands it the started client. The progress is a small store the sync panel and the first-run
 * screen read (BootstrapProgressBar), and the record in the replica's settings is what the report
 * screen reads (`localHistory`).
 */
import type { Checkpoint, CollectionName } from '../../../shared/sync/contract';
import type { CounterRepository } from '../../db';
import {
  BOOTSTRAP_SETTING,
  bootstrapHistory,
  bootstrapRecent,
  needsBootstrap,
  type BootstrapOptions,
  type BootstrapProgress,
  type BootstrapRecord,
  type BootstrapReplications,
} from './bootstrap';

type Listener = () => void;

function valueStore<T>(initial: T) {
  let value = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => value,
    set(next: T) {
      value = next;
      for (const l of listeners) l();
    },
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The running bootstrap's progress (null: none on this start). */
export const bootstrapStatus = valueStore<BootstrapProgress | null>(null);

/**
 * What the replica holds of the office's history (null: not known, sync not started). While it is
 * incomplete, a dossier last changed before `from` and closed may not be here yet: ask the server.
 */
export type LocalHistory = { complete: true } | { complete: false; from: string | null };
export const localHistoryStatus = valueStore<LocalHistory | null>(null);

export interface PlannedBootstrap {
  /** The first pulls wait for this (SyncClientOptions.pullFrom). */
  pullFrom: Promise<Partial<Record<CollectionName, Checkpoint>> | null>;
  /** Runs the phases once the client has started; never rejects (the pull is the fallback). */
  run(replications: BootstrapReplications): void;
}

/**
 * What the counter's first download does on this start: a fresh replica downloads the snapshot, a
 * replica whose history is still coming resumes it, any other starts replication as before (null).
 */
export async function planBootstrap(
  repo: CounterRepository,
  connection: { serverUrl: string; token: string },
): Promise<PlannedBootstrap | null> {
  const store = {
    get: () => repo.getSetting<BootstrapRecord>(BOOTSTRAP_SETTING),
    async set(record: BootstrapRecord) {
      await repo.setSetting(BOOTSTRAP_SETTING, record);
      localHistoryStatus.set(historyOf(record));
    },
  };
  const opts: BootstrapOptions = {
    serverUrl: connection.serverUrl,
    token: connection.token,
    collections: { dossiers: repo.db.dossiers, dossier_events: repo.db.dossier_events },
    store,
    onProgress: (p) => bootstrapStatus.set(p),
  };
  const fresh = await needsBootstrap(opts.collections, store);
  const record = fresh ? null : await store.get();
  localHistoryStatus.set(fresh ? { complete: false, from: null } : historyOf(record));
  if (!fresh && (!record || record.historyComplete)) return null;
  let resolvePull!: (from: Partial<Record<CollectionName, Checkpoint>> | null) => void;
  const pullFrom = fresh
    ? new Promise<Partial<Record<CollectionName, Checkpoint>> | null>((r) => (resolvePull = r))
    : Promise.resolve(record ? { ...record.checkpoints } : null);
  return {
    pullFrom,
    run(replications) {
      void (async () => {
        if (fresh) {
          const from = await bootstrapRecent(opts, replications).catch((error: unknown) => {
            console.error('bootstrap: the recent phase failed', error);
            return null;
          });
          resolvePull(from);
          if (!from) {
            // No snapshot: the replication pulls the whole history itself.
            localHistoryStatus.set({ complete: true });
            return;
          }
        }
        await historyWithRetries(opts, replications);
      })();
    },
  };
}

/** Waits before the next try of an interrupted history download: 5 s, doubling up to 5 min. */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 300_000;

const stoppedAny = (replications: BootstrapReplications) =>
  [...replications.values()].some((r) => r.isStopped());

/** Resolves after `ms`, and once the browser says it is online again. */
async function waitBeforeRetry(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (typeof navigator !== 'undefined' && !navigator.onLine && typeof window !== 'undefined')
    await new Promise((resolve) => window.addEventListener('online', resolve, { once: true }));
}

/**
 * The history phase, tried again with back-off while the counter's sync runs: a link that drops
 * during a long download resumes it (only what is missing is written), not only the next start.
 */
export async function historyWithRetries(
  opts: BootstrapOptions,
  replications: BootstrapReplications,
  wait: (ms: number) => Promise<void> = waitBeforeRetry,
): Promise<void> {
  for (let delay = RETRY_FIRST_MS; !stoppedAny(replications); delay = Math.min(delay * 2, RETRY_MAX_MS)) {
    const done = await bootstrapHistory(opts, replications).catch((error: unknown) => {
      console.error('bootstrap: the history phase failed', error);
      return false;
    });
    if (done) return;
    await wait(delay);
  }
}

function historyOf(record: BootstrapRecord | null): LocalHistory {
  return !record || record.historyComplete ? { complete: true } : { complete: false, from: record.since };
}
