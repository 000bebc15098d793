import type pg from 'pg';
import { AdminAccounts } from './admin/accounts';
import { OfficeAdmin } from './admin/offices';
import { OfficerAdmin } from './admin/officers';
import { CatalogueStore } from './catalogue/store';
import { DEFAULT_CLOCK_SKEW_S, scansDirOf } from './config';
import { CodeLeaseStore } from './codes/store';
import { ConflictStore } from './conflicts/store';
import { NoticeListener } from './db/listener';
import { WriteLock } from './db/write-lock';
import { DeviceStore } from './devices/store';
import { OfficerStore } from './officers/store';
import { ChangeNotices } from './replication/notices';
import { ReplicationStore } from './replication/store';
import { ScanStore } from './scans/store';

/** The server's stores over one pool: what the routes, the CLI and the tests use. */
export interface Stores {
  pool: pg.Pool;
  /** Hears revocations and changes made by other server processes once buildApp starts it. */
  listener: NoticeListener;
  devices: DeviceStore;
  replication: ReplicationStore;
  conflicts: ConflictStore;
  catalogue: CatalogueStore;
  codes: CodeLeaseStore;
  officers: OfficerStore;
  /** The admin console's accounts and changes (server/admin), each audited. */
  admin: { accounts: AdminAccounts; offices: OfficeAdmin; officers: OfficerAdmin };
  /** Scan files (a folder, each file named by its SHA-256). */
  scans: ScanStore;
}

/**
 * The stores of one server process. The replication and the catalogue share one WRITE queue (both
 * write documents) and one notice sender.
 */
export interface StoreOptions {
  /** How far ahead of the server's clock a pushed event may be dated (ms). */
  clockSkewMs?: number;
  /** The scan files' folder (SCANS_DIR; default under the server's data folder). */
  scansDir?: string;
}

export function openStores(pool: pg.Pool, options: StoreOptions = {}): Stores {
  const listener = new NoticeListener(pool);
  const writeLock = new WriteLock(pool);
  const notices = new ChangeNotices(listener);
  const codes = new CodeLeaseStore(pool);
  const devices = new DeviceStore(pool, listener, codes);
  const officers = new OfficerStore(pool, writeLock, notices);
  return {
    pool,
    listener,
    devices,
    replication: new ReplicationStore(pool, writeLock, notices, {
      clockSkewMs: options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_S * 1000,
    }),
    conflicts: new ConflictStore(pool),
    catalogue: new CatalogueStore(writeLock, notices),
    codes,
    officers,
    admin: {
      accounts: new AdminAccounts(pool),
      offices: new OfficeAdmin(pool, writeLock, notices, devices),
      officers: new OfficerAdmin(pool, writeLock, notices, officers),
    },
    scans: new ScanStore(pool, options.scansDir ?? scansDirOf()),
  };
}
