import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../shared/reports';
import {
  openReportRecordsStore,
  OPEN_UNTIL,
  type ReportRecordsStore,
  type StoredReportRecord,
} from './report-records-store';
import { unpackText } from './report-records-pack';

const SINCE = '2000-01-01T00:00:00.000Z';
const UNTIL = '2100-01-01T00:00:00.000Z';
let store: ReportRecordsStore | null = null;
const name = () => `rrs${Date.now()}${Math.random().toString(36).slice(2, 6)}`;

afterEach(() => {
  store?.close();
  store = null;
});

/** A record received at `receivedOn`, resolved (closed) at `resolvedAt` unless null (open). */
function stored(id: string, receivedOn: string, resolvedAt: string | null): StoredReportRecord {
  const record: ReportRecord = {
    dossierId: id,
    code: `code-${id}`,
    procedureName: 'Thủ tục',
    officeId: 'o1',
    sectorId: 's1',
    procedureId: 'p1',
    channel: 'counter',
    receiverId: 'u1',
    receivedAt: receivedOn,
    resolvedAt,
    resolution: resolvedAt ? 'result' : null,
    deadlineAtResolution: '',
    returnedAt: null,
    withdrawnAt: null,
    stoppedAt: null,
    supplementRequests: [],
    deadlines: [],
    rating: null,
    componentsDigitisedAt: null,
    resultDigitisedAt: null,
  };
  return { id, lastAt: resolvedAt ?? OPEN_UNTIL, receivedOn, record };
}

const ids = async (from: string, receivedSince = SINCE, until = UNTIL) =>
  (await store!.reaching(from, receivedSince, until)).map((r) => r.dossierId);

/** The packs the store's database holds, day by day, as the ids in each (where each record went). */
async function rows(dbName: string) {
  const db = new Dexie(dbName);
  await db.open();
  const packs = async (table: string) =>
    Object.fromEntries(
      ((await db.table(table).toArray()) as { day: string; json: string }[]).map((p) => [
        p.day,
        unpackText(p.json).map((e) => e.id),
      ]),
    );
  const out = { open: await packs('openPacks'), packs: await packs('packs') };
  db.close();
  return out;
}

describe('report records store (records packed per day)', () => {
  it('moves a record that closes from its receipt day’s open pack into its lastAt day’s pack', async () => {
    const dbName = name();
    store = await openReportRecordsStore(dbName, 'replica');
    await store.write([stored('a', '2026-03-02T02:00:00.000Z', null)]);
    expect(await rows(dbName)).toEqual({ open: { '2026-03-02': ['a'] }, packs: {} });
    await store.write([stored('a', '2026-03-02T02:00:00.000Z', '2026-03-05T03:00:00.000Z')]);
    expect(await rows(dbName)).toEqual({ open: {}, packs: { '2026-03-05': ['a'] } });
    expect(await ids('2026-03-05T00:00:00.000Z')).toEqual(['a']);
    expect(await ids('2026-03-06T00:00:00.000Z')).toEqual([]);
    expect(await store.count()).toBe(1);
  });

  it('moves a record whose lastAt changes day between packs, leaving no empty pack', async () => {
    const dbName = name();
    store = await openReportRecordsStore(dbName, 'replica');
    await store.write([
      stored('a', '2026-03-02T02:00:00.000Z', '2026-03-05T03:00:00.000Z'),
      stored('b', '2026-03-02T02:00:00.000Z', '2026-03-05T04:00:00.000Z'),
    ]);
    await store.write([stored('a', '2026-03-02T02:00:00.000Z', '2026-03-09T03:00:00.000Z')]);
    expect(await rows(dbName)).toEqual({
      open: {},
      packs: { '2026-03-05': ['b'], '2026-03-09': ['a'] },
    });
    await store.write([stored('b', '2026-03-02T02:00:00.000Z', '2026-03-09T01:00:00.000Z')]);
    // Within a pack by lastAt: b (01:00) before a (03:00).
    expect(await rows(dbName)).toEqual({ open: {}, packs: { '2026-03-09': ['b', 'a'] } });
    expect(await ids('2026-03-06T00:00:00.000Z')).toEqual(['b', 'a']);
  });

  it('deletes gone records from their packs, open or closed', async () => {
    const dbName = name();
    store = await openReportRecordsStore(dbName, 'replica');
    await store.write([
      stored('a', '2026-03-02T02:00:00.000Z', '2026-03-05T03:00:00.000Z'),
      stored('b', '2026-03-02T02:00:00.000Z', '2026-03-05T04:00:00.000Z'),
      stored('c', '2026-03-03T02:00:00.000Z', null),
    ]);
    await store.write([], ['a', 'c', 'never-stored']);
    expect(await rows(dbName)).toEqual({ open: {}, packs: { '2026-03-05': ['b'] } });
    await store.write([], ['b']);
    expect(await rows(dbName)).toEqual({ open: {}, packs: {} });
    expect(await store.count()).toBe(0);
  });

  it('filters a pack by the exact lastAt when a period starts inside its day', async () => {
    store = await openReportRecordsStore(name(), 'replica');
    await store.write([
      stored('early', '2026-03-01T02:00:00.000Z', '2026-03-04T16:59:59.999Z'),
      stored('at', '2026-03-01T02:00:00.000Z', '2026-03-04T17:00:00.000Z'),
      stored('late', '2026-03-01T02:00:00.000Z', '2026-03-04T20:00:00.000Z'),
      stored('open', '2026-03-01T03:00:00.000Z', null),
      stored('open-after', '2026-04-01T05:00:00.000Z', null),
      stored('after', '2026-04-01T03:00:00.000Z', '2026-04-02T03:00:00.000Z'),
    ]);
    // Vietnam's 5 March starts at 17:00 UTC on the 4th, inside that UTC day's pack.
    expect(await ids('2026-03-04T17:00:00.000Z')).toEqual(['at', 'late', 'after', 'open', 'open-after']);
    // Received in [since, until): exact within the first and last days' packs, closed or open.
    expect(
      await ids('2026-03-04T17:00:00.000Z', '2026-03-01T02:30:00.000Z', '2026-04-01T00:00:00.000Z'),
    ).toEqual(['open']);
  });

  it('loses its rows and checkpoints when a store from before the packs is opened', async () => {
    const dbName = name();
    const before = new Dexie(dbName);
    before.version(1).stores({ records: 'id, lastAt', meta: 'key' });
    await before.open();
    const { record, ...row } = stored('a', '2026-03-02T02:00:00.000Z', '2026-03-05T03:00:00.000Z');
    await before.table('records').put({ ...row, json: JSON.stringify(record) });
    await before
      .table('meta')
      .put({ key: 'state', replica: 'replica', checkpoints: { dossiers: null, events: null } });
    before.close();

    store = await openReportRecordsStore(dbName, 'replica');
    // No checkpoints: the tracker rebuilds every record (renderer/db/report-records.test.ts).
    expect(await store.checkpoints()).toBeNull();
    expect(await store.count()).toBe(0);
    expect(await ids(SINCE)).toEqual([]);
  });
});
