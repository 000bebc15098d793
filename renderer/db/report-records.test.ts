import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  createCounterDatabase,
  createCounterRepository,
  type CounterDatabase,
  type CounterRepository,
} from '.';
import { actor, receiveCommand, TEST_KEY } from '../../tests/support/db-fixtures';
import { OPEN_UNTIL } from './report-records';
import { openReportRecordsStore, reportRecordsStoreName } from './report-records-store';

const storage = getRxStorageMemory();
let db: CounterDatabase;
let repo: CounterRepository;
const name = () => `rr${Date.now()}${Math.random().toString(36).slice(2, 6)}`;

async function open(dbName = name()): Promise<void> {
  db = await createCounterDatabase({ name: dbName, storage, key: TEST_KEY });
  repo = await createCounterRepository(db);
}
afterEach(async () => {
  await repo?.close();
  await db?.close();
});

const MARCH = { start: Date.parse('2026-02-28T17:00:00.000Z'), end: Date.parse('2026-03-31T17:00:00.000Z') };
const inMarch = () =>
  repo.reportRecords.between({ ...MARCH, judgedAt: MARCH.end, receivedSince: '2000-01-01T00:00:00.000Z' });

describe('report records', () => {
  it('follow a step at once the records are ready, without a rebuild', async () => {
    await open();
    const received = await repo.applyStep(
      receiveCommand('d1'),
      actor('receiver'),
      '2026-03-02T02:00:00.000Z',
    );
    expect(received.ok).toBe(true);
    await repo.reportRecords.ready();
    const [record] = await inMarch();
    expect(record).toMatchObject({
      dossierId: 'd1',
      receivedAt: '2026-03-02T02:00:00.000Z',
      withdrawnAt: null,
    });
    // Open: it reaches into every later period (its lastAt is OPEN_UNTIL).
    const later = Date.parse('2030-01-01T00:00:00.000Z');
    const open2030 = await repo.reportRecords.between({
      start: later,
      end: later + 86_400_000,
      judgedAt: Math.min(later + 86_400_000, Date.parse(OPEN_UNTIL)),
      receivedSince: '2000-01-01T00:00:00.000Z',
    });
    expect(open2030.map((r) => r.dossierId)).toEqual(['d1']);

    const withdrawn = await repo.applyStep(
      { type: 'withdraw', dossierId: 'd1', officeId: record!.officeId, reason: 'Công dân rút' },
      actor('receiver'),
      '2026-03-03T02:00:00.000Z',
    );
    expect(withdrawn.ok).toBe(true);
    await repo.reportRecords.ready();
    expect((await inMarch())[0]?.withdrawnAt).toBe('2026-03-03T02:00:00.000Z');
    // Closed on 3 March: not read for April.
    const april = await repo.reportRecords.between({
      start: MARCH.end,
      end: MARCH.end + 30 * 86_400_000,
      judgedAt: MARCH.end + 30 * 86_400_000,
      receivedSince: '2000-01-01T00:00:00.000Z',
    });
    expect(april).toEqual([]);
    expect(repo.reportRecords.stats().rebuilds).toBe(0);
  });

  it('are rebuilt once from the events, with progress, when a replica has none', async () => {
    const dbName = name();
    await open(dbName);
    await repo.applyStep(receiveCommand('d1'), actor('receiver'), '2026-03-02T02:00:00.000Z');
    await repo.applyStep(receiveCommand('d2'), actor('receiver'), '2026-03-05T02:00:00.000Z');
    await repo.reportRecords.ready();
    await repo.close();
    // A replica made before the records: none kept, no checkpoints.
    const store = await openReportRecordsStore(
      reportRecordsStoreName(db.data.name),
      await db.data.storageToken,
    );
    await store.clear();
    expect(await store.checkpoints()).toBeNull();
    store.close();
    await db.close();

    await open(dbName);
    const progress: number[] = [];
    await repo.reportRecords.ready((done) => progress.push(done));
    expect((await inMarch()).map((r) => r.dossierId).sort()).toEqual(['d1', 'd2']);
    expect(repo.reportRecords.stats().rebuilds).toBe(1);
    expect(progress.at(-1)).toBe(1);
    await repo.reportRecords.ready();
    expect(repo.reportRecords.stats().rebuilds).toBe(1);
  });

  it('are rebuilt, with progress, when the store was made by an earlier version of its schema', async () => {
    const dbName = name();
    await open(dbName);
    await repo.applyStep(receiveCommand('d1'), actor('receiver'), '2026-03-02T02:00:00.000Z');
    await repo.reportRecords.ready();
    await repo.close();
    const storeName = reportRecordsStoreName(db.data.name);
    const replica = await db.data.storageToken;
    await db.close();
    // The store as its first schema made it: one row per record, checkpoints up to date.
    await Dexie.delete(storeName);
    const before = new Dexie(storeName);
    before.version(1).stores({ records: 'id, lastAt', meta: 'key' });
    await before.open();
    await before.table('meta').put({
      key: 'state',
      replica,
      checkpoints: { dossiers: { id: 'z', lwt: 9e15 }, events: { id: 'z', lwt: 9e15 } },
    });
    before.close();

    await open(dbName);
    const progress: number[] = [];
    await repo.reportRecords.ready((done) => progress.push(done));
    expect((await inMarch()).map((r) => r.dossierId)).toEqual(['d1']);
    expect(repo.reportRecords.stats().rebuilds).toBe(1);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
  });

  it('wait while bulk writes are held, then catch up once without a rebuild', async () => {
    await open();
    await repo.reportRecords.ready();
    await repo.reportRecords.holdDuring(async () => {
      await repo.applyStep(receiveCommand('d1'), actor('receiver'), '2026-03-02T02:00:00.000Z');
      await repo.applyStep(receiveCommand('d2'), actor('receiver'), '2026-03-05T02:00:00.000Z');
      await repo.reportRecords.idle();
      expect(repo.reportRecords.stats().rewritten).toBe(0);
    });
    await repo.reportRecords.ready();
    expect((await inMarch()).map((r) => r.dossierId).sort()).toEqual(['d1', 'd2']);
    expect(repo.reportRecords.stats()).toEqual({ rebuilds: 0, rewritten: 2 });
  });
});
