import type { Subscription } from 'rxjs';
import type { Dossier, DossierEvent } from '../../shared/domain';
import { reportRecord, type ReportRecord } from '../../shared/reports';
import type { CounterDatabase } from './database';
import { fromDossierDoc } from './dossier-doc';
import {
  changedSince,
  findPlainByIds,
  latestChange,
  MAX_KEY,
  MIN_KEY,
  rangeRead,
  stripMeta,
} from './queries';
import {
  openReportRecordsStore,
  OPEN_UNTIL,
  reportRecordsStoreName,
  STORE_WRITE_CHUNK,
  type Checkpoints,
  type ReportRecordsStore,
  type StoredReportRecord,
} from './report-records-store';
import type { DossierDoc } from './schemas';
import { writeLanesOf } from './write-lanes';

export { OPEN_UNTIL } from './report-records-store';

/**
 * Report records kept beside the replica (./report-records-store.ts), as `counts` are: one per
 * dossier (shared/reports reportRecord), so a period report reads the records reaching into its
 * period and neither events nor personal data. The dossiers' and events' change streams (local
 * steps, replication, a restored backup, the bootstrap's bulk writes) wake a catch-up that reads
 * what changed since the saved checkpoints and rewrites the records of those dossiers. Without
 * checkpoints (a replica made before the records, or a catch-up too large to do dossier by dossier)
 * every record is rebuilt once, with progress. While a bulk download runs (write-lanes.ts: the
 * first download's history) the follow-up waits for its end and catches up once; an explicit
 * `ready()` (a report opened meanwhile) catches up at once.
 */

/** Changed documents read per page; dossiers rewritten per write. */
const PAGE = 2_000;
const WRITE_CHUNK = 500;
/** Above this many changed dossiers, one pass over every event is cheaper than one read each. */
const FULL_REBUILD_OVER = 5_000;
/** After a bulk download (write-lanes.ts), most records are new: one pass is cheaper sooner. */
const FULL_REBUILD_AFTER_BULK_OVER = 500;
/**
 * A burst of changes (a sync batch, quick steps) is handled in one catch-up once the replica has
 * been quiet this long, and no later than the longest wait after the first change; a report asks
 * for the records through ready(), which catches up at once.
 */
const CATCH_UP_QUIET_MS = 300;
const CATCH_UP_LONGEST_WAIT_MS = 3_000;

export type PeriodRange = { start: number; end: number; judgedAt: number; receivedSince: string };

export type ReportRecordsTracker = {
  /** Applies every change made so far (the full rebuild if one is due, with progress 0..1). */
  ready(onProgress?: (done: number) => void): Promise<void>;
  /**
   * The records that can count in a period [start, end) judged at `judgedAt`: the dossier received
   * from `receivedSince` to the period's end, its record reaching at least to the earlier of the
   * period's start and the judged moment (a record ending before cannot count).
   */
  between(range: PeriodRange): Promise<ReportRecord[]>;
  /** Rebuilds every record from the dossiers and events (also what a missing checkpoint starts). */
  rebuild(onProgress?: (done: number) => void): Promise<void>;
  /**
   * Runs `task` (bulk writes) in the database's bulk lane (./write-lanes.ts), as the bootstrap's
   * phases do: the catch-up is held, then runs once over the written dossiers.
   */
  holdDuring<T>(task: () => Promise<T>): Promise<T>;
  /** How many full rebuilds and dossier rewrites this session made (tests, support). */
  stats(): { rebuilds: number; rewritten: number };
  /** Stops following the changes (a rebuild under way stops at its next page, unsaved). */
  stop(): void;
  /** Resolves when the catch-up or rebuild under way, if any, is over. */
  idle(): Promise<void>;
  /** Stops, waits for the work under way and closes the store. */
  close(): Promise<void>;
  /** The store itself (tests, the bench's seeding). */
  readonly store: ReportRecordsStore;
};

/** The latest instant a record counts at, OPEN_UNTIL while it is taken in and not closed. */
export function lastInstant(record: ReportRecord): string {
  const open =
    record.receivedAt !== null &&
    record.resolvedAt === null &&
    record.withdrawnAt === null &&
    record.stoppedAt === null;
  if (open) return OPEN_UNTIL;
  const instants = [
    record.receivedAt,
    record.resolvedAt,
    record.returnedAt,
    record.withdrawnAt,
    record.stoppedAt,
    ...record.supplementRequests,
  ].filter((at): at is string => at !== null);
  // '' sorts before every instant: a record with none reaches into no period.
  return instants.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b), '');
}

