// Sync refusals and access control: dossiers refused and retried, duplicated and malicious pushes,
// other offices, revoked devices, browser clients and dossier-code leases.
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, REPLICA_HEADER, type PushResponse } from '../../shared/sync/contract';
import { computeEventHash } from '../../shared/workflow';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import pg from 'pg';
import { openStores } from '../../server/stores';
import {
  act,
  enrol,
  eventually,
  OFFICE_A,
  OFFICE_B,
  receiveSteps,
  type SeededServer,
  THREE_STEPS,
} from './harness';
import { requestGate, useSyncServer } from '../support/sync-fixture';

const sync = useSyncServer();
const { counters, counter, http } = sync;
let server: SeededServer;
// The scenarios below push as counter a1 and close a2, both of office A and online, as left by the
// offline-work scenario of sync-basics.test.ts.
beforeAll(async () => {
  server = sync.server;
  const a1 = await counter(OFFICE_A, 'a1', true);
  const a2 = await counter(OFFICE_A, 'a2');
  a1.connect(server.url);
  a2.connect(server.url);
  await a1.sync!.endOfDaySync(20_000);
});

describe('two counters of one office and the province', () => {
  it('a dossier refused because its events had not arrived goes again by itself once they have', async () => {
    const c = await counter(OFFICE_A, 'a2');
    await act(c, 'late-events', THREE_STEPS);
    const events = requestGate('/dossier_events/push');
    events.hold();
    // The dossier does not wait for its events (eventsWaitMs 0), and the events are held back.
    c.connect(server.url, { eventsWaitMs: 0, fetch: events.fetch });
    await eventually(
      async () => c.sync!.snapshot.rejected.map((r) => `${r.id}: ${r.reason}`),
      (refused) => refused.includes('late-events: events_missing'),
    );
    events.release();
    await eventually(
      async () => c.sync!.snapshot.rejected.length,
      (n) => n === 0,
    );
    const stored = (await server.store.replication.fingerprint('dossiers', OFFICE_A)).map(
      (j) => JSON.parse(j).id,
    );
    expect(stored).toContain('late-events');
    expect(c.sync!.snapshot.pending).toBe(0);
    await c.close(); // stay under RxDB's open-collection limit
  });

  it('a retried or duplicated push changes nothing', async () => {
    const a1 = counters[0]!;
    const { dossier, events } = await act(a1, 'dup-1', receiveSteps);
    const rows = events.map((e) => ({
      newDocumentState: { ...e, _deleted: false },
      assumedMasterState: null,
    }));
    for (let i = 0; i < 3; i++) {
      const res = await http(a1.token, 'POST', '/sync/dossier_events/push', { rows });
      expect(res.status).toBe(200);
      expect((res.json as PushResponse).rejected).toEqual([]);
    }
    const before = await server.store.pool.query(`SELECT max(seq) AS m, count(*)::int AS n FROM documents`);
    const dossierRow = {
      newDocumentState: { ...toDossierDoc(dossier), _deleted: false },
      assumedMasterState: null,
    };
    await http(a1.token, 'POST', '/sync/dossiers/push', { rows: [dossierRow] });
    const mid = await server.store.pool.query(`SELECT max(seq) AS m, count(*)::int AS n FROM documents`);
    for (let i = 0; i < 3; i++) {
      const res = await http(a1.token, 'POST', '/sync/dossiers/push', { rows: [dossierRow, dossierRow] });
      expect(res.json).toMatchObject({ conflicts: [], rejected: [] });
    }
    await http(a1.token, 'POST', '/sync/dossier_events/push', { rows });
    const after = await server.store.pool.query(`SELECT max(seq) AS m, count(*)::int AS n FROM documents`);
    expect(mid.rows[0].n).toBeGreaterThanOrEqual(before.rows[0].n);
    expect(after.rows[0]).toEqual(mid.rows[0]);
  });

  it('malformed and malicious documents are refused one by one with a reason, the rest of the batch is stored', async () => {
    const a1 = counters[0]!;
    const good = await act(a1, 'mal-good', receiveSteps);
    const bad = await act(a1, 'mal-bad', receiveSteps);
    const returned = await act(a1, 'mal-ret', receiveSteps);
    const edited = { ...good.events[0]!, actorName: 'Kẻ gian' };
    const forgedBody = {
      ...returned.events[0]!,
      id: 'forged-ret',
      seq: 2,
      type: 'return_result',
      from: 'received' as const,
      to: 'returned' as const,
      prevHash: returned.events[0]!.hash,
    };
    // Well-formed and correctly hashed, but "returned" straight after receipt: no approval.
    const forgedReturn = { ...forgedBody, hash: computeEventHash(forgedBody) };
    const rows = [
      { newDocumentState: { ...good.events[0]!, _deleted: false } },
      { newDocumentState: { ...bad.events[0]!, at: 'yesterday', _deleted: false } },
      { newDocumentState: { ...returned.events[0]!, _deleted: false } },
      { newDocumentState: { ...forgedReturn, _deleted: false } },
      {
        newDocumentState: {
          ...bad.events[0]!,
          id: 'huge',
          payload: { blob: 'x'.repeat(70_000) },
          _deleted: false,
        },
      },
      { newDocumentState: { ...bad.events[0]!, id: 'other-office', officeId: OFFICE_B, _deleted: false } },
      {
        newDocumentState: {
          ...bad.events[0]!,
          id: 'stranger',
          actorId: 'office-b-receiver',
          _deleted: false,
        },
      },
    ];
    const res = await http(a1.token, 'POST', '/sync/dossier_events/push', { rows });
    expect(res.status).toBe(200);
    const reasons = Object.fromEntries((res.json as PushResponse).rejected.map((r) => [r.id, r.reason]));
    expect(reasons).toEqual({
      [bad.events[0]!.id]: 'schema_invalid',
      'forged-ret': 'history_invalid',
      huge: 'too_large',
      'other-office': 'wrong_office',
      stranger: 'officer_not_in_office',
    });
    for (const r of (res.json as PushResponse).rejected) expect(r.status).toBeGreaterThanOrEqual(400);
    // Edited history: the same event id with other content.
    const edit = await http(a1.token, 'POST', '/sync/dossier_events/push', {
      rows: [{ newDocumentState: { ...edited, _deleted: false } }],
    });
    expect(edit.json.rejected[0]).toMatchObject({ id: edited.id, reason: 'immutable', status: 409 });
    // A dossier claiming "returned" with no such history.
    const fake = { ...returned.dossier, status: 'returned', _deleted: false };
    const d = await http(a1.token, 'POST', '/sync/dossiers/push', {
      rows: [{ newDocumentState: fake }, { newDocumentState: { ...good.dossier, _deleted: false } }],
    });
    expect(d.json.rejected.map((r: { id: string; reason: string }) => [r.id, r.reason])).toEqual([
      ['mal-ret', 'history_invalid'],
    ]);
    const stored = (await server.store.replication.fingerprint('dossier_events')).map(
      (j) => JSON.parse(j).id as string,
    );
    expect(stored).toContain(good.events[0]!.id);
    expect(stored).not.toContain('forged-ret');
    expect(stored).not.toContain('huge');
    // Not JSON / not the contract: a whole-request 400 naming the problem.
    const junk = await http(a1.token, 'POST', '/sync/dossiers/push', { rows: 'nope' });
    expect(junk.status).toBe(400);
    expect(junk.json.error).toBe('bad_request');
    // Counters cannot write the catalogue.
    const cat = await http(a1.token, 'POST', '/sync/procedures/push', {
      rows: [{ newDocumentState: { id: 'p', _deleted: false } }],
    });
    expect(cat.json.rejected[0].reason).toBe('read_only_collection');
  });
});

