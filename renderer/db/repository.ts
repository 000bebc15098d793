import type { RxCollection, RxDocumentData } from 'rxdb';
import type {
  Dossier,
  DossierEvent,
  DossierStatus,
  Office,
  Officer,
  Procedure,
  Sector,
  Counter,
} from '../../shared/domain';
import { DOSSIER_CODE_PATTERN } from '../../shared/domain';
import type { HolidaySchedule as SyncedHolidaySchedule } from '../../shared/sync/contract';
import {
  createCodeIssuer,
  counterCodeStateSchema,
  type CodeIssuer,
  type CounterCodeState,
} from '../../shared/codes';
import { decide, replay, type Actor, type WorkflowError } from '../../shared/workflow';
import {
  startCountsTracker,
  vnDay,
  vnDayStartIso,
  CLOCK_STATUSES,
  type CountsTracker,
  type QueueCounts,
} from './counts';
import type { CounterDatabase, DirectoryCollections } from './database';
import { fromDossierDoc, toDossierDoc } from './dossier-doc';
import { BLIND_INDEX_FIELDS, createBlindIndexer } from './personal-data';
import {
  changedSince,
  findPlainByIds,
  latestChange,
  rangeCount,
  rangeRead,
  MAX_KEY,
  MIN_KEY,
} from './queries';
import type { DossierDoc } from './schemas';
import { normalizeName } from './search-text';

export type QueueCursor = { dueAt: string; id: string };
export type QueuePage = { items: Dossier[]; next: QueueCursor | null };

export type StepResult =
  { ok: true; dossier: Dossier; event: DossierEvent } | { ok: false; error: WorkflowError };

export type RepositoryDeps = {
  /** Clock (tests pass a fixed one). */
  now?: () => Date;
  /** 'Due soon' horizon in days after today (default 2). */
  dueSoonDays?: number;
  /** Device id the code-allocator state is bound to (from the shell's keystore; web mode: a stored id). */
  deviceId?: string;
};

export const SETTING_KEYS = {
  /** CounterCodeState of shared/codes, persisted BEFORE a code is used. */
  codeState: 'codes.state',
  /** Change checkpoint of dossier_events already checked by roll-forward recovery. */
  recoveryCheckpoint: 'recovery.eventsCheckpoint',
  /** { officeId, counterId } of this counter. */
  counterIdentity: 'counter.identity',
  /** HolidaySchedule[] of shared/calendar. */
  holidaySchedules: 'calendar.holidaySchedules',
  /** 'demo' when the demo office was seeded. */
  provisioning: 'counter.provisioning',
} as const;

