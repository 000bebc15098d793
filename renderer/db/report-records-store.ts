import Dexie, { type Table } from 'dexie';
import type { ReportRecord } from '../../shared/reports';
import type { ChangeCheckpoint } from './queries';

/**
 * Where the report records live: a Dexie database of their own beside the replica (`<data>-reports`,
 * so one per office/profile, as the scan store is). The records hold no personal data (instants,
 * ids, the dossier code and procedure name, the rating level), so they need neither the replica's
 * encryption nor RxDB's document layer, and they take none of RxDB's collections.
 */

/** `lastAt` of a dossier still open: it reaches into every period after its receipt. */
export const OPEN_UNTIL = '9999-12-31T23:59:59.999Z';

/** One dossier's record, with the two instants a period's read is answered by. */
export type StoredReportRecord = {
  id: string;
  /** The latest instant the record counts at (OPEN_UNTIL while the dossier is open): indexed. */
  lastAt: string;
  /** The dossier's own receipt instant ('' before one). */
  receivedOn: string;
  record: ReportRecord;
};

/**
 * As IndexedDB holds it: the record as JSON text. A period reads tens of thousands of records, and
 * one string per record comes out of IndexedDB and through JSON.parse much faster than the same
 * record as an object of some twenty fields and arrays through the structured clone.
 */
type StoredRow = Omit<StoredReportRecord, 'record'> & { json: string };

/** The change checkpoints of the replica already applied to the records. */
export type Checkpoints = { dossiers: ChangeCheckpoint | null; events: ChangeCheckpoint | null };

type StoreState = { key: 'state'; replica: string; checkpoints: Checkpoints };

class ReportRecordsDatabase extends Dexie {
  records!: Table<StoredRow, string>;
  meta!: Table<StoreState, string>;
  constructor(name: string) {
    super(name);
    // Every period's read is "lastAt at or after the period's start (or the judged moment)": the open
    // dossiers sit at the index's end, those closed before the period are never read.
    this.version(1).stores({ records: 'id, lastAt', meta: 'key' });
  }
}

/** Records per bulkPut transaction of a rebuild: large, so a rebuild is a few transactions. */
export const STORE_WRITE_CHUNK = 10_000;

export type ReportRecordsStore = {
  /** The checkpoints saved with the records, null when none (a rebuild is due). */
  checkpoints(): Promise<Checkpoints | null>;
  saveCheckpoints(checkpoints: Checkpoints): Promise<void>;
  /** Writes (or replaces) records and removes those of the `gone` dossiers, in one transaction. */
  write(records: StoredReportRecord[], gone?: string[]): Promise<void>;
  /** Empties the store and forgets the checkpoints (before a rebuild). */
  clear(): Promise<void>;
  /** The records whose `lastAt` is at or after `from` and received in [receivedSince, until). */
  reaching(from: string, receivedSince: string, until: string): Promise<ReportRecord[]>;
  count(): Promise<number>;
  close(): void;
};

/** The store's database name for a replica's data database. */
export const reportRecordsStoreName = (dataName: string): string => `${dataName}-reports`;

/**
 * Opens the store of the replica `replica` (RxDB's storage token of the data database: it is made
 * with the database, so a replica deleted and made again under the same name starts a new store).
 */
export async function openReportRecordsStore(name: string, replica: string): Promise<ReportRecordsStore> {
  const db = new ReportRecordsDatabase(name);
  await db.open();
  const state = await db.meta.get('state');
  if (state && state.replica !== replica) {
    await db.transaction('rw', db.records, db.meta, async () => {
      await db.records.clear();
      await db.meta.clear();
    });
  }
  return {
    async checkpoints() {
      const saved = await db.meta.get('state');
      return saved && saved.replica === replica ? saved.checkpoints : null;
    },
    async saveCheckpoints(checkpoints) {
      await db.meta.put({ key: 'state', replica, checkpoints });
    },
    async write(records, gone = []) {
      await db.transaction('rw', db.records, async () => {
        if (records.length > 0)
          await db.records.bulkPut(
            records.map(({ record, ...row }) => ({ ...row, json: JSON.stringify(record) })),
          );
        if (gone.length > 0) await db.records.bulkDelete(gone);
      });
    },
    async clear() {
      await db.transaction('rw', db.records, db.meta, async () => {
        await db.records.clear();
        await db.meta.clear();
      });
    },
    async reaching(from, receivedSince, until) {
      const rows = await db.records.where('lastAt').aboveOrEqual(from).toArray();
      const out: ReportRecord[] = [];
      for (const row of rows) {
        if (row.receivedOn >= receivedSince && row.receivedOn < until)
          out.push(JSON.parse(row.json) as ReportRecord);
      }
      return out;
    },
    count: () => db.records.count(),
    close: () => db.close(),
  };
}
