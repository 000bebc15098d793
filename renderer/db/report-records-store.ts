import Dexie, { type Table } from 'dexie';
import type { ReportRecord } from '../../shared/reports';
import type { ChangeCheckpoint } from './queries';
import { packText, unpackRecords, unpackText } from './report-records-pack';

/**
 * Where the report records live: a Dexie database of their own beside the replica (`<data>-reports`,
 * so one per office/profile, as the scan store is). The records hold no personal data (instants,
 * ids, the dossier code and procedure name, the rating level), so they need neither the replica's
 * encryption nor RxDB's document layer, and they take none of RxDB's collections.
 *
 * A year's report reads every record reaching into the year, and IndexedDB's cost is per row: so
 * the records are packed, one row per day holding them all as one JSON text (one string through
 * IndexedDB and JSON.parse is much faster than objects through the structured clone), and a period
 * reads a few hundred rows. A closed record sits in the pack of its `lastAt`'s UTC day, so a period
 * reads the packs from its start's day on. An open one (reaching into every later period) sits in
 * `openPacks` by the day of its receipt, a few dozen small packs rewritten as its steps come. `placed`
 * says where each record is, so a rewrite takes it out of its old pack.
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

/** A day's records ('YYYY-MM-DD', UTC; '' with no instant) as one text (./report-records-pack.ts). */
type PackRow = { day: string; json: string };
/** Where a record is: the day of its pack in `packs` or, while open, in `openPacks`. */
type PlacedRow = { id: string; day: string; open: boolean };

/** The day of an ISO instant in UTC: its prefix, so days sort as their instants do. */
const dayOf = (at: string): string => at.slice(0, 10);
const isOpen = (row: StoredReportRecord): boolean => row.lastAt === OPEN_UNTIL;
const placeOf = (row: StoredReportRecord): PlacedRow => {
  const open = isOpen(row);
  return { id: row.id, day: dayOf(open ? row.receivedOn : row.lastAt), open };
};

/** A pack's order: a read returns records by lastAt (then id) within their pack. */
const byLastAtThenId = (a: StoredReportRecord, b: StoredReportRecord): number =>
  a.lastAt < b.lastAt ? -1 : a.lastAt > b.lastAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The change checkpoints of the replica already applied to the records. */
export type Checkpoints = { dossiers: ChangeCheckpoint | null; events: ChangeCheckpoint | null };

type StoreState = { key: 'state'; replica: string; checkpoints: Checkpoints };

class ReportRecordsDatabase extends Dexie {
  packs!: Table<PackRow, string>;
  openPacks!: Table<PackRow, string>;
  placed!: Table<PlacedRow, string>;
  meta!: Table<StoreState, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ records: 'id, lastAt', meta: 'key' });
    // Packs: a store from before them loses its rows and its checkpoints, so the tracker's
    // "no checkpoints" path rebuilds every record (with progress) on the next open.
    this.version(2)
      .stores({ records: null, packs: 'day', openPacks: 'day', placed: 'id', meta: 'key' })
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
  const tables = [db.packs, db.openPacks, db.placed, db.meta];
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
      const out: ReportRecord[] = [];
      const keep = (lastAt: string, receivedOn: string) =>
        lastAt >= from && receivedOn >= receivedSince && receivedOn < until;
      const take = (packs: PackRow[]) => {
        for (const pack of packs) unpackRecords(pack.json, keep, out);
      };
      // A day is a prefix of its records' instants: a record at or after `from` is in a pack at or
      // after from's day (that day's pack also holds earlier ones, filtered by the exact instant).
      take(await db.packs.where('day').aboveOrEqual(dayOf(from)).toArray());
      take(await db.openPacks.where('day').between(dayOf(receivedSince), dayOf(until), true, true).toArray());
      return out;
    },
    count: () => db.placed.count(),
    close: () => db.close(),
  };
}

/**
 * One transaction: where each written or gone record was (`placed`), then the packs it leaves and
 * joins, each read and rewritten (or deleted when emptied) once.
 */
async function writeRecords(
  db: ReportRecordsDatabase,
  records: StoredReportRecord[],
  gone: string[],
): Promise<void> {
  if (records.length === 0 && gone.length === 0) return;
  await db.transaction('rw', db.packs, db.openPacks, db.placed, async () => {
    const ids = [...records.map((r) => r.id), ...gone];
    const before = (await db.placed.bulkGet(ids)).filter((row) => row !== undefined);
    const after = records.map(placeOf);
    const closed = new PackSet(db.packs);
    const open = new PackSet(db.openPacks);
    const setOf = (place: PlacedRow) => (place.open ? open : closed);
    for (const place of [...before, ...after]) setOf(place).touch(place.day);
    await closed.load();
    await open.load();
    for (const place of before) setOf(place).remove(place.day, place.id);
    records.forEach((row, i) => setOf(after[i]!).add(after[i]!.day, row));
    await closed.save();
    await open.save();
    if (gone.length > 0) await db.placed.bulkDelete(gone);
    if (after.length > 0) await db.placed.bulkPut(after);
  });
}

/** The packs of one table a write touches, read once, changed in memory, written once. */
class PackSet {
  private readonly packs = new Map<string, Map<string, StoredReportRecord>>();
  constructor(private readonly table: Table<PackRow, string>) {}
  touch(day: string): void {
    if (!this.packs.has(day)) this.packs.set(day, new Map());
  }
  async load(): Promise<void> {
    const days = [...this.packs.keys()];
    if (days.length === 0) return;
    const rows = await this.table.bulkGet(days);
    for (const row of rows) {
      if (!row) continue;
      const entries = this.packs.get(row.day)!;
      for (const entry of unpackText(row.json)) entries.set(entry.id, entry);
    }
  }
  remove(day: string, id: string): void {
    this.packs.get(day)?.delete(id);
  }
  add(day: string, row: StoredReportRecord): void {
    this.packs.get(day)?.set(row.id, row);
  }
  async save(): Promise<void> {
    const full: PackRow[] = [];
    const empty: string[] = [];
    for (const [day, entries] of this.packs) {
      if (entries.size === 0) empty.push(day);
      else full.push({ day, json: packText([...entries.values()].sort(byLastAtThenId)) });
    }
    if (empty.length > 0) await this.table.bulkDelete(empty);
    if (full.length > 0) await this.table.bulkPut(full);
  }
}