const DEFAULT_LIMIT = 50;

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

  // Steps are serialised: one counter, one writer; two quick clicks never read the same head.
  let stepQueue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = stepQueue.then(task, task);
    stepQueue = result.catch(() => undefined);
    return result;
  };

  const dossiers = db.dossiers;
  const toList = (docs: DossierDoc[]) => docs.map(fromDossierDoc);

  async function getDossier(id: string): Promise<Dossier | null> {
    const [doc] = await findPlainByIds(dossiers, [id]);
    return doc ? fromDossierDoc(doc) : null;
  }

  async function listQueue(opts: {
    status: DossierStatus;
    limit?: number;
    after?: QueueCursor | null;
    /** Only dossiers due strictly before this instant (overdue lists). */
    dueBefore?: string;
    /** Only dossiers due at or after this instant. */
    dueFrom?: string;
  }): Promise<QueuePage> {
    const limit = opts.limit ?? DEFAULT_LIMIT;
    const { status, after, dueFrom, dueBefore } = opts;
    // One index range on [status, dueAt, id]; a keyset cursor continues after (dueAt, id), so ties
    // on dueAt (many are due at 17:00) page correctly.
    const resumeAfter = after && !(dueFrom && dueFrom > after.dueAt);
    const items = await rangeRead(dossiers, {
      fields: ['status', 'dueAt'],
      lower: resumeAfter ? [status, after.dueAt, after.id] : [status, dueFrom ?? MIN_KEY, MIN_KEY],
      includeLower: !resumeAfter,
      upper: dueBefore ? [status, dueBefore, MIN_KEY] : [status, MAX_KEY, MAX_KEY],
      limit,
    });
    const last = items.length === limit ? items[items.length - 1] : undefined;
    return { items: toList(items), next: last ? { dueAt: last.dueAt, id: last.id } : null };
  }

  /** Several statuses merged by due date (e.g. everything a role must act on). */
  async function listStatuses(statuses: readonly DossierStatus[], limit = DEFAULT_LIMIT): Promise<Dossier[]> {
    const pages = await Promise.all(statuses.map((status) => listQueue({ status, limit })));
    return pages
      .flatMap((p) => p.items)
      .sort((a, b) => (a.dueAt === b.dueAt ? (a.id < b.id ? -1 : 1) : a.dueAt < b.dueAt ? -1 : 1))
      .slice(0, limit);
  }

  async function listOverdue(limit = DEFAULT_LIMIT): Promise<Dossier[]> {
    const at = now().toISOString();
    const pages = await Promise.all(
      CLOCK_STATUSES.map((status) => listQueue({ status, limit, dueFrom: '0', dueBefore: at })),
    );
    return mergeByDue(
      pages.flatMap((p) => p.items),
      limit,
    );
  }

  async function listDueSoon(limit = DEFAULT_LIMIT): Promise<Dossier[]> {
    const t = now();
    const end = vnDayStartIso(vnDay(t.getTime() + (dueSoonDays + 1) * 86_400_000));
    const pages = await Promise.all(
      CLOCK_STATUSES.map((status) => listQueue({ status, limit, dueFrom: t.toISOString(), dueBefore: end })),
    );
    return mergeByDue(
      pages.flatMap((p) => p.items),
      limit,
    );
  }

  /** Dossiers received in [fromIso, toIso), oldest first (today's list, the yearly register). */
  async function listReceivedBetween(fromIso: string, toIso: string, limit = 500): Promise<Dossier[]> {
    return toList(
      await rangeRead(dossiers, {
        fields: ['receivedAt'],
        lower: [fromIso, MIN_KEY],
        upper: [toIso, MIN_KEY],
        limit,
      }),
    );
  }

  async function listReceivedToday(limit = 500): Promise<Dossier[]> {
    const t = now();
    const today = vnDay(t.getTime());
    const tomorrow = vnDayStartIso(vnDay(t.getTime() + 86_400_000));
    return listReceivedBetween(vnDayStartIso(today), tomorrow, limit);
  }

  /** How many dossiers were received today (Vietnam time): a short index range count. */
  async function countReceivedToday(): Promise<number> {
    const t = now();
    return rangeCount(dossiers, {
      fields: ['receivedAt'],
      lower: [vnDayStartIso(vnDay(t.getTime())), MIN_KEY],
      upper: [vnDayStartIso(vnDay(t.getTime() + 86_400_000)), MIN_KEY],
    });
  }

  async function findByCode(code: string): Promise<Dossier | null> {
    const clean = code.trim().toUpperCase();
    if (!clean) return null;
    const [doc] = await rangeRead(dossiers, {
      fields: ['code'],
      lower: [clean, MIN_KEY],
      upper: [clean, MAX_KEY],
      limit: 1,
    });
    return doc ? fromDossierDoc(doc) : null;
  }

  async function prefixQuery(field: 'applicantSearch' | 'applicantGiven', prefix: string, limit: number) {
    return rangeRead(dossiers, {
      fields: [field],
      lower: [prefix, MIN_KEY],
      upper: [prefix + '\uffff', MAX_KEY],
      limit,
    });
  }

  /**
   * Name search ignoring diacritics and case: a prefix of the full name ('nguyen van an' finds
   * 'Nguyễn Văn An', 'nguyen v' too) or of the given name first ('an', 'an nguyen').
   */
  async function searchByName(text: string, limit = 20): Promise<Dossier[]> {
    const prefix = normalizeName(text);
    if (prefix.length < 1) return [];
    const [full, given] = await Promise.all([
      prefixQuery('applicantSearch', prefix, limit),
      prefixQuery('applicantGiven', prefix, limit),
    ]);
    const seen = new Set<string>();
    const out: DossierDoc[] = [];
    for (const doc of [...full, ...given]) {
      if (seen.has(doc.id)) continue;
      seen.add(doc.id);
      out.push(doc);
      if (out.length >= limit) break;
    }
    return toList(out);
  }

  // The ID number and phone are stored encrypted; exact lookups go through their blind index (a
  // keyed hash of the normalised value, kept by the storage), so prefix search on them is gone.
  const blind = createBlindIndexer(databaseKey(db));
  async function exactBlind(field: string, key: string, limit: number): Promise<Dossier[]> {
    if (!key) return [];
    return toList(
      await rangeRead(dossiers, { fields: [field], lower: [key, MIN_KEY], upper: [key, MAX_KEY], limit }),
    );
  }

  /** The whole ID number (or tax code); spaces and dots tolerated. */
  async function findByIdNumber(idNumber: string, limit = 20): Promise<Dossier[]> {
    return exactBlind(BLIND_INDEX_FIELDS.idNumber, blind.idNumber(idNumber), limit);
  }

  /** The whole phone number; spaces, dots and +84 tolerated. */
  async function findByPhone(phone: string, limit = 20): Promise<Dossier[]> {
    return exactBlind(BLIND_INDEX_FIELDS.phone, blind.phone(phone), limit);
  }

  /**
   * One box for the scanner and the keyboard: a dossier code, a 9/12-digit ID number or a 10/13
   * digit tax code, a phone number, else a name.
   */
  async function lookup(text: string, limit = 20): Promise<Dossier[]> {
    const value = text.trim();
    if (!value) return [];
    if (DOSSIER_CODE_PATTERN.test(value.toUpperCase())) {
      const hit = await findByCode(value);
      return hit ? [hit] : [];
    }
    const digits = value.replace(/[\s.-]/g, '');
    if (/^\+?\d+$/.test(digits)) {
      const byPhone = /^(0|\+84|84)[235789]\d{8,9}$/.test(digits) ? await findByPhone(digits, limit) : [];
      const byId = await findByIdNumber(digits, limit);
      return [...byId, ...byPhone.filter((d) => !byId.some((x) => x.id === d.id))].slice(0, limit);
    }
    return searchByName(value, limit);
  }

  async function eventsOf(dossierId: string): Promise<DossierEvent[]> {
    const events = await rangeRead(db.dossier_events, {
      fields: ['dossierId', 'seq'],
      lower: [dossierId, MIN_KEY, MIN_KEY],
      upper: [dossierId, MAX_KEY, MAX_KEY],
    });
    return events.map(stripMeta);
  }

  async function dossierWithEvents(id: string): Promise<{ dossier: Dossier; events: DossierEvent[] } | null> {
    const [dossier, events] = await Promise.all([getDossier(id), eventsOf(id)]);
    return dossier ? { dossier, events } : null;
  }

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
    return serial(async (): Promise<StepResult> => {
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
    });
  }

  return {
    ...directory,
    db,
    /** Events replayed by recovery on this open (0 after a clean shutdown). */
    recovered,
    // reads
    getDossier,
    listQueue,
    listStatuses,
    listOverdue,
    listDueSoon,
    listReceivedBetween,
    listReceivedToday,
    countReceivedToday,
    findByCode,
    searchByName,
    findByIdNumber,
    findByPhone,
    lookup,
    eventsOf,
    dossierWithEvents,
    queueCounts,
    /** Resolves when a background recount started on open (if any) is done. */
    countsReady: () => counts.rebuilding ?? Promise.resolve(),
    rebuildCounts: () => counts.rebuild(),
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
    },
  };
}

