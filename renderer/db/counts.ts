import type { RxChangeEventBulk } from 'rxdb';
import { DOSSIER_STATUSES, type DossierStatus } from '../../shared/domain';
import type { CounterDatabase } from './database';
import type { CountsDoc, DossierDoc } from './schemas';
import { writeLanesOf } from './write-lanes';
import {
  changedSince as changedDocsSince,
  latestChange,
  MAX_KEY,
  MIN_KEY,
  rangeCount,
  rangeRead,
} from './queries';

/**
 * Queue counts without count() over everything (IndexedDB counts are O(n) in Chromium): one counts
 * document holds the number of dossiers per status and, for open dossiers, per status per
 * Vietnam-local due day. It is maintained from the dossier collection's change stream, so local
 * steps, replication and seeding all keep it right, and it records the change checkpoint it has
 * applied: if dossiers changed after it (a crash before the counts were saved), it is rebuilt in
 * the background on open.
 */

export const COUNTS_ID = 'queue';
const PERSIST_DELAY_MS = 100;

/** Statuses whose dueAt is bucketed (open dossiers with an appointment). */
export const DUE_TRACKED_STATUSES: readonly DossierStatus[] = [
  'received',
  'supplement_requested',
  'appraised',
  'approved',
  'transferred',
  'sealed',
];
/** Statuses whose legal clock runs: these make up overdueTotal / dueSoonTotal. */
export const CLOCK_STATUSES: readonly DossierStatus[] = ['received', 'appraised', 'approved', 'transferred'];

const VN_OFFSET_MS = 7 * 3600_000;

/** Vietnam-local calendar day (YYYY-MM-DD) of a UTC instant. */
export function vnDay(iso: string | number): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}
/** UTC instant at which a Vietnam-local day begins. */
export function vnDayStartIso(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - VN_OFFSET_MS).toISOString();
}

export type QueueCounts = {
  /** Every dossier per status (0 for statuses with none). */
  byStatus: Record<DossierStatus, number>;
  /** Open dossiers past their appointment, per status. */
  overdue: Partial<Record<DossierStatus, number>>;
  /** Open dossiers due from now to the end of the `dueSoonDays`-th day after today, per status. */
  dueSoon: Partial<Record<DossierStatus, number>>;
  /** Sums over the statuses whose clock runs (received, appraised, approved, transferred). */
  overdueTotal: number;
  dueSoonTotal: number;
  asOf: string;
  /** True while a background recount is running after an unclean shutdown. */
  rebuilding: boolean;
};

type State = Pick<CountsDoc, 'byStatus' | 'due' | 'checkpoint'>;

function emptyState(): State {
  return { byStatus: {}, due: {}, checkpoint: null };
}

function bump(state: State, doc: Pick<DossierDoc, 'status' | 'dueAt'>, delta: number): void {
  state.byStatus[doc.status] = (state.byStatus[doc.status] ?? 0) + delta;
  if (doc.dueAt && DUE_TRACKED_STATUSES.includes(doc.status)) {
    const day = vnDay(doc.dueAt);
    const perDay = (state.due[doc.status] ??= {});
    const next = (perDay[day] ?? 0) + delta;
    if (next === 0) delete perDay[day];
    else perDay[day] = next;
  }
}

type DossierChange = {
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  documentData: DossierDoc & { _deleted?: boolean };
  previousDocumentData?: (DossierDoc & { _deleted?: boolean }) | null;
};

export type CountsTracker = {
  /** Resolves when every change seen so far is saved in the counts document. */
  idle(): Promise<void>;
  /** In-memory counts (never stale within this session once the rebuild, if any, is done). */
  read(now: Date, dueSoonDays: number): Promise<QueueCounts>;
  /** Recount everything from the dossiers (used when stale; also exposed for admin tools). */
  rebuild(): Promise<void>;
  /** The background rebuild started on open, if any. */
  readonly rebuilding: Promise<void> | null;
  stop(): void;
};

