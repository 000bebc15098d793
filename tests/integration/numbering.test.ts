// Numbering across the counters of one office, on real PostgreSQL and the real HTTP routes: an
// enrolment code names its counter, the enrolment gives each device a numbering slot of its own, the
// counter app re-initialises its code state on it, and two PCs numbering offline never issue the same
// code; a second PC enrolled for a counter replaces the first.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryRepository, type DirectoryRepository } from '../../renderer/db/directory';
import type { DirectoryCollections } from '../../renderer/db/database';
import { officeRxSchema, settingRxSchema, type SettingDoc } from '../../renderer/db/schemas';
import { adoptNumbering } from '../../renderer/features/sync/connect';
import { enrolDevice, SyncClient } from '../../renderer/features/sync/client';
import { CodeLeaser } from '../../renderer/features/sync/leases';
import { parseDossierCode } from '../../shared/codes';
import type { Office } from '../../shared/domain';
import { bearer, type EnrolResponse } from '../../shared/sync/contract';
import { act, enrol, eventually, OFFICE_A, openCounter, receiveSteps, type TestCounter } from './harness';
import { useSyncServer } from '../support/sync-fixture';

const fixture = useSyncServer();
let provinceToken: string;
const opened: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  provinceToken = (await enrol(fixture.server, OFFICE_A, 'p1', 'province')).token;
});
// RxDB's free tier allows 13 open collections per JavaScript context: each test closes its replicas.
afterEach(async () => {
  for (const c of opened.splice(0).reverse()) await c.close();
});