/** The key the data database was opened with (RxDB keeps it, non-enumerable, as its password). */
function databaseKey(db: CounterDatabase): string {
  const key = (db.data as { password?: unknown }).password;
  if (typeof key !== 'string') throw new Error('the data database has no key');
  return key;
}

export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;

/**
 * The part of the repository that needs no database key: officers (the login screen), catalogue,
 * office, counter, settings and the code allocator. Web mode uses it alone until an officer logs
 * in and the encrypted part opens; the full repository includes it.
 */
export function createDirectoryRepository(db: DirectoryCollections, deps: RepositoryDeps = {}) {
  const now = deps.now ?? (() => new Date());
  // --- dossier codes (shared/codes): the allocator state is saved before the code is returned ---
  const codeStore = {
    async load(): Promise<CounterCodeState> {
      const doc = await db.settings.findOne(SETTING_KEYS.codeState).exec();
      if (!doc) throw new Error('codes.not_initialised');
      return counterCodeStateSchema.parse(doc.toJSON().value);
    },
    async save(next: CounterCodeState): Promise<void> {
      await db.settings.upsert({ id: SETTING_KEYS.codeState, value: next, updatedAt: now().toISOString() });
    },
  };
  let issuer: CodeIssuer | null = null;
  async function issueCode(receivedAtIso: string): Promise<string> {
    if (!issuer) {
      const state = await codeStore.load();
      issuer = createCodeIssuer(codeStore, deps.deviceId ?? state.deviceId);
    }
    const { code } = await issuer.issue(receivedAtIso);
    return code;
  }
  async function initCodeState(state: CounterCodeState): Promise<void> {
    await codeStore.save(counterCodeStateSchema.parse(state));
    issuer = null;
  }

  // --- catalogue, office, officers, settings ---
  const all = async <T>(collection: { find: () => { exec: () => Promise<{ toJSON: () => unknown }[]> } }) =>
    (await collection.find().exec()).map((d) => stripMeta(d.toJSON() as T));

  async function getSetting<T>(key: string): Promise<T | null> {
    const doc = await db.settings.findOne(key).exec();
    return doc ? (doc.toJSON().value as T) : null;
  }
  async function setSetting(key: string, value: unknown): Promise<void> {
    await db.settings.upsert({ id: key, value, updatedAt: now().toISOString() });
  }

  return {
    issueCode,
    initCodeState,
    // catalogue and office
    listProcedures: () => all<Procedure>(db.procedures),
    getProcedure: async (id: string) =>
      ((await findPlainByIds(db.procedures, [id]))[0] ?? null) as Procedure | null,
    listSectors: () => all<Sector>(db.sectors),
    listOfficers: () => all<Officer>(db.officers),
    /** The province's holiday schedules as synced (see ./holidays.ts for the calendar's form). */
    listHolidaySchedules: () => all<SyncedHolidaySchedule>(db.holidays),
    findOfficerByUsername: async (username: string) => {
      const name = username.trim().toLowerCase();
      const [doc] = await rangeRead(db.officers, {
        fields: ['username'],
        lower: [name, MIN_KEY],
        upper: [name, MAX_KEY],
        limit: 1,
      });
      return doc ? stripMeta(doc) : null;
    },
    getOffice: async (): Promise<Office | null> => {
      const identity = await getSetting<{ officeId: string }>(SETTING_KEYS.counterIdentity);
      const offices = await all<Office>(db.offices);
      return offices.find((o) => o.id === identity?.officeId) ?? offices[0] ?? null;
    },
    getCounter: async (): Promise<Counter | null> => {
      const identity = await getSetting<{ counterId: string }>(SETTING_KEYS.counterIdentity);
      if (!identity) return null;
      return ((await findPlainByIds(db.counters, [identity.counterId]))[0] ?? null) as Counter | null;
    },
    getSetting,
    setSetting,
  };
}

