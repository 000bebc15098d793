// A provincial server upgraded in place: documents written before migration 4 (stored as jsonb) are
// still pulled as they were pushed, and new work continues their event chains (found by the dossier,
// chain position, hash and status columns migrations 5 and 6 fill in), and officers listed before
// the roster's history (migration 13) keep their roles since ever, on real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/pool';
import { migrate } from '../../server/db/migrations';
import type { Device } from '../../server/devices/device';
import { openStores, type Stores } from '../../server/stores';
import type { DossierEvent } from '../../shared/domain';
import { parseNdjson } from '../../shared/sync/ndjson';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import { act, OFFICE_A, officerId, openCounter, receiveSteps, seedCatalogue, startPostgres } from './harness';

let pg: Awaited<ReturnType<typeof startPostgres>>;
let db: Database;

beforeAll(async () => {
  pg = await startPostgres();
  db = await openDatabase({ url: pg.url });
}, 120_000);
afterAll(async () => {
  await db?.close();
  await pg?.stop();
});

const device: Device = { id: 'dev-a1', officeId: OFFICE_A, counterId: 'a1', role: 'counter', name: 'Quầy 1' };

/** A pull page's documents, as a counter reads them. */
async function pulled(store: Stores, collection: 'dossier_events' | 'dossiers' | 'sectors') {
  const page = await store.replication.pull(device, collection, null, 1000);
  return parseNdjson(page.lines, (start, end) => page.lines.toString('utf8', start, end)) as Record<
    string,
    unknown
  >[];
}

describe('migrations 4 to 6: documents stored as their JSON text, events found by their dossier and hash', () => {
  it('keeps what older versions stored: pulled unchanged, tombstones marked, chains continued', async () => {
    // The database as migration 3 left it, with documents an older server wrote (as jsonb).
    expect(await migrate(db.pool, 3)).toEqual([1, 2, 3]);
    const counter = await openCounter(OFFICE_A, 'a1', 'token');
    const before = await act(counter, 'old-1', receiveSteps);
    const sector = {
      id: 'sector-old',
      code: 'OLD',
      name: 'Lĩnh vực cũ',
      updatedAt: '2026-01-05T00:00:00.000Z',
    };
    const old: [string, string | null, boolean, unknown][] = [
      ...before.events.map((e): [string, string | null, boolean, unknown] => [
        'dossier_events',
        OFFICE_A,
        false,
        e,
      ]),
      ['dossiers', OFFICE_A, false, toDossierDoc(before.dossier)],
      ['sectors', null, true, sector],
    ];
    for (const [collection, office, deleted, doc] of old)
      await db.pool.query(
        `INSERT INTO documents (collection, id, office_id, seq, deleted, doc, written_by, replica)
         VALUES ($1, $2, $3, nextval('change_seq'), $4, $5::jsonb, 'old-server', 'old-replica')`,
        [collection, (doc as { id: string }).id, office, deleted, JSON.stringify(doc)],
      );

    expect(await migrate(db.pool, 6)).toEqual([4, 5, 6]);
    expect(await migrate(db.pool, 9)).toEqual([7, 8, 9]);
    // An officer listed before the roster's history (migration 13) was kept.
    const appraiser = {
      id: officerId(OFFICE_A, 'appraiser'),
      officeId: OFFICE_A,
      username: `${OFFICE_A}.appraiser`,
      fullName: 'Cán bộ appraiser',
      title: '',
      roles: ['appraiser'],
      active: true,
      verifier: null,
      updatedAt: '2026-06-01T00:00:00.000Z',
    };
    await db.pool.query(
      `INSERT INTO documents (collection, id, office_id, seq, doc, written_by)
       VALUES ('officers', $1, $2, nextval('change_seq'), $3::json, 'old-server')`,
      [appraiser.id, OFFICE_A, JSON.stringify(appraiser)],
    );
    expect(await migrate(db.pool)).toEqual([10, 13, 14, 15, 16, 17, 18, 20, 21]);
    expect(await migrate(db.pool)).toEqual([]);
    const store = openStores(db.pool);
    await seedCatalogue(store);
    // Migration 13: the officer listed before it holds its roles since ever (its appraisal below,
    // dated before its record's updatedAt, stands); officers listed after it from their record's date.
    const periods = await db.pool.query<{ officer_id: string; roles: string[]; since: number }>(
      `SELECT officer_id, roles, extract(epoch FROM valid_from)::float8 * 1000 AS since FROM officer_role_periods
       WHERE officer_id = ANY($1) ORDER BY officer_id`,
      [[appraiser.id, officerId(OFFICE_A, 'receiver')]],
    );
    expect(periods.rows.map((r) => [r.officer_id, r.roles, r.since])).toEqual([
      [appraiser.id, ['appraiser'], -Infinity],
      [officerId(OFFICE_A, 'receiver'), ['receiver'], Date.parse('2026-03-02T01:00:00.000Z')],
    ]);

    expect(await pulled(store, 'dossier_events')).toEqual(before.events);
    expect(await pulled(store, 'dossiers')).toEqual([toDossierDoc(before.dossier)]);
    expect((await pulled(store, 'sectors')).find((s) => s.id === 'sector-old')).toEqual({
      ...sector,
      _deleted: true,
    });

    // The dossier as stored, pushed again (a counter that never heard back): the event it names was
    // stored before the migrations, and is found.
    const again = await store.replication.push(device, 'dossiers', [
      {
        newDocumentState: { ...toDossierDoc(before.dossier), _deleted: false },
        assumedMasterState: { ...toDossierDoc(before.dossier), _deleted: false },
      },
    ]);
    expect(again).toMatchObject({ rejected: [], conflicts: [] });

    // The next step's event hangs off an event stored before the migration: the server reads that
    // event's stored text to check the chain, and accepts it.
    const next = await act(counter, 'old-1', [['appraise', 'appraiser']]);
    await counter.close();
    const pushed = await store.replication.push(device, 'dossier_events', [
      { newDocumentState: { ...next.events[0]!, _deleted: false }, assumedMasterState: null },
    ]);
    expect(pushed.rejected).toEqual([]);
    const dossier = await store.replication.push(device, 'dossiers', [
      {
        newDocumentState: { ...toDossierDoc(next.dossier), _deleted: false },
        assumedMasterState: { ...toDossierDoc(before.dossier), _deleted: false },
      },
    ]);
    expect(dossier).toMatchObject({ rejected: [], conflicts: [] });
    const events = (await pulled(store, 'dossier_events')) as unknown as DossierEvent[];
    expect(events.map((e) => e.type)).toEqual([...before.events.map((e) => e.type), 'appraise']);
    expect(await pulled(store, 'dossiers')).toEqual([toDossierDoc(next.dossier)]);
  });
});
