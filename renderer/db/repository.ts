import type { Dossier, DossierEvent } from '../../shared/domain';
import { decide, type Actor, type WorkflowError } from '../../shared/workflow';
import { startCountsTracker, type CountsTracker, type QueueCounts } from './counts';
import type { CounterDatabase } from './database';
import { createDirectoryRepository, type RepositoryDeps } from './directory';
import { createDossierReads } from './dossier-reads';
import { fromDossierDoc, toDossierDoc } from './dossier-doc';
import { recover } from './recovery';
import { startReportRecordsTracker, type ReportRecordsTracker } from './report-records';
import { writeLanesOf } from './write-lanes';

export type { QueueCursor, QueuePage } from './dossier-reads';

export type StepResult =
  { ok: true; dossier: Dossier; event: DossierEvent } | { ok: false; error: WorkflowError };

export type CounterRepository = Awaited<ReturnType<typeof createCounterRepository>>;

/**
 * The data services of the counter on top of the local replica. Opening it runs roll-forward
 * recovery (see `recover`) and starts the queue-counts tracker; both finish before it resolves,
 * except a background recount of the counts when they may be stale.
 */
export async function createCounterRepository(db: CounterDatabase, deps: RepositoryDeps = {}) {
  const now = deps.now ?? (() => new Date());
  const dueSoonDays = deps.dueSoonDays ?? 2;
  const directory = createDirectoryRepository(db, deps);
  const recovered = await recover(db);
  const counts: CountsTracker = await startCountsTracker(db);
  const reportRecords: ReportRecordsTracker = await startReportRecordsTracker(db);

  // Steps are serialised: one counter, one writer; two quick clicks never read the same head.
  let stepQueue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = stepQueue.then(task, task);
    stepQueue = result.catch(() => undefined);
    return result;
  };

  const dossiers = db.dossiers;
  // A step runs in the foreground lane: background bulk writes wait while one is pending.
  const lanes = writeLanesOf(db.data);
  const reads = createDossierReads(db, { now, dueSoonDays });

  /** From the maintained counts (in memory, saved in the background): no scan. */
  async function queueCounts(): Promise<QueueCounts> {
    return counts.read(now(), dueSoonDays);
  }

  /**
   * Decide a workflow command (shared/workflow) and write its event and the dossier consistently.
   * There is no transaction across collections, so the event goes first (it carries the changes),
   * then the dossier; roll-forward recovery on open replays an event the dossier missed. A crash
   * therefore leaves the step wholly there or not at all.
   */
  function applyStep(command: { dossierId: string } & Record<string, unknown>, actor: Actor, atIso?: string) {
    return lanes.foreground(() =>
      serial(async (): Promise<StepResult> => {
        // Through the collections (not the raw storage), so RxDB hooks — and tests that stall a
        // write with them — see every step. findOne(id) is served by id from the document cache.
        const existing = await dossiers.findOne(command.dossierId).exec();
        const current = existing ? fromDossierDoc(existing.toMutableJSON()) : null;
        const decided = decide(current, command, actor, atIso ?? now().toISOString());
        if (!decided.ok) return decided;
        const { dossier, event } = decided;
        await db.dossier_events.insert(structuredClone(event) as DossierEvent);
        const doc = toDossierDoc(structuredClone(dossier) as Dossier);
        if (existing) {
          // incrementalModify retries on a revision conflict (a replication write slipping in):
          // keep whichever head carries more of the chain; recovery or sync merges the rest.
          await existing.incrementalModify((latest) => (latest.eventCount >= doc.eventCount ? latest : doc));
        } else {
          await dossiers.insert(doc);
        }
        return { ok: true, dossier, event };
      }),
    );
  }

  return {
    ...directory,
    db,
    /** Events replayed by recovery on this open (0 after a clean shutdown). */
    recovered,
    ...reads,
    queueCounts,
    /** Resolves when a background recount started on open (if any) is done. */
    countsReady: () => counts.rebuilding ?? Promise.resolve(),
    rebuildCounts: () => counts.rebuild(),
    /**
     * The report records kept beside the dossiers: `ready` applies every change so far (the
     * one-time rebuild of a replica made before them, with progress), `between` reads a period's;
     * `holdDuring(task)` holds their catch-up during bulk writes (the bootstrap) and catches up once.
     */
    reportRecords: {
      ready: reportRecords.ready,
      between: reportRecords.between,
      rebuild: reportRecords.rebuild,
      holdDuring: reportRecords.holdDuring,
      idle: reportRecords.idle,
      stats: reportRecords.stats,
      count: () => reportRecords.store.count(),
    },
    /** Calls back (debounced to a frame) after any dossier change, local or replicated. */
    onChange(listener: () => void): () => void {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const sub = dossiers.$.subscribe(() => {
        if (timer) return;
        timer = setTimeout(() => {
          timer = null;
          listener();
        }, 16);
      });
      return () => {
        if (timer) clearTimeout(timer);
        sub.unsubscribe();
      };
    },
    // writes
    applyStep,
    /** Waits for the counts (rebuild, pending save) and stops tracking; then db.close() is safe. */
    close: async () => {
      await (counts.rebuilding ?? Promise.resolve()).catch(() => undefined);
      await counts.idle();
      counts.stop();
      await reportRecords.close();
    },
  };
}
