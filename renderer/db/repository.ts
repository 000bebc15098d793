import { getChangedDocumentsSince } from 'rxdb';
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
import type { CounterDatabase } from './database';
import { fromDossierDoc, normalizeIdNumber, normalizePhone, toDossierDoc } from './dossier-doc';
import { findPlainByIds, queryPlain } from './queries';
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
    const range: Record<string, string> = {};
    if (opts.dueFrom) range.$gte = opts.dueFrom;
    if (opts.dueBefore) range.$lt = opts.dueBefore;
    const items: DossierDoc[] = [];
    if (opts.after) {
      // Ties on dueAt (many are due at 17:00) continue by id, then the rest after that instant.
      items.push(
        ...(await queryPlain(dossiers, {
          selector: { status: opts.status, dueAt: opts.after.dueAt, id: { $gt: opts.after.id } },
          sort: [{ status: 'asc' }, { dueAt: 'asc' }, { id: 'asc' }],
          limit,
        })),
      );
      range.$gt = opts.after.dueAt;
      delete range.$gte;
      if (opts.dueFrom && opts.dueFrom > opts.after.dueAt) {
        delete range.$gt;
        range.$gte = opts.dueFrom;
      }
    }
    if (items.length < limit) {
      items.push(
        ...(await queryPlain(dossiers, {
          selector: Object.keys(range).length
            ? { status: opts.status, dueAt: range }
            : { status: opts.status },
          sort: [{ status: 'asc' }, { dueAt: 'asc' }, { id: 'asc' }],
          limit: limit - items.length,
        })),
      );
    }
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
      await queryPlain(dossiers, {
        selector: { receivedAt: { $gte: fromIso, $lt: toIso } },
        sort: [{ receivedAt: 'asc' }, { id: 'asc' }],
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

  async function findByCode(code: string): Promise<Dossier | null> {
    const clean = code.trim().toUpperCase();
    if (!clean) return null;
    const [doc] = await queryPlain(dossiers, {
      selector: { code: clean },
      sort: [{ code: 'asc' }, { id: 'asc' }],
      limit: 1,
    });
    return doc ? fromDossierDoc(doc) : null;
  }

  async function prefixQuery(field: 'applicantSearch' | 'applicantGiven', prefix: string, limit: number) {
    return queryPlain(dossiers, {
      selector: { [field]: { $gte: prefix, $lt: prefix + '\uffff' } },
      sort: [{ [field]: 'asc' }, { id: 'asc' }],
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

  async function findByIdNumber(idNumber: string, limit = 20): Promise<Dossier[]> {
    const clean = normalizeIdNumber(idNumber);
    if (!clean) return [];
    return toList(
      await queryPlain(dossiers, {
        selector: { applicantIdNumber: clean },
        sort: [{ applicantIdNumber: 'asc' }, { id: 'asc' }],
        limit,
      }),
    );
  }

  async function findByPhone(phone: string, limit = 20): Promise<Dossier[]> {
    const clean = normalizePhone(phone);
    if (!clean) return [];
    return toList(
      await queryPlain(dossiers, {
        selector: { applicantPhone: clean },
        sort: [{ applicantPhone: 'asc' }, { id: 'asc' }],
        limit,
      }),
    );
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
    return queryPlain(db.dossier_events, {
      selector: { dossierId },
      sort: [{ dossierId: 'asc' }, { seq: 'asc' }, { id: 'asc' }],
    }).then((events) => events.map(stripMeta));
  }

  async function dossierWithEvents(id: string): Promise<{ dossier: Dossier; events: DossierEvent[] } | null> {
    const [dossier, events] = await Promise.all([getDossier(id), eventsOf(id)]);
    return dossier ? { dossier, events } : null;
  }

  async function queueCounts(): Promise<QueueCounts> {
    await counts.idle();
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
      const current = await getDossier(command.dossierId);
      const decided = decide(current, command, actor, atIso ?? now().toISOString());
      if (!decided.ok) return decided;
      const { dossier, event } = decided;
      await db.dossier_events.insert(structuredClone(event) as DossierEvent);
      await writeDossier(db, dossier, current !== null);
      await counts.idle();
      return { ok: true, dossier, event };
    });
  }

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
    issueCode,
    initCodeState,
    // catalogue and office
    listProcedures: () => all<Procedure>(db.procedures),
    getProcedure: async (id: string) =>
      ((await findPlainByIds(db.procedures, [id]))[0] ?? null) as Procedure | null,
    listSectors: () => all<Sector>(db.sectors),
    listOfficers: () => all<Officer>(db.officers),
    findOfficerByUsername: async (username: string) => {
      const [doc] = await queryPlain(db.officers, {
        selector: { username: username.trim().toLowerCase() },
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
    close: async () => {
      await counts.idle();
      counts.stop();
    },
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

async function writeDossier(db: CounterDatabase, dossier: Dossier, exists: boolean): Promise<void> {
  const doc = toDossierDoc(structuredClone(dossier) as Dossier);
  if (exists) await db.dossiers.upsert(doc);
  else await db.dossiers.insert(doc);
}

/**
 * Roll-forward recovery: every event written since the last check whose seq is beyond its dossier's
 * eventCount (a crash between the two writes of a step, or a replicated event whose dossier came
 * later) is applied by replaying the dossier's whole chain. Chains with a gap are left for sync.
 * Returns the number of dossiers repaired.
 */
export async function recover(db: CounterDatabase): Promise<number> {
  const instance = db.dossier_events.storageInstance;
  const saved = await db.settings.findOne(SETTING_KEYS.recoveryCheckpoint).exec();
  let checkpoint = (saved?.toJSON().value ?? undefined) as { id: string; lwt: number } | undefined;
  let repaired = 0;
  for (;;) {
    const page = await getChangedDocumentsSince(instance, 2000, checkpoint);
    if (page.documents.length === 0) break;
    checkpoint = page.checkpoint as { id: string; lwt: number };
    const maxSeq = new Map<string, number>();
    for (const ev of page.documents as unknown as DossierEvent[]) {
      maxSeq.set(ev.dossierId, Math.max(maxSeq.get(ev.dossierId) ?? 0, ev.seq));
    }
    const docs = await findPlainByIds(db.dossiers, [...maxSeq.keys()]);
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const [dossierId, seq] of maxSeq) {
      const current = byId.get(dossierId);
      if (current && current.eventCount >= seq) continue;
      const events = (
        await queryPlain(db.dossier_events, {
          selector: { dossierId },
          sort: [{ dossierId: 'asc' }, { seq: 'asc' }, { id: 'asc' }],
        })
      ).map(stripMeta);
      // Contiguous 1..n only: a gap means part of the chain is still on its way.
      if (!events.every((e, i) => e.seq === i + 1)) continue;
      const dossier = replay(events);
      await writeDossier(db, dossier, current !== undefined);
      repaired++;
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
