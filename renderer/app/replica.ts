import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Officer } from '../../shared/domain';
import {
  createCounterRepository,
  createDirectoryRepository,
  openDataDatabase,
  openDirectoryDatabase,
  type CounterDatabase,
  type CounterRepository,
  type DirectoryDatabase,
  type Replica,
} from '../db';
import { createDataKeyring } from '../auth';
import { DataKeyError, getPlatform, type DataKeyWrap } from '../platform';
import { i18next } from '../i18n';
import { startCounterSync, syncHost } from '../features/sync';
import { scanHost } from '../features/scans/host';

const DB_NAME = 'motcua';
/** Fault injection for the end-to-end crash test (see tests/e2e/crash.spec.ts): stall dossier writes. */
const STALL_FLAG = 'motcua.e2e.stallDossierWrite';
/** Where web mode keeps the officers' wraps of the data key (directory settings; sealed, see auth). */
const DATA_KEY_WRAPS_SETTING = 'crypto.dataKeyWraps';

/** A login that cannot open the encrypted replica: the message is already translated. */
class DataLocked extends Error {}

function isWrongKey(error: unknown): boolean {
  // RxDB keeps a hash of the key: DB1 means this replica was made under another key.
  return (error as { code?: unknown } | null)?.code === 'DB1';
}

/**
 * Test hooks: mark every event written, and optionally never finish the dossier write after it.
 * Only in bundles built for the end-to-end tests (VITE_E2E_FAULTS=1, set by playwright.config.ts):
 * a shipped app has no switch that stops it recording dossiers.
 */
function installFaultInjection(repo: CounterRepository): void {
  if (import.meta.env.VITE_E2E_FAULTS !== '1') return;
  let stall = false;
  try {
    stall = localStorage.getItem(STALL_FLAG) === '1';
  } catch {
    return;
  }
  if (!stall) return;
  let written = 0;
  repo.db.dossier_events.postInsert(() => {
    written += 1;
    document.body.dataset.eventsWritten = String(written);
  }, false);
  const never = () => new Promise<void>(() => undefined);
  repo.db.dossiers.preSave(never, false);
  repo.db.dossiers.preInsert(never, false);
}

export interface CounterReplica extends Replica {
  readonly directoryDb: DirectoryDatabase;
  isDataOpen(): boolean;
  /** Calls back whenever dossiers change (local writes or sync), also once the data opens later. */
  onChange(listener: () => void): () => void;
  /** Web mode's first run: makes the data key, wraps it for these officers and opens the data. */
  createDataKey(accounts: { officer: Officer; password: string }[]): Promise<void>;
  /** Web mode: opens the data with this officer's wrap of the key; nothing on the desktop. */
  unlockData(officer: Officer, password: string): Promise<void>;
}

/**
 * Opens the local replica. The directory (officers, catalogue, settings) opens at once, for the
 * login screen; the dossiers, their events and counts are encrypted and open with the database
 * key. The desktop gets that key from the OS keychain at start; web mode unwraps it at the first
 * login with that officer's password (renderer/auth/data-key.ts) and keeps it in memory.
 */
export async function openCounterReplica(): Promise<CounterReplica> {
  const platform = getPlatform();
  const storage = getRxStorageDexie();
  const directoryDb = await openDirectoryDatabase({ name: DB_NAME, storage });
  const directory = createDirectoryRepository(directoryDb);
  let repo: CounterRepository | null = null;
  const changeListeners = new Set<() => void>();
  const detachers = new Map<() => void, () => void>();

  async function openData(key: string): Promise<void> {
    if (repo) return;
    let db: CounterDatabase;
    try {
      db = await openDataDatabase(directoryDb, { storage, key });
    } catch (error) {
      if (isWrongKey(error)) throw new DataLocked(i18next.t('auth.data_key_mismatch'));
      throw error;
    }
    const opened = await createCounterRepository(db);
    // Scan files are encrypted under the same data key (before sync starts their upload queue).
    await scanHost.open(key);
    repo = opened;
    installFaultInjection(opened);
    // Replication runs beside the counter's work, never in its way: a failure to start is logged only.
    startCounterSync(opened, syncHost).catch((error: unknown) => console.warn('sync not started', error));
    (window as unknown as { __motcuaRecovered?: number }).__motcuaRecovered = opened.recovered;
    document.body.dataset.recovered = String(opened.recovered);
    for (const listener of changeListeners) detachers.set(listener, opened.onChange(listener));
  }

  const keyring = createDataKeyring({
    load: async () =>
      (await directory.getSetting<{ wraps: DataKeyWrap[] }>(DATA_KEY_WRAPS_SETTING))?.wraps ?? [],
    save: (wraps) => directory.setSetting(DATA_KEY_WRAPS_SETTING, { wraps }),
  });
  // The desktop's key does not depend on who logs in (safeStorage keeps it for the OS account).
  if (platform.kind === 'desktop') await openData(await platform.getDatabaseKey());

  return {
    directory,
    directoryDb,
    data() {
      if (!repo) throw new DataLocked(i18next.t('auth.data_locked'));
      return repo;
    },
    isDataOpen: () => repo !== null,
    onChange(listener) {
      // Screens may subscribe before web mode's data is open: attach when it opens.
      changeListeners.add(listener);
      if (repo) detachers.set(listener, repo.onChange(listener));
      return () => {
        changeListeners.delete(listener);
        detachers.get(listener)?.();
        detachers.delete(listener);
      };
    },
    async createDataKey(accounts) {
      await keyring.create(accounts, openData);
    },
    async unlockData(officer, password) {
      if (platform.kind !== 'web') return;
      try {
        await keyring.unlock(officer, password, openData);
      } catch (error) {
        if (error instanceof DataKeyError)
          throw new DataLocked(
            i18next.t(error.code === 'no_wrap' ? 'auth.data_key_no_wrap' : 'auth.data_key_stale'),
          );
        throw error;
      }
    },
  };
}