export async function startCountsTracker(db: CounterDatabase): Promise<CountsTracker> {
  const dossiers = db.dossiers;
  let state: State = emptyState();
  let writeChain: Promise<void> = Promise.resolve();
  let dirty = false;
  let stopped = false;
  let rebuildingPromise: Promise<void> | null = null;
  /** Changes that arrive while a rebuild is counting are re-applied on top of it. */
  let buffered: DossierChange[] | null = null;

  const persist = () => {
    if (dirty) return;
    dirty = true;
    writeChain = writeChain.then(async () => {
      // Coalesce a burst of changes (a sync batch, quick steps) into one write, off the step's path.
      await new Promise((resolve) => setTimeout(resolve, PERSIST_DELAY_MS));
      await writeLanesOf(db.data).foregroundIdle();
      dirty = false;
      if (stopped || db.closed) return;
      const snapshot: CountsDoc = {
        id: COUNTS_ID,
        byStatus: { ...state.byStatus },
        due: structuredClone(state.due),
        checkpoint: state.checkpoint,
        updatedAt: new Date().toISOString(),
      };
      await db.counts.upsert(snapshot);
    });
  };

  const apply = (change: DossierChange) => {
    const prev = change.previousDocumentData;
    const next = change.documentData;
    if (prev && !prev._deleted) bump(state, prev, -1);
    if (next && !next._deleted && change.operation !== 'DELETE') bump(state, next, +1);
  };

  const sub = dossiers.eventBulks$.subscribe((bulk: RxChangeEventBulk<DossierDoc>) => {
    if (bulk.databaseToken !== db.data.token) return;
    for (const ev of bulk.events) {
      const change = ev as unknown as DossierChange;
      if (buffered) buffered.push(change);
      else apply(change);
    }
    if (!buffered) {
      state.checkpoint = bulk.checkpoint as State['checkpoint'];
      persist();
    }
  });

  const rebuild = async () => {
    // Count from the dossiers; if writes land meanwhile, count again (the rebuild runs in the
    // background on open, so this is rare), and after a few tries keep the count plus the deltas
    // and leave no checkpoint, so the next open checks again.
    for (let attempt = 0; ; attempt++) {
      buffered = [];
      const fresh = await countAll(db);
      const raced: DossierChange[] = buffered;
      buffered = null;
      state = fresh;
      if (raced.length === 0) break;
      if (attempt >= 3) {
        for (const change of raced) apply(change);
        state.checkpoint = null;
        break;
      }
    }
    persist();
    await writeChain;
  };

  const saved = await db.counts.findOne(COUNTS_ID).exec();
  if (saved) {
    state = {
      byStatus: { ...saved.byStatus },
      due: structuredClone(saved.toJSON().due) as State['due'],
      checkpoint: saved.checkpoint,
    };
    if (await changedSince(db, saved.checkpoint)) {
      rebuildingPromise = rebuild().finally(() => (rebuildingPromise = null));
    }
  } else if (await changedSince(db, null)) {
    rebuildingPromise = rebuild().finally(() => (rebuildingPromise = null));
  } else {
    persist(); // a new, empty replica: nothing to count
  }

  return {
    idle: async () => {
      await writeChain;
    },
    get rebuilding() {
      return rebuildingPromise;
    },
    rebuild: () => {
      rebuildingPromise = rebuild().finally(() => (rebuildingPromise = null));
      return rebuildingPromise;
    },
    read: async (now, dueSoonDays) => countsView(db, state, now, dueSoonDays, rebuildingPromise !== null),
    stop: () => {
      stopped = true;
      sub.unsubscribe();
    },
  };
}

/** Full recount: per status (native index counts), and per due day for open dossiers. */
async function countAll(db: CounterDatabase): Promise<State> {
  const fresh: State = { byStatus: {}, due: {}, checkpoint: await latestCheckpoint(db) };
  for (const status of DOSSIER_STATUSES) {
    fresh.byStatus[status] = await rangeCount(db.dossiers, {
      fields: ['status', 'dueAt'],
      lower: [status, MIN_KEY, MIN_KEY],
      upper: [status, MAX_KEY, MAX_KEY],
    });
  }
  for (const status of DUE_TRACKED_STATUSES) {
    const docs = await rangeRead(db.dossiers, {
      fields: ['status', 'dueAt'],
      lower: [status, '0', MIN_KEY],
      upper: [status, MAX_KEY, MAX_KEY],
    });
    for (const d of docs) {
      if (!d.dueAt) continue;
      const perDay = (fresh.due[status] ??= {});
      const day = vnDay(d.dueAt);
      perDay[day] = (perDay[day] ?? 0) + 1;
    }
  }
  return fresh;
}

/** Whether any dossier was written after `checkpoint` (the staleness marker). */
async function changedSince(db: CounterDatabase, checkpoint: CountsDoc['checkpoint']): Promise<boolean> {
  const res = await changedDocsSince(db.dossiers, checkpoint, 1);
  return res.documents.length > 0;
}

/** The newest change checkpoint of the dossier collection. */
async function latestCheckpoint(db: CounterDatabase): Promise<State['checkpoint']> {
  return latestChange(db.dossiers);
}

async function countsView(
  db: CounterDatabase,
  state: State,
  now: Date,
  dueSoonDays: number,
  rebuilding: boolean,
): Promise<QueueCounts> {
  const byStatus = Object.fromEntries(
    DOSSIER_STATUSES.map((s) => [s, Math.max(0, state.byStatus[s] ?? 0)]),
  ) as Record<DossierStatus, number>;
  const today = vnDay(now.getTime());
  const lastSoonDay = vnDay(now.getTime() + dueSoonDays * 86_400_000);
  const overdue: Partial<Record<DossierStatus, number>> = {};
  const dueSoon: Partial<Record<DossierStatus, number>> = {};
  const nowIso = now.toISOString();
  const todayStart = vnDayStartIso(today);
  await Promise.all(
    DUE_TRACKED_STATUSES.map(async (status) => {
      const perDay = state.due[status] ?? {};
      let late = 0;
      let soon = 0;
      let todayTotal = 0;
      for (const [day, n] of Object.entries(perDay)) {
        if (day < today) late += n;
        else if (day === today) todayTotal = n;
        else if (day <= lastSoonDay) soon += n;
      }
      if (todayTotal > 0) {
        // Only today's bucket needs a look at the clock: a short index range, not a scan.
        const lateToday = await rangeCount(db.dossiers, {
          fields: ['status', 'dueAt'],
          lower: [status, todayStart, MIN_KEY],
          upper: [status, nowIso, MIN_KEY],
        });
        late += lateToday;
        soon += todayTotal - lateToday;
      }
      if (late) overdue[status] = late;
      if (soon) dueSoon[status] = soon;
    }),
  );
  const sum = (rec: Partial<Record<DossierStatus, number>>) =>
    CLOCK_STATUSES.reduce((acc, s) => acc + (rec[s] ?? 0), 0);
  return {
    byStatus,
    overdue,
    dueSoon,
    overdueTotal: sum(overdue),
    dueSoonTotal: sum(dueSoon),
    asOf: nowIso,
    rebuilding,
  };
}