// The same scenario group, continued: other offices and revoked devices.
describe('two counters of one office and the province', () => {
  it('a device of office A can neither read nor write office B', async () => {
    const a1 = counters[0]!;
    const b1 = await counter(OFFICE_B, 'b1');
    await act(b1, 'b-only', receiveSteps);
    b1.connect(server.url);
    await eventually(
      async () => (await server.store.replication.fingerprint('dossiers', OFFICE_B)).length,
      (n) => n === 1,
    );
    const pulled = await http(a1.token, 'GET', '/sync/dossiers/pull?limit=1000');
    expect(pulled.json.documents.map((d: { officeId: string }) => d.officeId)).not.toContain(OFFICE_B);
    expect(await a1.db.dossiers.findOne('b-only').exec()).toBeNull();
    // Overwrite B's dossier claiming office A: refused, B's copy untouched.
    const bDoc = JSON.parse((await server.store.replication.fingerprint('dossiers', OFFICE_B))[0]!);
    const hijack = await http(a1.token, 'POST', '/sync/dossiers/push', {
      rows: [
        {
          newDocumentState: { ...bDoc, officeId: OFFICE_A, notes: 'x', eventCount: 0, lastEventHash: '' },
          assumedMasterState: bDoc,
        },
      ],
    });
    expect(hijack.json.rejected[0]).toMatchObject({ id: 'b-only', reason: 'wrong_office' });
    const asB = await http(a1.token, 'POST', '/sync/dossiers/push', {
      rows: [{ newDocumentState: { ...bDoc, notes: 'x' }, assumedMasterState: bDoc }],
    });
    expect(asB.json.rejected[0]).toMatchObject({ id: 'b-only', reason: 'wrong_office' });
    expect(JSON.parse((await server.store.replication.fingerprint('dossiers', OFFICE_B))[0]!).notes).toBe(
      bDoc.notes,
    );
    // And counters cannot use the province's admin endpoints.
    expect((await http(a1.token, 'POST', '/admin/enrol-codes', { officeId: OFFICE_B })).status).toBe(403);
  });

  it('a revoked device is refused at once, its live stream closed', async () => {
    await counters[1]!.close(); // stay under RxDB's open-collection limit
    const c = await counter(OFFICE_A, 'a2');
    c.connect(server.url);
    await eventually(
      async () => c.sync!.snapshot.online,
      (v) => v,
    );
    const devices = await server.store.devices.listDevices(OFFICE_A);
    const mine = devices.filter((d) => d.counterId === 'a2').pop()!;
    const { token: adminToken } = await enrol(server, OFFICE_A, 'p1', 'province');
    expect((await http(adminToken, 'POST', `/admin/devices/${mine.id}/revoke`)).status).toBe(200);
    const res = await http(c.token, 'GET', '/sync/dossiers/pull');
    expect(res).toMatchObject({ status: 401, json: { error: 'revoked' } });
    await act(c, 'after-revoke', receiveSteps);
    await eventually(
      async () => c.sync!.snapshot.errors,
      (e) => e.includes('sync.error.revoked'),
    );
    expect(
      (await server.store.replication.fingerprint('dossiers')).some((j) => j.includes('after-revoke')),
    ).toBe(false);
    // No credential, or a made-up one.
    expect((await fetch(`${server.url}/sync/dossiers/pull`)).status).toBe(401);
    expect((await http('mc1_made_up', 'GET', '/sync/dossiers/pull')).status).toBe(401);
    // An enrolment code works once.
    const { code } = await server.store.devices.issueEnrolCode(OFFICE_A, 'counter', 5);
    const first = await fetch(`${server.url}/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, counterId: 'a1', deviceName: 'x' }),
    });
    const second = await fetch(`${server.url}/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, counterId: 'a1', deviceName: 'x' }),
    });
    expect([first.status, second.status]).toEqual([200, 403]);
  });
});

