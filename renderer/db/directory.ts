import type { Counter, Office, Officer, Procedure, Sector } from '../../shared/domain';
import type { SyncedHolidaySchedule } from '../../shared/sync/contract';
import {
  createCodeIssuer,
  counterCodeStateSchema,
  type CodeIssuer,
  type CounterCodeState,
} from '../../shared/codes';
import type { DirectoryCollections } from './database';
import { createSerialQueue } from './serial';
import { findPlainByIds, rangeRead, stripMeta, MAX_KEY, MIN_KEY } from './queries';

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
  // Every change of the code state (a code issued, a new state, a lease applied) runs in this one
  // queue, so an enrolment or a background lease never interleaves with a code being issued.
  const serial = createSerialQueue();
  const currentIssuer = async (): Promise<CodeIssuer> => {
    if (!issuer) issuer = createCodeIssuer(codeStore, deps.deviceId ?? (await codeStore.load()).deviceId);
    return issuer;
  };
  function issueCode(receivedAtIso: string): Promise<string> {
    return serial(async () => (await (await currentIssuer()).issue(receivedAtIso)).code);
  }
  function initCodeState(state: CounterCodeState): Promise<void> {
    return serial(async () => {
      await codeStore.save(counterCodeStateSchema.parse(state));
      issuer = null;
    });
  }
  const readCodeState = async (): Promise<CounterCodeState | null> => {
    const doc = await db.settings.findOne(SETTING_KEYS.codeState).exec();
    return doc ? counterCodeStateSchema.parse(doc.toJSON().value) : null;
  };
  /**
   * Replaces the code state by `change(current)` (current: null before any), in the issuing queue;
   * answers the state now held. `change` answering its argument or null writes nothing.
   */
  function updateCodeState(
    change: (current: CounterCodeState | null) => CounterCodeState | null,
  ): Promise<CounterCodeState | null> {
    return serial(async () => {
      const current = await readCodeState();
      const next = change(current);
      if (next === null || next === current) return current;
      await codeStore.save(counterCodeStateSchema.parse(next));
      issuer = null;
      return next;
    });
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
    updateCodeState,
    /** The code state as saved (null before any); read outside the issuing queue. */
    readCodeState,
    /** The device id code states are bound to here (undefined: the one a state already holds). */
    codeDeviceId: deps.deviceId,
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
    findOffice: async (id: string): Promise<Office | null> =>
      ((await findPlainByIds(db.offices, [id]))[0] ?? null) as Office | null,
    getCounter: async (): Promise<Counter | null> => {
      const identity = await getSetting<{ counterId: string }>(SETTING_KEYS.counterIdentity);
      if (!identity) return null;
      return ((await findPlainByIds(db.counters, [identity.counterId]))[0] ?? null) as Counter | null;
    },
    getSetting,
    setSetting,
  };
}