/**
 * Resolves once no change came for the quiet time (the last change's instant read through
 * `lastChange`, 0 to stop waiting), or the longest wait since `since` passed.
 */
async function quietSince(since: number, lastChange: () => number): Promise<void> {
  for (;;) {
    const wait =
      Math.min(lastChange() + CATCH_UP_QUIET_MS, since + CATCH_UP_LONGEST_WAIT_MS) - performance.now();
    if (wait <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

function toStored(dossier: Dossier, events: readonly DossierEvent[]): StoredReportRecord {
  const record = reportRecord(dossier, events);
  return { id: dossier.id, lastAt: lastInstant(record), receivedOn: dossier.receivedAt ?? '', record };
}

export async function startReportRecordsTracker(db: CounterDatabase): Promise<ReportRecordsTracker> {
  const store = await openReportRecordsStore(
    reportRecordsStoreName(db.data.name),
    await db.data.storageToken,
  );
  const lanes = writeLanesOf(db.data);
  let chain: Promise<void> = Promise.resolve();
  let scheduled = false;
  let lastChangeAt = 0;
  let stopped = false;
  let rebuilds = 0;
  let rewritten = 0;
  /** Whether a bulk download ended since the last catch-up. */
  let afterBulk = false;
  const listeners = new Set<(done: number) => void>();
  const progress = (done: number) => listeners.forEach((listener) => listener(done));

  const serial = (task: () => Promise<void>): Promise<void> => {
    const run = chain.then(task);
    chain = run.catch((error: unknown) => console.error('report records', error));
    return run;
  };

  /** Every record from every dossier and event: one read of each collection, large writes. */
  async function rebuildAll(): Promise<void> {
    rebuilds += 1;
    progress(0);
    // Taken first: anything written during the rebuild is caught up after it.
    const checkpoints: Checkpoints = {
      dossiers: await latestChange(db.dossiers),
      events: await latestChange(db.dossier_events),
    };
    const dossierDocs = await rangeRead(db.dossiers, {
      fields: ['receivedAt'],
      lower: [MIN_KEY, MIN_KEY],
      upper: [MAX_KEY, MAX_KEY],
    });
    progress(0.2);
    const events = await rangeRead(db.dossier_events, {
      fields: ['dossierId', 'seq'],
      lower: [MIN_KEY, MIN_KEY, MIN_KEY],
      upper: [MAX_KEY, MAX_KEY, MAX_KEY],
    });
    const byDossier = new Map<string, DossierEvent[]>();
    for (const doc of events) {
      const event = stripMeta(doc);
      const list = byDossier.get(event.dossierId);
      if (list) list.push(event);
      else byDossier.set(event.dossierId, [event]);
    }
    progress(0.5);
    // Emptied first (with the checkpoints): a rebuild cut short is started again on the next open.
    await store.clear();
    for (let at = 0; at < dossierDocs.length; at += STORE_WRITE_CHUNK) {
      if (stopped || db.closed) return;
      const docs = dossierDocs
        .slice(at, at + STORE_WRITE_CHUNK)
        .map((doc) => fromDossierDoc(doc))
        .map((dossier) => toStored(dossier, byDossier.get(dossier.id) ?? []));
      await store.write(docs);
      rewritten += docs.length;
      progress(0.5 + (0.5 * Math.min(at + STORE_WRITE_CHUNK, dossierDocs.length)) / dossierDocs.length);
    }
    await store.saveCheckpoints(checkpoints);
    progress(1);
  }

  /** The ids of dossiers written, or with events written, after `from`, and where that ends. */
  async function changedDossiers(from: Checkpoints): Promise<{ ids: Set<string>; to: Checkpoints }> {
    const ids = new Set<string>();
    const to = { ...from };
    for (;;) {
      const page = await changedSince(db.dossiers, to.dossiers, PAGE);
      if (page.documents.length === 0) break;
      for (const doc of page.documents) ids.add(doc.id);
      to.dossiers = page.checkpoint;
    }
    for (;;) {
      const page = await changedSince(db.dossier_events, to.events, PAGE);
      if (page.documents.length === 0) break;
      for (const doc of page.documents) ids.add(doc.dossierId);
      to.events = page.checkpoint;
    }
    return { ids, to };
  }

  /** Rewrites the records of the dossiers changed since the checkpoints (or all, when due). */
  async function catchUp(): Promise<void> {
    if (stopped || db.closed) return;
    const fullOver = afterBulk && !lanes.bulkActive ? FULL_REBUILD_AFTER_BULK_OVER : FULL_REBUILD_OVER;
    if (!lanes.bulkActive) afterBulk = false;
    const from = await store.checkpoints();
    if (!from) return rebuildAll();
    const { ids, to } = await changedDossiers(from);
    if (ids.size === 0) return;
    if (ids.size > fullOver) return rebuildAll();
    const list = [...ids];
    for (let at = 0; at < list.length; at += WRITE_CHUNK) {
      // A step's write goes first: the records are read only by reports, which call ready().
      await lanes.foregroundIdle();
      const chunk = list.slice(at, at + WRITE_CHUNK);
      const found = (await findPlainByIds<DossierDoc>(db.dossiers, chunk)).map((doc) =>
        fromDossierDoc(stripMeta(doc)),
      );
      const docs = await Promise.all(
        found.map(async (dossier) => toStored(dossier, await eventsOf(db, dossier.id))),
      );
      const present = new Set(found.map((d) => d.id));
      await store.write(
        docs,
        chunk.filter((id) => !present.has(id)),
      );
      rewritten += docs.length;
    }
    await store.saveCheckpoints(to);
  }

  const schedule = () => {
    lastChangeAt = performance.now();
    if (scheduled || stopped) return;
    scheduled = true;
    const since = lastChangeAt;
    // A failure is logged by serial() and retried at the next change or report.
    serial(async () => {
      await quietSince(since, () => (stopped ? 0 : lastChangeAt));
      await lanes.foregroundIdle();
      scheduled = false;
      if (lanes.bulkActive) return; // caught up when it ends (onBulkEnd below)
      await catchUp();
    }).catch(() => undefined);
  };

  const stopOnBulkEnd = lanes.onBulkEnd(() => {
    afterBulk = true;
    schedule();
  });
  const subs: Subscription[] = [db.dossiers, db.dossier_events].map((collection) =>
    (
      collection.eventBulks$ as unknown as {
        subscribe(f: (b: { databaseToken: string }) => void): Subscription;
      }
    ).subscribe((bulk) => {
      if (bulk.databaseToken === db.data.token) schedule();
    }),
  );
  // On open: a new replica starts its checkpoints before any write; any other catches up with what
  // changed while closed (a crash before the records were saved, an upgrade), in the background.
  if (!(await store.checkpoints()) && (await latestChange(db.dossiers)) === null) {
    await store.saveCheckpoints({ dossiers: null, events: null });
  }
  schedule();

  const withProgress = async (
    onProgress: ((done: number) => void) | undefined,
    task: () => Promise<void>,
  ) => {
    if (onProgress) listeners.add(onProgress);
    try {
      await task();
    } finally {
      if (onProgress) listeners.delete(onProgress);
    }
  };

  function stop(): void {
    stopped = true;
    stopOnBulkEnd();
    for (const sub of subs) sub.unsubscribe();
  }

  return {
    store,
    ready: (onProgress) => withProgress(onProgress, () => serial(catchUp)),
    rebuild: (onProgress) => withProgress(onProgress, () => serial(rebuildAll)),
    async holdDuring(task) {
      const endBulk = lanes.beginBulk();
      try {
        return await task();
      } finally {
        endBulk();
      }
    },
    between({ start, end, judgedAt, receivedSince }) {
      const from = new Date(Math.min(start, judgedAt)).toISOString();
      return store.reaching(from, receivedSince, new Date(end).toISOString());
    },
    stats: () => ({ rebuilds, rewritten }),
    idle: () => chain,
    stop,
    async close() {
      stop();
      await chain;
      store.close();
    },
  };
}

async function eventsOf(db: CounterDatabase, dossierId: string): Promise<DossierEvent[]> {
  const events = await rangeRead(db.dossier_events, {
    fields: ['dossierId', 'seq'],
    lower: [dossierId, MIN_KEY, MIN_KEY],
    upper: [dossierId, MAX_KEY, MAX_KEY],
  });
  return events.map(stripMeta);
}