function mergeByDue(items: Dossier[], limit: number): Dossier[] {
  return items
    .sort((a, b) => (a.dueAt === b.dueAt ? (a.id < b.id ? -1 : 1) : a.dueAt < b.dueAt ? -1 : 1))
    .slice(0, limit);
}

function stripMeta<T>(doc: T): T {
  const { _deleted: _d, _rev: _r, _meta: _m, _attachments: _a, ...rest } = doc as T & Record<string, unknown>;
  return rest as T;
}

/**
 * One document written straight through the collection's storage instance (RxDB sets _rev and
 * _meta, and the collection sees the change): one IndexedDB transaction, no extra read. Returns
 * true on a revision conflict (someone else wrote `previous` meanwhile); throws on other errors.
 */
async function writeRow<T extends { id: string }>(
  collection: RxCollection<T>,
  previous: T | null,
  document: T,
): Promise<boolean> {
  const row = {
    ...(previous ? { previous: previous as RxDocumentData<T> } : {}),
    document: {
      ...document,
      _deleted: false,
      _attachments: {},
      _rev: '',
      _meta: { lwt: 0 },
    } as RxDocumentData<T>,
  };
  const result = await collection.storageInstance.bulkWrite([row], 'counter-step');
  const error = result.error[0];
  if (!error) return false;
  if (error.status === 409) return true;
  throw new Error(`write ${collection.name}/${document.id} failed: ${error.status}`);
}

