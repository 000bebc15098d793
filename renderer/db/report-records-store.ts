import Dexie, { type Table } from 'dexie';
import type { ReportRecord } from '../../shared/reports';
import type { ChangeCheckpoint } from './queries';

/**
 * Where the report records live: a Dexie database of their own beside the replica (`<data>-reports`,
 * so one per office/profile, as the scan store is). The records hold no personal data (instants,
 * ids, the dossier code and procedure name, the rating level), so they need neither the replica's
 * encryption nor RxDB's document layer, and they take none of RxDB's collections.
 *
 * A year's report reads every record reaching into the year, and IndexedDB's cost is per row: so
 * the records of closed dossiers are packed, one row per UTC day of their `lastAt` holding them all
 * as one JSON text, and a period reads a few hundred packs. An open dossier changes often and
 * reaches into every later period: it stays a row of its own until it closes. `placed` says where
 * each record is (its pack's day, or OPEN_PLACE), so a rewrite takes it out of its old place.
 */

/** `lastAt` of a dossier still open: it reaches into every period after its receipt. */
export const OPEN_UNTIL = '9999-12-31T23:59:59.999Z';

/** One dossier's record, with the two instants a period's read is answered by. */
export type StoredReportRecord = {
  id: string;
  /** The latest instant the record counts at (OPEN_UNTIL while the dossier is open). */
  lastAt: string;
  /** The dossier's own receipt instant ('' before one). */
  receivedOn: string;
  record: ReportRecord;
};

/**
 * An open dossier's row: its record as JSON text (one string through IndexedDB and JSON.parse is
 * much faster than an object of some twenty fields and arrays through the structured clone).
 */
type OpenRow = { id: string; receivedOn: string; json: string };
/** The closed records whose `lastAt` falls on `day` ('YYYY-MM-DD', UTC), as one JSON array text. */
type PackRow = { day: string; json: string };
/** Where a record is: its pack's day, or OPEN_PLACE for a row of its own. */
type PlacedRow = { id: string; day: string };

const OPEN_PLACE = 'open';

/** The pack of a closed record: the UTC day of its `lastAt`, a prefix of the ISO instant. */
const dayOf = (lastAt: string): string => lastAt.slice(0, 10);
/** A pack's order: a read returns closed records by lastAt (then id), the open ones after them. */
const byLastAtThenId = (a: StoredReportRecord, b: StoredReportRecord): number =>
  a.lastAt < b.lastAt ? -1 : a.lastAt > b.lastAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const placeOf = (row: StoredReportRecord): string =>
  row.lastAt === OPEN_UNTIL ? OPEN_PLACE : dayOf(row.lastAt);

/** The change checkpoints of the replica already applied to the records. */
export type Checkpoints = { dossiers: ChangeCheckpoint | null; events: ChangeCheckpoint | null };

type StoreState = { key: 'state'; replica: string; checkpoints: Checkpoints };

class ReportRecordsDatabase extends Dexie {
  openRecords!: Table<OpenRow, string>;
  packs!: Table<PackRow, string>;
  placed!: Table<PlacedRow, string>;
  meta!: Table<StoreState, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ records: 'id, lastAt', meta: 'key' });
    // Packs: a store from before them loses its rows and its checkpoints, so the tracker's
    // "no checkpoints" path rebuilds every record (with progress) on the next open.
    this.version(2)
      .stores({ records: null, openRecords: 'id', packs: 'day', placed: 'id', meta: 'key' })
      .upgrade((tx) => tx.table('meta').clear());
  }
}

