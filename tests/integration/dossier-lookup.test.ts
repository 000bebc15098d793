// A counter finds a dossier its replica does not hold yet by asking the provincial server (issue 27):
// the route answers the dossiers of the device's own office only, by code, ID number or tax code
// and name, with their events; refuses bad parameters with a message and too many lookups with
// 429; and the counter's queue search stores what comes back as a pulled document, so the
// replication neither pushes it back nor pulls it into a conflict, and says "offline" when the
// server cannot be reached.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createOverdueService } from '../../renderer/features/overdue/replica-service';
import { createQueueService } from '../../renderer/features/queue/replica-service';
import { ServerConnection } from '../../renderer/features/sync/http';
import { ServerLookup } from '../../renderer/features/sync/server-lookup';
import { SyncStatus } from '../../renderer/features/sync/status';
import { dossierRoutes } from '../../server/dossiers/routes';
import { registerAuthRateLimit } from '../../server/http/rate-limit';
import { DOSSIER_LOOKUP_PATH } from '../../shared/sync/lookup';
import { openFullCounter, type FullCounter } from '../support/full-counter';
import { useSyncServer } from '../support/sync-fixture';
import { act, enrol, eventually, OFFICE_A, OFFICE_B, receiveSteps, testCodeOf, THREE_STEPS } from './harness';

const sync = useSyncServer();

const BINH = {
  kind: 'individual' as const,
  fullName: 'Trần Thị Bình',
  idNumber: '034185002468',
  taxCode: '',
  phone: '0987654321',
  email: '',
  address: 'Thôn Đông, xã Vũ Hội',
};

/** Office A's counter a1 records two dossiers (one of Trần Thị Bình), sends them to the server and closes. */
async function officeAHistory(prefix: string) {
  const a1 = await sync.counter(OFFICE_A, 'a1');
  const binh = await act(a1, `${prefix}-binh`, receiveSteps, { applicant: BINH });
  const other = await act(a1, `${prefix}-an`, THREE_STEPS);
  a1.connect(sync.server.url);
  await a1.sync!.awaitInSync();
  // Closed once sent: RxDB's open-source build allows 13 open collections per process.
  await a1.remove();
  return { binh, other };
}

describe('the lookup route', () => {
  it('finds a dossier of the own office by code, ID number and name, with its events; never another office’s', async () => {
    const { binh } = await officeAHistory('route');
    const a2 = await enrol(sync.server, OFFICE_A, 'a2');
    const b1 = await enrol(sync.server, OFFICE_B, 'b1');
    const code = testCodeOf('route-binh');
    const ask = (token: string, body: unknown) => sync.http(token, 'POST', DOSSIER_LOOKUP_PATH, body);

    const byCode = await ask(a2.token, { by: 'code', code });
    expect(byCode.status).toBe(200);
    expect(byCode.json.dossiers.map((d: { id: string }) => d.id)).toEqual(['route-binh']);
    expect(byCode.json.events.map((e: { id: string }) => e.id)).toEqual(binh.events.map((e) => e.id));
    expect(byCode.json.more).toBe(false);

    const idNumber = binh.dossier.applicant.idNumber;
    const byId = await ask(a2.token, { by: 'idNumber', idNumber });
    expect(byId.json.dossiers.map((d: { id: string }) => d.id)).toContain('route-binh');
    const name = binh.dossier.applicant.fullName;
    const [family, ...rest] = name.split(' ');
    const given = rest[rest.length - 1]!;
    for (const text of [name, name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''), given, family!]) {
      const byName = await ask(a2.token, { by: 'name', name: text });
      expect([text, byName.json.dossiers.map((d: { id: string }) => d.id)]).toEqual([
        text,
        expect.arrayContaining(['route-binh']),
      ]);
    }

    // Office B's counter: nothing of office A, whichever way it asks.
    for (const body of [
      { by: 'code', code },
      { by: 'idNumber', idNumber },
      { by: 'name', name },
    ]) {
      const fromB = await ask(b1.token, body);
      expect(fromB.status).toBe(200);
      expect(fromB.json).toMatchObject({ dossiers: [], events: [], more: false });
    }
  });

  it('refuses bad parameters with 400 and a message, and an unknown device with 401', async () => {
    const a2 = await enrol(sync.server, OFFICE_A, 'a2');
    for (const body of [
      { by: 'code', code: 'not-a-code' },
      { by: 'idNumber', idNumber: '12345' },
      { by: 'name', name: 'a' },
      { by: 'phone', phone: '0912345678' },
      { by: 'code', code: '000.00.06.H56-260302-0001', extra: 1 },
      null,
    ]) {
      const res = await sync.http(a2.token, 'POST', DOSSIER_LOOKUP_PATH, body);
      expect([JSON.stringify(body), res.status, res.json.error]).toEqual([
        JSON.stringify(body),
        400,
        'bad_request',
      ]);
      expect(res.json.message.length).toBeGreaterThan(0);
    }
    const stranger = await sync.http('no-such-token', 'POST', DOSSIER_LOOKUP_PATH, {
      by: 'name',
      name: 'an',
    });
    expect(stranger.status).toBe(401);
  });

  it('answers 429 with the wait once a device has made its lookups of the minute', async () => {
    const app = Fastify();
    await registerAuthRateLimit(app, 10);
    const devices = ['d1', 'd2'];
    app.addHook('onRequest', async (req) => {
      const id = String(req.headers['x-device']);
      req.device = { id, officeId: OFFICE_A, counterId: 'a1', role: 'counter', name: id };
    });
    await app.register(dossierRoutes, { pool: sync.server.db.pool, lookupsPerMinute: 2 });
    const ask = (device: string) =>
      app.inject({
        method: 'POST',
        url: DOSSIER_LOOKUP_PATH,
        headers: { 'x-device': device },
        payload: { by: 'name', name: 'nguyen' },
      });
    expect([(await ask(devices[0]!)).statusCode, (await ask(devices[0]!)).statusCode]).toEqual([200, 200]);
    const third = await ask(devices[0]!);
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ error: 'rate_limited' });
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // Another device of the office has its own allowance.
    expect((await ask(devices[1]!)).statusCode).toBe(200);
    await app.close();
  });
});

