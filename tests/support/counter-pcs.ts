// Counter PCs for the numbering integration tests: a whole replica (the app's databases and
// repository), an officer's session on it, the app's backup service over it, and a USB stick that
// carries a backup file from one PC to another.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createSessionStore } from '../../renderer/auth';
import { createCounterDatabase, createCounterRepository, type CounterRepository } from '../../renderer/db';
import { createBackupService } from '../../renderer/features/backup/replica-service';
import type { BackupService } from '../../renderer/features/backup/service';
import type { Session } from '../../renderer/features/session/service';
import type { Platform } from '../../renderer/platform';
import { generateDataKey } from '../../renderer/platform/key';
import type { Office, Officer } from '../../shared/domain';

/** The office the tests' server seeds as office A (tests/integration/harness.ts seedCatalogue). */
export function officeDoc(id: string, agencyCode: string): Office {
  return {
    id,
    agencyCode,
    level: 'commune',
    name: `UBND ${id}`,
    parentName: 'UBND TỈNH HƯNG YÊN',
    address: 'Hưng Yên',
    phone: '',
    updatedAt: '2026-03-02T01:00:00.000Z',
  } as Office;
}

/**
 * A file passed between PCs: the platform's save dialog writes the backup on it, the open dialog
 * reads it back. The only part of the platform the backup service uses besides the log.
 */
export class UsbStick {
  file: Uint8Array | null = null;
  platform(): Platform {
    return {
      kind: 'web',
      appInfo: async () => ({
        name: 'Một cửa',
        version: 'test',
        mode: 'web',
        platform: 'test',
        packaged: false,
        locale: 'vi',
      }),
      exportBackup: async (args: { data: Uint8Array }) => {
        this.file = new Uint8Array(args.data);
        return { saved: true, path: '/media/usb/backup.mcbak' };
      },
      importBackup: async () =>
        this.file
          ? { opened: true, fileName: 'backup.mcbak', data: this.file }
          : ({ opened: false } as const),
      log: () => undefined,
    } as unknown as Platform;
  }
}

export interface CounterPc {
  repo: CounterRepository;
  backup: BackupService;
  session: Session;
  close(): Promise<void>;
}

/**
 * Opens (or reopens: the memory storage keeps a closed database's documents) the replica `name` of
 * a counter PC of `office`, with its supervisor signed in. RxDB's free tier allows 13 open
 * collections per JavaScript context: a whole replica has 10, so close one PC before opening another.
 */
export async function openCounterPc(name: string, office: Office, stick: UsbStick): Promise<CounterPc> {
  const db = await createCounterDatabase({
    name,
    storage: getRxStorageMemory(),
    // Dev mode is global once on: the harness's counters, opened in the same file, run without it.
    devMode: false,
    key: keys.get(name) ?? keys.set(name, generateDataKey()).get(name)!,
  });
  const repo = await createCounterRepository(db);
  await db.offices.upsert(office);
  const supervisor = {
    id: `${office.id}-supervisor`,
    officeId: office.id,
    username: `${office.id}.supervisor`,
    fullName: 'Cán bộ giám sát',
    title: '',
    roles: ['supervisor'],
    active: true,
    verifier: null,
    updatedAt: office.updatedAt,
  } as unknown as Officer;
  const sessions = createSessionStore({ setTimer: () => null, clearTimer: () => undefined });
  sessions.start(supervisor, 'supervisor', office, 'pc');
  const replica = { directory: repo, data: () => repo };
  return {
    repo,
    backup: createBackupService({ replica, sessions, platform: stick.platform() }),
    session: { officer: supervisor, role: 'supervisor', office, counterId: 'pc' },
    async close() {
      await repo.close();
      await db.close();
    },
  };
}
/** Each PC's database key, kept across a reopen (the desktop keeps it in the OS keychain). */
const keys = new Map<string, string>();