/** Records per write of a rebuild: large, so a rebuild is a few transactions. */
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
  const tables = [db.openRecords, db.packs, db.placed, db.meta];
  const clear = () =>
    db.transaction('rw', tables, async () => {
      await Promise.all(tables.map((table) => table.clear()));
    });
  const state = await db.meta.get('state');
  if (state && state.replica !== replica) await clear();
  return {
    async checkpoints() {
      const saved = await db.meta.get('state');
      return saved && saved.replica === replica ? saved.checkpoints : null;
    },
    async saveCheckpoints(checkpoints) {
      await db.meta.put({ key: 'state', replica, checkpoints });
    },
    write: (records, gone = []) => writeRecords(db, records, gone),
    clear,
    async reaching(from, receivedSince, until) {
      const counts = (row: { receivedOn: string }) =>
        row.receivedOn >= receivedSince && row.receivedOn < until;
      const out: ReportRecord[] = [];
      // A pack's day is a prefix of its records' lastAt: a record at or after `from` is in a pack
      // at or after from's day; the pack of from's own day also holds earlier ones, filtered here.
      const packs = await db.packs.where('day').aboveOrEqual(dayOf(from)).toArray();
      for (const pack of packs) {
        for (const entry of JSON.parse(pack.json) as StoredReportRecord[]) {
          if (entry.lastAt >= from && counts(entry)) out.push(entry.record);
        }
      }
      for (const row of await db.openRecords.toArray()) {
        if (counts(row)) out.push(JSON.parse(row.json) as ReportRecord);
      }
      return out;
    },
    count: () => db.placed.count(),
    close: () => db.close(),
  };
}

/**
 * One transaction: where each written or gone record was (`placed`), the packs it leaves and
 * joins read and rewritten once each, open rows put or deleted.
 */
async function writeRecords(
  db: ReportRecordsDatabase,
  records: StoredReportRecord[],
  gone: string[],
): Promise<void> {
  if (records.length === 0 && gone.length === 0) return;
  await db.transaction('rw', db.openRecords, db.packs, db.placed, async () => {
    const ids = [...records.map((r) => r.id), ...gone];
    const before = new Map<string, string>();
    for (const row of await db.placed.bulkGet(ids)) if (row) before.set(row.id, row.day);
    const days = new Set<string>();
    for (const day of before.values()) if (day !== OPEN_PLACE) days.add(day);
    for (const row of records) if (row.lastAt !== OPEN_UNTIL) days.add(dayOf(row.lastAt));
    const dayList = [...days];
    const packs = new Map<string, Map<string, StoredReportRecord>>();
    const stored = await db.packs.bulkGet(dayList);
    dayList.forEach((day, i) => {
      const json = stored[i]?.json;
      const entries = json ? (JSON.parse(json) as StoredReportRecord[]) : [];
      packs.set(day, new Map(entries.map((entry) => [entry.id, entry])));
    });
    const leftOpen: string[] = [];
    for (const [id, day] of before) {
      if (day === OPEN_PLACE) leftOpen.push(id);
      else packs.get(day)?.delete(id);
    }
    const opened: OpenRow[] = [];
    for (const row of records) {
      if (row.lastAt === OPEN_UNTIL)
        opened.push({ id: row.id, receivedOn: row.receivedOn, json: JSON.stringify(row.record) });
      else packs.get(dayOf(row.lastAt))?.set(row.id, row);
    }
    const full: PackRow[] = [];
    const empty: string[] = [];
    for (const [day, entries] of packs) {
      if (entries.size === 0) empty.push(day);
      else full.push({ day, json: JSON.stringify([...entries.values()].sort(byLastAtThenId)) });
    }
    const stillOpen = new Set(opened.map((row) => row.id));
    const openGone = leftOpen.filter((id) => !stillOpen.has(id));
    if (openGone.length > 0) await db.openRecords.bulkDelete(openGone);
    if (opened.length > 0) await db.openRecords.bulkPut(opened);
    if (empty.length > 0) await db.packs.bulkDelete(empty);
    if (full.length > 0) await db.packs.bulkPut(full);
    if (gone.length > 0) await db.placed.bulkDelete(gone);
    if (records.length > 0)
      await db.placed.bulkPut(records.map((row) => ({ id: row.id, day: placeOf(row) })));
  });
}