/** Rebuild a dossier from its whole event chain (contiguous 1..n only). True when written. */
async function repairDossier(db: CounterDatabase, dossierId: string): Promise<boolean> {
  const events = (
    await rangeRead(db.dossier_events, {
      fields: ['dossierId', 'seq'],
      lower: [dossierId, MIN_KEY, MIN_KEY],
      upper: [dossierId, MAX_KEY, MAX_KEY],
    })
  ).map(stripMeta);
  // A gap (or a fork) means part of the chain is still on its way: sync will bring and merge it.
  if (events.length === 0 || !events.every((e, i) => e.seq === i + 1)) return false;
  const dossier = replay(events);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [previous] = await findPlainByIds(db.dossiers, [dossierId]);
    if (previous && previous.eventCount >= dossier.eventCount) return false;
    if (!(await writeRow(db.dossiers, previous ?? null, toDossierDoc(dossier)))) return true;
  }
  return false;
}

/**
 * Roll-forward recovery: every event written since the last check whose seq is beyond its dossier's
 * eventCount (a crash between the two writes of a step, or a replicated event whose dossier came
 * later) is applied by replaying the dossier's whole chain. Chains with a gap are left for sync.
 * Returns the number of dossiers repaired.
 */
export async function recover(db: CounterDatabase): Promise<number> {
  const saved = await db.settings.findOne(SETTING_KEYS.recoveryCheckpoint).exec();
  let checkpoint = (saved?.toJSON().value ?? undefined) as { id: string; lwt: number } | undefined;
  let repaired = 0;
  for (;;) {
    const page = await changedSince(db.dossier_events, checkpoint, 2000);
    if (page.documents.length === 0) break;
    checkpoint = page.checkpoint ?? undefined;
    const maxSeq = new Map<string, number>();
    for (const ev of page.documents as unknown as DossierEvent[]) {
      maxSeq.set(ev.dossierId, Math.max(maxSeq.get(ev.dossierId) ?? 0, ev.seq));
    }
    const docs = await findPlainByIds(db.dossiers, [...maxSeq.keys()]);
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const [dossierId, seq] of maxSeq) {
      const current = byId.get(dossierId);
      if (current && current.eventCount >= seq) continue;
      if (await repairDossier(db, dossierId)) repaired++;
    }
  }
  if (checkpoint) {
    await db.settings.upsert({
      id: SETTING_KEYS.recoveryCheckpoint,
      value: checkpoint,
      updatedAt: new Date().toISOString(),
    });
  }
  return repaired;
}

/**
 * Record that every event stored so far is accounted for (after an import or the first full pull
 * from the server, whose dossiers and events are consistent), so the next open's recovery does not
 * walk them. Pages RxDB's change index only.
 */
export async function markRecoveryCheckpoint(db: CounterDatabase): Promise<void> {
  const checkpoint = await latestChange(db.dossier_events);
  if (checkpoint) {
    await db.settings.upsert({
      id: SETTING_KEYS.recoveryCheckpoint,
      value: checkpoint,
      updatedAt: new Date().toISOString(),
    });
  }
}