describe('revocation from another process (the CLI, a second server)', () => {
  it('a device the server remembers is refused as soon as another process revokes it', async () => {
    const { token, deviceId } = await enrol(server, OFFICE_A, 'a1');
    // Authenticated once: the server now answers this device from memory.
    expect((await http(token, 'GET', '/sync/dossiers/pull?limit=1')).status).toBe(200);
    const cliPool = new pg.Pool({ connectionString: server.pgUrl, max: 1 });
    try {
      expect(await openStores(cliPool).devices.revokeDevice(deviceId)).toBe(true);
    } finally {
      await cliPool.end();
    }
    // The NOTIFY arrives on commit; allow the few milliseconds it takes to travel.
    const refused = await eventually(
      async () => (await http(token, 'GET', '/sync/dossiers/pull?limit=1')).status,
      (status) => status === 401,
      2000,
    );
    expect(refused).toBe(401);
  });
});

describe('browser clients (web mode, app://)', () => {
  it('answers a CORS preflight without a credential, and still refuses the request itself without one', async () => {
    const origin = 'http://127.0.0.1:4173';
    const preflight = await fetch(`${server.url}/sync/dossiers/push`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': `authorization, content-type, content-encoding, ${REPLICA_HEADER}`,
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-headers')).toContain(REPLICA_HEADER);
    const unauthenticated = await fetch(`${server.url}/sync/dossiers/pull`, { headers: { origin } });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('access-control-allow-origin')).toBe(origin);
    // The live stream too (its reply is written by hand): without the header the page cannot read it.
    const { token } = await enrol(server, OFFICE_A, 'a1');
    const abort = new AbortController();
    const stream = await fetch(`${server.url}/sync/stream`, {
      headers: { origin, authorization: bearer(token), accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('access-control-allow-origin')).toBe(origin);
    abort.abort();
  });
});

/** More counters in office B's catalogue (enrolment names a counter the province has set up). */
async function addCounters(ids: string[]): Promise<void> {
  const res = await server.store.catalogue.upsertCatalogue(
    'counters',
    ids.map((id) => ({
      id,
      officeId: OFFICE_B,
      name: `Quầy ${id}`,
      updatedAt: '2026-03-02T01:00:00.000Z',
      _deleted: false,
    })),
    'test',
  );
  expect(res.rejected).toEqual([]);
}

describe('dossier-code leases', () => {
  it('counters of one office asking at once get disjoint blocks; another office cannot ask', async () => {
    const a = await enrol(server, OFFICE_A, 'a1');
    const b = await enrol(server, OFFICE_A, 'a2');
    const ask = (token: string, counterId: string) =>
      http(token, 'POST', '/codes/lease', { officeId: OFFICE_A, counterId, date: '2026-03-02', count: 5 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? ask(a.token, 'a1') : ask(b.token, 'a2'))),
    );
    const numbers = answers.flatMap((r) => {
      expect(r.status).toBe(200);
      const { from, to } = r.json.lease as { from: number; to: number };
      return Array.from({ length: to - from + 1 }, (_, k) => from + k);
    });
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.length).toBe(100);
    // Asking for another counter's or another office's numbers is refused.
    expect((await ask(a.token, 'a2')).status).toBe(403);
    const other = await enrol(server, OFFICE_B, 'b1');
    expect(
      (
        await http(other.token, 'POST', '/codes/lease', {
          officeId: OFFICE_A,
          counterId: 'b1',
          date: '2026-03-02',
          count: 5,
        })
      ).status,
    ).toBe(403);
  });

  it("revoking a counter's device frees its code slot; a replacement PC gets a slot and numbers safely", async () => {
    await addCounters(['b9']);
    const old = await enrol(server, OFFICE_B, 'b9');
    const slot = await http(old.token, 'POST', '/codes/slot', { officeId: OFFICE_B, counterId: 'b9' });
    expect(slot.status).toBe(200);
    const state = async () =>
      (
        await server.store.pool.query<{
          state: { slots: Record<string, number>; retired: Record<string, string> };
        }>('SELECT state FROM code_lease_state WHERE office_id = $1', [OFFICE_B])
      ).rows[0]!.state;
    // Slots belong to devices (the id the server gave it), never to the counter a PC names.
    expect((await state()).slots[old.deviceId]).toBe(slot.json.slot);
    expect(await server.store.devices.revokeDevice(old.deviceId)).toBe(true);
    const after = await state();
    expect(after.slots[old.deviceId]).toBeUndefined();
    expect(Object.keys(after.retired)).toContain(String(slot.json.slot));
    // The stolen PC can ask for nothing more; the replacement is a new counter in the slot table.
    expect(
      (
        await http(old.token, 'POST', '/codes/lease', {
          officeId: OFFICE_B,
          counterId: 'b9',
          date: '2026-03-02',
          count: 5,
        })
      ).status,
    ).toBe(401);
    const fresh = await enrol(server, OFFICE_B, 'b9');
    const again = await http(fresh.token, 'POST', '/codes/slot', { officeId: OFFICE_B, counterId: 'b9' });
    expect(again.status).toBe(200);
    expect(typeof again.json.slot).toBe('number');
  });

  it("two PCs naming one counter get two slots; revoking one keeps the other's slot", async () => {
    await addCounters(['b8']);
    const first = await enrol(server, OFFICE_B, 'b8');
    const second = await enrol(server, OFFICE_B, 'b8');
    const one = await http(first.token, 'POST', '/codes/slot', { officeId: OFFICE_B, counterId: 'b8' });
    const slot = await http(second.token, 'POST', '/codes/slot', { officeId: OFFICE_B, counterId: 'b8' });
    expect(one.json.slot).not.toBe(slot.json.slot);
    await server.store.devices.revokeDevice(first.deviceId);
    const again = await http(second.token, 'POST', '/codes/slot', { officeId: OFFICE_B, counterId: 'b8' });
    expect(again.json.slot).toBe(slot.json.slot);
  });
});
