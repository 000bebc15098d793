// The demo office on the real provincial server (Fastify + embedded PostgreSQL): SEED_DEMO=1 /
// `cli.ts seed-demo` load it once, and the printed enrolment code lets the demo counter enrol and
// pull the same catalogue the web app seeded locally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolDevice } from '../../renderer/features/sync/client';
import { loadConfig } from '../../server/config';
import { demoEnrolMessage, issueDemoEnrolCode, seedDemo } from '../../server/catalogue/demo-seed';
import {
  DEMO_COUNTER_ID,
  DEMO_OFFICE_ID,
  DEMO_PROCEDURES,
  DEMO_SECTORS,
  demoHolidaySchedules,
  demoOfficers,
} from '../../shared/demo';
import { CATALOGUE_COLLECTIONS, type WireDocument } from '../../shared/sync/contract';
import { startPostgres, startServer, type RunningServer } from './harness';

let pg: { url: string; stop(): Promise<void> };
let server: RunningServer;

beforeAll(async () => {
  pg = await startPostgres();
  server = await startServer(pg.url);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await pg?.stop();
});

/** Rows (and their change sequence) per catalogue collection: a re-seed must leave both alone. */
async function catalogueRows(): Promise<Record<string, string[]>> {
  const res = await server.db.pool.query<{ collection: string; id: string; seq: string }>(
    'SELECT collection, id, seq::text AS seq FROM documents ORDER BY collection, id',
  );
  const out: Record<string, string[]> = {};
  for (const r of res.rows) (out[r.collection] ??= []).push(`${r.id}@${r.seq}`);
  return out;
}

async function pull(token: string, collection: string): Promise<WireDocument[]> {
  const res = await fetch(`${server.url}/sync/${collection}/pull?limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { documents: WireDocument[] }).documents;
}

describe('demo office seed on the server', () => {
  it('loads the whole demo catalogue once; a second run writes nothing', async () => {
    const first = await seedDemo(server.store);
    expect(first).toEqual({
      offices: 1,
      counters: 1,
      officers: demoOfficers().length,
      sectors: DEMO_SECTORS.length,
      procedures: DEMO_PROCEDURES.length,
      holidays: demoHolidaySchedules().length,
    });
    const before = await catalogueRows();
    expect(Object.keys(before).sort()).toEqual([...CATALOGUE_COLLECTIONS].sort());

    const second = await seedDemo(server.store);
    expect(Object.values(second)).toEqual(CATALOGUE_COLLECTIONS.map(() => 0));
    expect(await catalogueRows()).toEqual(before);
  });

  it('does not undo an admin edit of a demo document', async () => {
    const [first] = DEMO_PROCEDURES;
    const edited = { ...first!, name: 'Đăng ký khai sinh (sửa bởi quản trị)', _deleted: false };
    await server.store.catalogue.upsertCatalogue('procedures', [edited as WireDocument], 'admin');
    await seedDemo(server.store);
    const rows = await server.db.pool.query<{ doc: { name: string } }>(
      `SELECT doc FROM documents WHERE collection = 'procedures' AND id = $1`,
      [first!.id],
    );
    expect(rows.rows[0]?.doc.name).toBe(edited.name);
  });

  it('enrols the demo counter with the issued code, which then pulls procedures and officers', async () => {
    const { code, expiresAt } = await issueDemoEnrolCode(server.store, 60);
    const message = demoEnrolMessage(code, server.url, expiresAt);
    expect(message).toContain(`Demo office enrolment code: ${code}`);
    expect(message).toContain(server.url);

    const enrolled = await enrolDevice(server.url, {
      code,
      counterId: DEMO_COUNTER_ID,
      deviceName: 'demo counter',
    });
    expect(enrolled).toMatchObject({ officeId: DEMO_OFFICE_ID, counterId: DEMO_COUNTER_ID, role: 'counter' });

    const procedures = await pull(enrolled.token, 'procedures');
    expect(procedures.map((p) => p.id).sort()).toEqual(DEMO_PROCEDURES.map((p) => p.id).sort());
    const officers = await pull(enrolled.token, 'officers');
    // The same documents (verifiers included) the web app seeds locally, so logins agree.
    expect(officers.map(({ _deleted, ...o }) => (_deleted ? null : o))).toEqual(
      expect.arrayContaining(demoOfficers()),
    );
    expect(officers).toHaveLength(demoOfficers().length);
    expect((await pull(enrolled.token, 'holidays')).map((h) => h.id)).toContain('holidays-2026');

    // One use only.
    await expect(
      enrolDevice(server.url, { code, counterId: DEMO_COUNTER_ID, deviceName: 'again' }),
    ).rejects.toThrow();
  });
});

describe('SEED_DEMO configuration', () => {
  it.each([
    [undefined, false],
    ['0', false],
    ['', false],
    ['false', false],
    ['1', true],
    ['true', true],
  ])('SEED_DEMO=%s → %s', (value, expected) => {
    expect(loadConfig({ SEED_DEMO: value }).SEED_DEMO).toBe(expected);
  });

  it('refuses a value it cannot read', () => {
    expect(() => loadConfig({ SEED_DEMO: 'yes please' })).toThrow(/SEED_DEMO/);
  });
});
