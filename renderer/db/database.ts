import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type { Counter, DossierEvent, Office, Officer, Procedure, Sector } from '../../shared/domain';
import { givenNameKey } from './dossier-doc';
import {
  counterRxSchema,
  countsRxSchema,
  dossierEventRxSchema,
  dossierRxSchema,
  officeRxSchema,
  officerRxSchema,
  procedureRxSchema,
  sectorRxSchema,
  settingRxSchema,
  type CountsDoc,
  type DossierDoc,
  type SettingDoc,
} from './schemas';

addRxPlugin(RxDBMigrationSchemaPlugin);

export type CounterCollections = {
  dossiers: RxCollection<DossierDoc>;
  dossier_events: RxCollection<DossierEvent>;
  procedures: RxCollection<Procedure>;
  sectors: RxCollection<Sector>;
  officers: RxCollection<Officer>;
  offices: RxCollection<Office>;
  counters: RxCollection<Counter>;
  settings: RxCollection<SettingDoc>;
  counts: RxCollection<CountsDoc>;
};
export type CounterDatabase = RxDatabase<CounterCollections>;

/** Schema versions and their migrations, in one place so the migration test uses the same. */
export const dossierMigrations = {
  /** v1 added the given-name index key. */
  1: (old: Record<string, unknown>) => ({
    ...old,
    applicantGiven: givenNameKey(String(old.applicantSearch ?? '')),
  }),
};

export type CreateCounterDatabaseOptions = {
  /** IndexedDB database name (one per office/profile). */
  name: string;
  /** getRxStorageDexie() in production, getRxStorageMemory() in unit tests. */
  storage: RxStorage<unknown, unknown>;
  /** Default true in the browser; the bench and unit tests use one instance. */
  multiInstance?: boolean;
  /** Development builds add RxDB dev-mode + schema validation unless this is false. */
  devMode?: boolean;
};

/**
 * Opens (or creates) the counter's local replica. Adds dev-mode only in development builds
 * (import.meta.env.DEV), so production bundles never contain it.
 */
export async function createCounterDatabase(opts: CreateCounterDatabaseOptions): Promise<CounterDatabase> {
  let storage = opts.storage;
  if (import.meta.env.DEV && opts.devMode !== false) {
    const { enableDevMode } = await import('./dev-mode');
    storage = enableDevMode(storage);
  }
  const db = await createRxDatabase<CounterCollections>({
    name: opts.name,
    storage,
    multiInstance: opts.multiInstance ?? false,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    dossiers: { schema: dossierRxSchema, migrationStrategies: dossierMigrations },
    dossier_events: { schema: dossierEventRxSchema },
    procedures: { schema: procedureRxSchema },
    sectors: { schema: sectorRxSchema },
    officers: { schema: officerRxSchema },
    offices: { schema: officeRxSchema },
    counters: { schema: counterRxSchema },
    settings: { schema: settingRxSchema },
    counts: { schema: countsRxSchema },
  });
  return db;
}
