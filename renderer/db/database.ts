import {
  addRxPlugin,
  createRxDatabase,
  getAllCollectionDocuments,
  type RxCollection,
  type RxDatabase,
  type RxDocumentData,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type { Counter, DossierEvent, Office, Officer, Procedure, Sector } from '../../shared/domain';
import type { SyncedHolidaySchedule } from '../../shared/sync/contract';
import { blindIndexStorage } from './blind-index-storage';
import { fieldCipherFor, forgetFieldCipher } from './field-cipher';
import { fieldEncryptionStorage } from './field-encryption-storage';
import { removeRetiredStores } from './retired-stores';
import { fromDossierDoc, givenNameKey, toDossierDoc } from './dossier-doc';
import { createBlindIndexer, DOSSIER_ENCRYPTED_PATHS, EVENT_ENCRYPTED_PATHS } from './personal-data';
import { changedSince, type ChangeCheckpoint } from './queries';
import {
  counterRxSchema,
  countsRxSchema,
  dossierEventRxSchema,
  dossierRxSchema,
  dossierSchemaV1,
  holidayRxSchema,
  officeRxSchema,
  officerRxSchema,
  procedureRxSchema,
  sectorRxSchema,
  settingRxSchema,
  withEncryptedFields,
  type CountsDoc,
  type DossierDoc,
  type LegacyDossierDoc,
  type SettingDoc,
} from './schemas';

addRxPlugin(RxDBMigrationSchemaPlugin);

/** Opened before anyone logs in: the login screen needs the officers' verifiers. No personal data. */
export type DirectoryCollections = {
  procedures: RxCollection<Procedure>;
  sectors: RxCollection<Sector>;
  officers: RxCollection<Officer>;
  offices: RxCollection<Office>;
  counters: RxCollection<Counter>;
  settings: RxCollection<SettingDoc>;
  /** The province's holiday schedules (read-only here: pulled from the server). */
  holidays: RxCollection<SyncedHolidaySchedule>;
};
/** Applicants' personal data: opened with the database key, personal fields encrypted at rest. */
export type DataCollections = {
  dossiers: RxCollection<DossierDoc>;
  dossier_events: RxCollection<DossierEvent>;
  counts: RxCollection<CountsDoc>;
};
export type CounterCollections = DirectoryCollections & DataCollections;
export type DirectoryDatabase = RxDatabase<DirectoryCollections>;
export type DataDatabase = RxDatabase<DataCollections>;

/**
 * The counter's replica: two RxDB databases seen as one set of collections. The directory
 * (`<name>`) opens without a key; the data (`<name>-data`) only with the database key, because
 * web mode can unwrap that key only once an officer has logged in.
 */
export type CounterDatabase = CounterCollections & {
  readonly name: string;
  readonly directory: DirectoryDatabase;
  readonly data: DataDatabase;
  readonly closed: boolean;
  /** Closes both databases. */
  close(): Promise<void>;
};

/** Schema versions and their migrations, in one place so the migration test uses the same. */
export const dossierMigrations = {
  /** v1 added the given-name index key. */
  1: (old: Record<string, unknown>) => ({
    ...old,
    applicantGiven: givenNameKey(String(old.applicantSearch ?? '')),
  }),
  /** v2 dropped the plaintext ID number / phone lookup fields (a keyed blind index replaced them). */
  2: (old: Record<string, unknown>) => {
    const { applicantIdNumber: _a, applicantPhone: _p, ...rest } = old;
    return rest;
  },
  /**
   * v3 added the procedure version and the clock-restart count, both optional: an older dossier
   * keeps neither (the version in force at its receipt applies; its clock counts as never restarted).
   */
  3: (old: Record<string, unknown>) => old,
};

/** v1 added the procedure's versions, optional: an older procedure is its version 1 alone. */
export const procedureMigrations = {
  1: (old: Record<string, unknown>) => old,
};

/** Officers' schema versions: v1 added the password state, none set for an officer synced before. */
export const officerMigrations = {
  1: (old: Record<string, unknown>) => ({
    ...old,
    signingKey: null,
    mustChangePassword: false,
    passwordChangedAt: null,
  }),
};

type StorageOptions = {
  /** getRxStorageDexie() in production, getRxStorageMemory() in unit tests. */
  storage: RxStorage<unknown, unknown>;
  /** Default false; the app runs one window per profile. */
  multiInstance?: boolean;
  /** Development builds add RxDB dev-mode + schema validation unless this is false. */
  devMode?: boolean;
};

export type CreateCounterDatabaseOptions = StorageOptions & {
  /** IndexedDB database name (one per office/profile); the data database is `<name>-data`. */
  name: string;
  /** The database key (renderer/platform getDatabaseKey, or web mode's unwrapped data key). */
  key: string;
};

async function devStorage(storage: RxStorage<unknown, unknown>, devMode?: boolean) {
  if (import.meta.env.DEV && devMode !== false) {
    const { enableDevMode } = await import('./dev-mode');
    return enableDevMode(storage);
  }
  return storage;
}

const DIRECTORY_COLLECTIONS = {
  procedures: { schema: procedureRxSchema, migrationStrategies: procedureMigrations },
  sectors: { schema: sectorRxSchema },
  officers: { schema: officerRxSchema, migrationStrategies: officerMigrations },
  offices: { schema: officeRxSchema },
  counters: { schema: counterRxSchema },
  settings: { schema: settingRxSchema },
  holidays: { schema: holidayRxSchema },
};

/** The part of the replica that opens without a key (officers, catalogue, office, settings). */
export async function openDirectoryDatabase(
  opts: StorageOptions & { name: string },
): Promise<DirectoryDatabase> {
  const db = await createRxDatabase<DirectoryCollections>({
    name: opts.name,
    storage: await devStorage(opts.storage, opts.devMode),
    multiInstance: opts.multiInstance ?? false,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections(DIRECTORY_COLLECTIONS);
  return db;
}

/** The synced collections' schemas as the data database declares them: personal paths encrypted. */
export const encryptedDossierRxSchema = withEncryptedFields(dossierRxSchema, DOSSIER_ENCRYPTED_PATHS);
export const encryptedEventRxSchema = withEncryptedFields(dossierEventRxSchema, EVENT_ENCRYPTED_PATHS);

/**
 * The storage of the data database over the platform's (Dexie, or memory in tests): personal fields
 * encrypted under the database key (field-cipher.ts) and the blind index beside them. Also what the
 * sync tests' and the benchmark's counters use, so they store what a counter stores.
 */
export function personalDataStorage<I, C>(storage: RxStorage<I, C>, key: string): RxStorage<I, C> {
  return blindIndexStorage(fieldEncryptionStorage(storage, fieldCipherFor(key)), createBlindIndexer(key));
}

/**
 * Opens the encrypted part of the replica under `key` and joins it with the directory. A replica
 * made before encryption (dossiers, events and counts in the directory database, in clear) is
 * moved in here first. A wrong key fails here (RxDB checks a hash of it), never later.
 */
export async function openDataDatabase(
  directory: DirectoryDatabase,
  opts: StorageOptions & { key: string },
): Promise<CounterDatabase> {
  const storage = personalDataStorage(opts.storage, opts.key);
  const data = await createRxDatabase<DataCollections>({
    name: `${directory.name}-data`,
    storage: await devStorage(storage, opts.devMode),
    password: opts.key,
    multiInstance: opts.multiInstance ?? false,
    eventReduce: true,
    closeDuplicates: true,
  });
  // The cipher remembers recent personal values: they go with the database.
  data.onClose.push(() => forgetFieldCipher(opts.key));
  try {
    await data.addCollections({
      dossiers: {
        schema: encryptedDossierRxSchema,
        migrationStrategies: dossierMigrations,
      },
      dossier_events: { schema: encryptedEventRxSchema },
      counts: { schema: countsRxSchema },
    });
  } catch (error) {
    await data.close();
    throw error;
  }
  const db = joinDatabases(directory, data);
  await removeRetiredStores(data.name);
  try {
    await moveLegacyReplica(db);
  } catch (error) {
    // Left as it was (the clear copy is removed only once moved): the next open tries again.
    await data.close();
    throw error;
  }
  return db;
}

/** Both parts at once: the desktop (key from the OS keychain), tests and the bench. */
export async function createCounterDatabase(opts: CreateCounterDatabaseOptions): Promise<CounterDatabase> {
  const directory = await openDirectoryDatabase(opts);
  try {
    return await openDataDatabase(directory, opts);
  } catch (error) {
    await directory.close();
    throw error;
  }
}

function joinDatabases(directory: DirectoryDatabase, data: DataDatabase): CounterDatabase {
  return {
    procedures: directory.procedures,
    sectors: directory.sectors,
    officers: directory.officers,
    offices: directory.offices,
    counters: directory.counters,
    settings: directory.settings,
    holidays: directory.holidays,
    dossiers: data.dossiers,
    dossier_events: data.dossier_events,
    counts: data.counts,
    name: directory.name,
    directory,
    data,
    get closed() {
      return directory.closed || data.closed;
    },
    async close() {
      await data.close();
      await directory.close();
    },
  };
}

const LEGACY_PAGE = 2000;

/** Copies every row of a legacy collection (page by page, in change order) and removes it. */
async function drainLegacy<T extends { id: string }>(
  legacy: RxCollection<T>,
  write: (docs: T[]) => Promise<void>,
): Promise<number> {
  let checkpoint: ChangeCheckpoint | null = null;
  let moved = 0;
  for (;;) {
    const page: Awaited<ReturnType<typeof changedSince<T>>> = await changedSince(
      legacy,
      checkpoint,
      LEGACY_PAGE,
    );
    if (page.documents.length === 0) break;
    checkpoint = page.checkpoint;
    const live = page.documents.filter((d) => !(d as { _deleted?: boolean })._deleted);
    await write(live.map((d) => stripRxFields(d) as T));
    moved += live.length;
  }
  // Removes the collection's storage and its replication state (RxDB's connected storages).
  await legacy.remove();
  return moved;
}

function stripRxFields<T>(doc: T): T {
  const { _deleted: _d, _rev: _r, _meta: _m, _attachments: _a, ...rest } = doc as T & Record<string, unknown>;
  return rest as T;
}

/** Inserts through the storage (an import: no hooks); a row already moved by an interrupted run is kept. */
async function importRows<T>(collection: RxCollection<T>, docs: T[]): Promise<void> {
  if (docs.length === 0) return;
  const rows = docs.map((d) => ({
    document: { ...d, _deleted: false, _attachments: {}, _rev: '', _meta: { lwt: 0 } } as RxDocumentData<T>,
  }));
  const res = await collection.storageInstance.bulkWrite(rows, 'legacy-move');
  const failed = res.error.find((e) => e.status !== 409);
  if (failed) throw new Error(`moving ${collection.name}/${failed.documentId} failed: ${failed.status}`);
}

/**
 * Replicas made before encryption kept dossiers, events and counts in the directory database, in
 * clear. Move them into the encrypted database (events first: recovery rebuilds any dossier whose
 * copy is missing), then delete the plaintext storages. Safe to interrupt: it reruns on next open.
 */
export async function moveLegacyReplica(db: CounterDatabase): Promise<{ dossiers: number; events: number }> {
  const known = new Set(
    (await getAllCollectionDocuments(db.directory.internalStore)).map(
      (d) => (d.data as { name: string }).name,
    ),
  );
  const directory = db.directory as unknown as RxDatabase<Record<string, RxCollection>>;
  let events = 0;
  let dossiers = 0;
  if (known.has('dossier_events')) {
    const { dossier_events } = await directory.addCollections({
      dossier_events: { schema: dossierEventRxSchema },
    });
    events = await drainLegacy(dossier_events as RxCollection<DossierEvent>, (docs) =>
      importRows(db.dossier_events, docs),
    );
  }
  if (known.has('dossiers')) {
    const { dossiers: legacy } = await directory.addCollections({
      dossiers: { schema: dossierSchemaV1, migrationStrategies: { 1: dossierMigrations[1] } },
    });
    dossiers = await drainLegacy(legacy as RxCollection<LegacyDossierDoc>, (docs) =>
      importRows(
        db.dossiers,
        docs.map((d) => toDossierDoc(fromDossierDoc(d))),
      ),
    );
  }
  if (known.has('counts')) {
    const { counts } = await directory.addCollections({ counts: { schema: countsRxSchema } });
    await (counts as RxCollection).remove();
  }
  return { dossiers, events };
}