async function post(token: string, path: string, body: unknown): Promise<{ status: number; json: never }> {
  const res = await fetch(`${fixture.server.url}${path}`, {
    method: 'POST',
    headers: { authorization: bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as never };
}

/** A code from the province's admin route, for `counterId` of office A. */
async function enrolCodeFor(counterId: string): Promise<string> {
  const res = await post(provinceToken, '/admin/enrol-codes', { officeId: OFFICE_A, counterId });
  expect(res.status).toBe(200);
  return (res.json as { code: string }).code;
}

let pcs = 0;
/**
 * A counter PC's directory replica (the settings where the code state lives, and the offices the
 * catalogue pull brings) with the app's own directory repository, the counter's issuing path.
 */
async function openPc(): Promise<DirectoryRepository> {
  const db = await createRxDatabase<{ offices: RxCollection<Office>; settings: RxCollection<SettingDoc> }>({
    name: `pc${++pcs}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  await db.addCollections({ offices: { schema: officeRxSchema }, settings: { schema: settingRxSchema } });
  opened.push(db);
  await db.offices.insert({
    id: OFFICE_A,
    agencyCode: '000.00.01.H56',
    level: 'commune',
    name: `UBND ${OFFICE_A}`,
    parentName: 'UBND TỈNH HƯNG YÊN',
    address: 'Hưng Yên',
    phone: '',
    updatedAt: '2026-03-02T01:00:00.000Z',
  } as Office);
  // Only the settings and offices are used by the code allocator and the enrolment.
  return createDirectoryRepository(db as unknown as DirectoryCollections);
}

/** Enrols a PC as the counter app does: every PC names the same counter, as the demo office's do. */
async function enrolPc(repo: DirectoryRepository, code: string): Promise<EnrolResponse> {
  const res = await enrolDevice(fixture.server.url, { code, counterId: 'a1', deviceName: 'test PC' });
  await adoptNumbering(repo, res);
  return res;
}

describe('each counter device numbers from its own slot', () => {
  it('two counters of one office, both offline, each issue 30 codes: 60 distinct, all 60 dossiers stored', async () => {
    const [pc1, pc2] = [await openPc(), await openPc()];
    const e1 = await enrolPc(pc1, await enrolCodeFor('a1'));
    const e2 = await enrolPc(pc2, await enrolCodeFor('a2'));
    // The codes named the counters: the server decides, whatever the PC asked for.
    expect([e1.counterId, e2.counterId]).toEqual(['a1', 'a2']);
    expect(e1.slot).toBeTypeOf('number');
    expect(e2.slot).toBeTypeOf('number');
    expect(e1.slot).not.toBe(e2.slot);

    // Offline (no lease was asked for): each numbers from its slot's range.
    const receivedAt = '2026-03-02T02:00:00.000Z';
    const issue = async (repo: DirectoryRepository) => {
      const codes: string[] = [];
      for (let i = 0; i < 30; i++) codes.push(await repo.issueCode(receivedAt));
      return codes;
    };
    const [codes1, codes2] = await Promise.all([issue(pc1), issue(pc2)]);
    expect(new Set([...codes1, ...codes2]).size).toBe(60);

    // Each counter records its dossiers with those codes, then pushes.
    const counters: TestCounter[] = [];
    for (const [res, codes] of [
      [e1, codes1],
      [e2, codes2],
    ] as const) {
      const counter = await openCounter(OFFICE_A, res.counterId, res.token);
      opened.push(counter);
      counters.push(counter);
      for (const [i, code] of codes.entries())
        await act(counter, `num-${res.counterId}-${i}`, receiveSteps, { code });
    }
    for (const c of counters) c.connect(fixture.server.url);
    const held = () =>
      fixture.server.store.pool
        .query<{ n: number }>(
          `SELECT count(*)::int AS n FROM documents WHERE collection = 'dossiers' AND office_id = $1 AND id LIKE 'num-%'`,
          [OFFICE_A],
        )
        .then((r) => r.rows[0]!.n);
    expect(await eventually(held, (n) => n === 60, 60_000)).toBe(60);
    for (const c of counters) await c.sync!.awaitInSync();
    for (const c of counters) expect(c.sync!.snapshot.rejected).toEqual([]);
    const refused = await fixture.server.store.pool.query(
      `SELECT 1 FROM conflicts WHERE office_id = $1 AND kind = 'duplicate_code'`,
      [OFFICE_A],
    );
    expect(refused.rowCount).toBe(0);
  });

  it('a second PC enrolled for a counter replaces the first: the old one is revoked and its slot retired', async () => {
    const [old, replacement] = [await openPc(), await openPc()];
    const first = await enrolPc(old, await enrolCodeFor('a2'));
    const second = await enrolPc(replacement, await enrolCodeFor('a2'));
    expect(second.counterId).toBe('a2');
    expect(second.slot).not.toBe(first.slot);
    const lease = { officeId: OFFICE_A, counterId: 'a2', date: '2026-03-02', count: 5 };
    expect((await post(first.token, '/codes/lease', lease)).status).toBe(401);
    expect((await post(second.token, '/codes/lease', lease)).status).toBe(200);
    const state = await fixture.server.store.pool.query<{ state: { slots: Record<string, number> } }>(
      'SELECT state FROM code_lease_state WHERE office_id = $1',
      [OFFICE_A],
    );
    expect(state.rows[0]!.state.slots[first.deviceId]).toBeUndefined();
    expect(state.rows[0]!.state.slots[second.deviceId]).toBe(second.slot);
  });

  it('a code for a counter of another office, or for no counter at all, is refused at issue', async () => {
    expect(
      (await post(provinceToken, '/admin/enrol-codes', { officeId: OFFICE_A, counterId: 'b1' })).status,
    ).toBe(404);
    expect(
      (await post(provinceToken, '/admin/enrol-codes', { officeId: OFFICE_A, counterId: 'zz' })).status,
    ).toBe(404);
  });
});

describe('online, a counter keeps a lease of numbers ahead', () => {
  it('two counters leasing at once get compact numbers, never the same one', async () => {
    const [pc1, pc2] = [await openPc(), await openPc()];
    const enrolled = [
      await enrolPc(pc1, await enrolCodeFor('a1')),
      await enrolPc(pc2, await enrolCodeFor('a2')),
    ];
    // A day nobody leased yet, so the office's leased numbers start at 0001.
    const now = Date.parse('2026-03-03T02:00:00.000Z');
    const clients = enrolled.map(
      (e) => new SyncClient({ serverUrl: fixture.server.url, token: e.token, collections: {}, live: false }),
    );
    const leasers = [pc1, pc2].map(
      (repo, i) => new CodeLeaser({ repo, requestLease: (r) => clients[i]!.requestLease(r), now: () => now }),
    );
    await Promise.all(leasers.map((l) => l.topUp()));
    const receivedAt = new Date(now).toISOString();
    const issue = async (repo: DirectoryRepository) => {
      const seqs: number[] = [];
      for (let i = 0; i < 20; i++) seqs.push(parseDossierCode(await repo.issueCode(receivedAt))!.seq);
      return seqs;
    };
    const [one, two] = await Promise.all([issue(pc1), issue(pc2)]);
    // Both counters numbered from their leases: 0001–0040 between them, none twice.
    expect([...one, ...two].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    // Below the low-water mark the leaser asks again; many requests at once still get disjoint blocks.
    await Promise.all(leasers.map((l) => l.topUp()));
    const states = await Promise.all([pc1.readCodeState(), pc2.readCodeState()]);
    for (const state of states) expect(state!.leases.some((b) => b.date === '2026-03-03')).toBe(true);
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        clients[i % 2]!.requestLease({
          officeId: OFFICE_A,
          counterId: enrolled[i % 2]!.counterId,
          date: '2026-03-04',
          count: 7,
        }),
      ),
    );
    const granted = (burst as { from: number; to: number }[]).flatMap((l) =>
      Array.from({ length: l.to - l.from + 1 }, (_, k) => l.from + k),
    );
    const own = states.flatMap((st) =>
      st!.leases
        .filter((b) => b.date === '2026-03-04')
        .flatMap((b) => Array.from({ length: b.to - b.from + 1 }, (_, k) => b.from + k)),
    );
    expect(new Set([...granted, ...own]).size).toBe(granted.length + own.length);
  });
});