/** A fetch whose pulls of dossiers and events fail while `cut`: the office's history not down yet. */
function historyNotPulled() {
  const state = { cut: true };
  const fetching: typeof fetch = (input, init) =>
    state.cut && /\/sync\/dossier/.test(String(input))
      ? Promise.reject(new TypeError('history not pulled yet'))
      : fetch(input, init);
  return { state, fetching };
}

describe("the counter's search falls back to the server", () => {
  it('stores what the server found as pulled (no push back, no conflict after the pull) and opens it', async () => {
    const { binh } = await officeAHistory('counter');
    const enrolled = await enrol(sync.server, OFFICE_A, 'a2');
    const gate = historyNotPulled();
    const c: FullCounter = await openFullCounter({
      url: sync.server.url,
      token: enrolled.token,
      deviceId: enrolled.deviceId,
      office: OFFICE_A,
      counterId: 'a2',
      agencyCode: '000.00.01.H56',
      slot: 1,
      fetch: gate.fetching,
    });
    try {
      await searchAndPull(c, gate.state, binh);
    } finally {
      await c.close();
    }
  });

  async function searchAndPull(
    c: FullCounter,
    gate: { cut: boolean },
    binh: Awaited<ReturnType<typeof officeAHistory>>['binh'],
  ): Promise<void> {
    const replica = { directory: c.repo, data: () => c.repo };
    const overdue = createOverdueService({ replica, calendar: () => c.calendar.current() });
    const queue = createQueueService(replica, overdue, (query) => c.sync.findOnServer(query));
    const code = testCodeOf('counter-binh');

    expect(await queue.findByCode(code)).toBeNull();
    expect(await queue.search(code)).toEqual([]);
    const found = await queue.searchServer(code);
    expect(found).toMatchObject({ status: 'found', more: false });
    expect(found.status === 'found' && found.dossiers.map((d) => d.id)).toEqual(['counter-binh']);
    // Now local: the search box, the ID number's blind index and the dossier's history find it.
    expect((await queue.findByCode(code))?.id).toBe('counter-binh');
    expect((await c.repo.findByIdNumber(binh.dossier.applicant.idNumber)).map((d) => d.id)).toContain(
      'counter-binh',
    );
    expect((await c.repo.eventsOf('counter-binh')).map((e) => e.id)).toEqual(binh.events.map((e) => e.id));

    // The history comes down: the same versions, nothing written back to the server.
    const before = await sync.server.store.replication.fingerprint('dossiers', OFFICE_A);
    gate.cut = false;
    c.sync.resync();
    await eventually(
      async () => (await c.db.dossiers.find().exec()).length,
      (n) => n >= 2,
    );
    await c.sync.awaitInSync();
    expect(await sync.server.store.replication.fingerprint('dossiers', OFFICE_A)).toEqual(before);
    expect(c.sync.snapshot.pending).toBe(0);
    expect(await c.sync.listConflicts()).toEqual([]);
  }

  it('says offline when the server cannot be reached, and none when it has no such dossier', async () => {
    const enrolled = await enrol(sync.server, OFFICE_A, 'a2');
    const status = new SyncStatus();
    const up = new ServerConnection(
      { serverUrl: sync.server.url, token: enrolled.token, fetch: (i, o) => fetch(i, o), now: Date.now },
      status,
    );
    const down = new ServerConnection(
      { serverUrl: 'http://127.0.0.1:9', token: enrolled.token, fetch: (i, o) => fetch(i, o), now: Date.now },
      status,
    );
    const code = { by: 'code', code: '000.00.01.H56-991231-9999' } as const;
    expect(await new ServerLookup(up, {}, new Map()).find(code)).toEqual({ status: 'none' });
    expect(await new ServerLookup(down, {}, new Map()).find(code)).toEqual({ status: 'offline' });
  });
});
