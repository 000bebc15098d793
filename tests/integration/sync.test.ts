import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, REPLICA_HEADER, type PushResponse } from '../../shared/sync/contract';
import { computeEventHash } from '../../shared/workflow';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import type { SyncClientOptions } from '../../renderer/features/sync/client';
import pg from 'pg';
import { freePort } from '../../server/db/embedded-postgres';
import { openStores } from '../../server/stores';
import {
  act,
  enrol,
  eventually,
  ids,
  OFFICE_A,
  OFFICE_B,
  openCounter,
  receiveSteps,
  type SeededServer,
  startSeededServer,
  type TestCounter,
  THREE_STEPS,
} from './harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
type Json = any;

let server: SeededServer;
const counters: TestCounter[] = [];

beforeAll(async () => {
  server = await startSeededServer();
});
afterAll(async () => {
  for (const c of counters) await c.close();
  await server?.close();
});

async function counter(office: string, counterId: string, withOfficers = false): Promise<TestCounter> {
  const { token } = await enrol(server, office, counterId);
  const c = await openCounter(office, counterId, token, withOfficers);
  counters.push(c);
  return c;
}

/** A fetch for the sync client that records every document a push response refuses. */
function watchRefusals(): { refused: string[]; watching: typeof fetch } {
  const refused: string[] = [];
  const watching: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (String(input).includes('/push')) {
      const body = (await res.clone().json()) as PushResponse;
      refused.push(...(body.rejected ?? []).map((r) => `${r.id}: ${r.reason}`));
    }
    return res;
  };
  return { refused, watching };
}

/**
 * A counter of office A records `dossiers` three-step dossiers offline, then syncs them with
 * `options`: the end-of-day sync completes, no push is refused, every event is on the server.
 */
async function syncBacklog(
  prefix: string,
  dossiers: number,
  options: Partial<SyncClientOptions>,
): Promise<TestCounter> {
  const c = await counter(OFFICE_A, 'a2');
  for (let i = 0; i < dossiers; i++) await act(c, `${prefix}-${i}`, THREE_STEPS);
  const { refused, watching } = watchRefusals();
  c.connect(server.url, { ...options, fetch: watching });
  const summary = await c.sync!.endOfDaySync(20_000);
  expect(summary).toMatchObject({ complete: true, pending: 0, rejected: [] });
  expect(refused).toEqual([]);
  const onServer = await server.store.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM documents WHERE collection = 'dossier_events' AND id LIKE $1`,
    [`${prefix}-%`],
  );
  expect(onServer.rows[0]!.n).toBe(dossiers * THREE_STEPS.length);
  return c;
}

/** A fetch for the sync client whose requests to URLs containing `path` wait while held. */
function requestGate(path: string): { hold(): void; release(): void; fetch: typeof fetch } {
  let held: Promise<void> | null = null;
  let open = () => {};
  return {
    hold() {
      held = new Promise((resolve) => (open = resolve));
    },
    release() {
      held = null;
      open();
    },
    fetch: async (input, init) => {
      if (held && String(input).includes(path)) await held;
      return fetch(input, init);
    },
  };
}

/**
 * A fetch for the sync client that, once armed, keeps the response of the next request to a URL
 * containing `path` from the client until released: the server has answered (its reading is made),
 * the client has not seen it. Later requests pass.
 */
function responseGate(path: string): {
  arm(): void;
  release(): void;
  held: () => boolean;
  fetch: typeof fetch;
} {
  let armed = false;
  let held = false;
  let open = () => {};
  const released = new Promise<void>((resolve) => (open = resolve));
  return {
    arm() {
      armed = true;
    },
    release: () => open(),
    held: () => held,
    fetch: async (input, init) => {
      const keep = armed && String(input).includes(path);
      if (keep) armed = false;
      const res = await fetch(input, init);
      if (!keep) return res;
      const body = await res.arrayBuffer();
      held = true;
      await released;
      return new Response(body, { status: res.status, headers: res.headers });
    },
  };
}

async function http(
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: bearer(token), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json() };
}

describe('two counters of one office and the province', () => {
  it('offline work on both counters reaches the other and the province, nothing lost or duplicated', async () => {
    const a1 = await counter(OFFICE_A, 'a1', true);
    const a2 = await counter(OFFICE_A, 'a2');
    const { token: provinceToken } = await enrol(server, OFFICE_A, 'p1', 'province');
    const province = await openCounter(OFFICE_A, 'p1', provinceToken);
    counters.push(province);
    // Offline: each counter records dossiers with no server at all.
    for (let i = 0; i < 5; i++) await act(a1, `off-a1-${i}`, receiveSteps);
    for (let i = 0; i < 4; i++) await act(a2, `off-a2-${i}`, [...receiveSteps, ['appraise', 'appraiser']]);
    a1.connect(server.url);
    a2.connect(server.url);
    province.connect(server.url);
    const expected = [
      ...Array.from({ length: 5 }, (_, i) => `off-a1-${i}`),
      ...Array.from({ length: 4 }, (_, i) => `off-a2-${i}`),
    ].sort();
    for (const c of [a1, a2, province]) {
      await eventually(
        () => ids(c, 'dossiers'),
        (v) => expected.every((id) => v.includes(id)),
      );
      await eventually(
        () => ids(c, 'dossier_events'),
        (v) => v.filter((id) => id.startsWith('off-')).length === 5 + 8,
      );
    }
    const summary = await a1.sync!.endOfDaySync(20_000);
    expect(summary).toMatchObject({ complete: true, rejected: [], pending: 0 });
    expect(a2.sync!.snapshot.pending).toBe(0);
    expect(a1.sync!.snapshot.online).toBe(true);
    expect(a1.sync!.snapshot.clockWarning).toBe(false);
    // Server holds each exactly once, with the counters' own content.
    const serverIds = (await server.store.replication.fingerprint('dossiers', OFFICE_A)).map(
      (j) => JSON.parse(j).id as string,
    );
    expect(serverIds.filter((id) => id.startsWith('off-')).sort()).toEqual(expected);
    const onA2 = await a2.db.dossiers.findOne('off-a1-0').exec();
    expect(onA2?.status).toBe('received');
    // The office's officer roster arrived (pull-only), none of office B's.
    const officers = await eventually(
      async () => (await a1.db.officers!.find().exec()).map((o) => o.officeId),
      (v) => v.length === 5,
    );
    expect(officers).not.toContain(OFFICE_B);
    await province.close();
    counters.splice(counters.indexOf(province), 1);
  });

  it('work recorded before the app started counts as pending while the server is away, and drains when it is back', async () => {
    const c = await counter(OFFICE_A, 'a1');
    // Yesterday's work, recorded with no sync client running at all (the app was closed since).
    for (let i = 0; i < 3; i++) await act(c, `backlog-${i}`, receiveSteps);
    // Today the app starts with the server unreachable (a closed port).
    c.connect(`http://127.0.0.1:${await freePort()}`);
    const offline = await eventually(
      () => Promise.resolve(c.sync!.snapshot),
      (st) => st.pending === 3 + 3 * receiveSteps.length,
    );
    expect(offline.online).toBe(false);
    await c.disconnect();
    c.connect(server.url);
    const summary = await c.sync!.endOfDaySync(20_000);
    expect(summary).toMatchObject({ complete: true, pending: 0, rejected: [] });
    expect((await ids(c, 'dossiers')).filter((id) => id.startsWith('backlog-'))).toHaveLength(3);
  });

  it('a push call sent as several requests, fewer in flight than requests: no event goes before its parent', async () => {
    // Calls of 100 events (three per dossier) cut a dossier apart at every call's end; each call goes
    // as three requests, one at a time, while RxDB runs up to three calls side by side.
    const c = await syncBacklog('parts', 200, {
      pushBatchSize: 100,
      pushRequestRows: 50,
      pushParallelism: 1,
    });
    await c.close();
  });

  it('a backlog split across many push batches reaches the server without an event arriving before its parent', async () => {
    // Batches of 4 cut most dossiers' events apart; RxDB sends the batches side by side.
    await syncBacklog('split', 12, { pushBatchSize: 4 });
  });

  it('the same dossier edited on both sides: different fields merge, the same field is kept for the supervisor', async () => {
    const [a1, a2] = [counters[0]!, counters[1]!];
    await act(a1, 'shared-1', receiveSteps);
    await act(a1, 'shared-2', receiveSteps);
    await eventually(
      () => ids(a2, 'dossiers'),
      (v) => v.includes('shared-1') && v.includes('shared-2'),
    );
    await a1.sync!.awaitInSync();
    await a2.sync!.awaitInSync();
    await a1.disconnect();
    await a2.disconnect();
    // shared-1: a1 appraises, a2 edits the phone: different fields.
    await act(a1, 'shared-1', [['appraise', 'appraiser']]);
    await act(a2, 'shared-1', [['edit_details', 'receiver']], { applicant: { phone: '0987 654 321' } });
    // shared-2: both change the phone to different numbers: a true conflict.
    await act(a1, 'shared-2', [['edit_details', 'receiver']], { applicant: { phone: '0911 111 111' } });
    await act(a2, 'shared-2', [['edit_details', 'receiver']], { applicant: { phone: '0922 222 222' } });
    a1.connect(server.url);
    await a1.sync!.endOfDaySync(20_000);
    a2.connect(server.url);
    const s2 = await a2.sync!.endOfDaySync(20_000);
    expect(s2.conflicts).toBeGreaterThanOrEqual(2);
    await a1.sync!.endOfDaySync(20_000);
    const merged = await eventually(
      async () => (await a1.db.dossiers.findOne('shared-1').exec())?.toJSON(),
      (d) => d?.status === 'appraised' && d.applicant.phone === '0987654321',
    );
    expect(merged?.eventCount).toBe(2);
    const onA2 = await eventually(
      async () => (await a2.db.dossiers.findOne('shared-1').exec())?.toJSON(),
      (d) => d?.status === 'appraised',
    );
    expect(onA2?.applicant.phone).toBe('0987654321');
    // Both events of the fork are kept everywhere.
    await eventually(
      () => ids(a1, 'dossier_events'),
      (v) => v.filter((id) => id.startsWith('shared-1-e2')).length === 2,
    );
    // True conflict: master (a1's) kept, a2's version stored for the supervisor.
    const record = (await a2.sync!.listConflicts()).find((c) => c.dossierId === 'shared-2')!;
    expect(record.fields).toContain('applicant');
    expect(record.master).toMatchObject({ applicant: { phone: '0911111111' } });
    expect(record.incoming).toMatchObject({ applicant: { phone: '0922222222' } });
    const shared2 = await eventually(
      async () => (await a2.db.dossiers.findOne('shared-2').exec())?.toJSON(),
      (d) => d?.applicant.phone === '0911111111',
    );
    expect(shared2?.applicant.phone).toBe('0911111111');
    // An office B device sees none of office A's conflicts.
    const b = await enrol(server, OFFICE_B, 'b1');
    expect((await http(b.token, 'GET', '/conflicts')).json.conflicts).toEqual([]);
    // The supervisor reviews it on either counter: it leaves the office's list.
    await a1.sync!.resolveConflict(record.id);
    expect((await a2.sync!.listConflicts()).map((c) => c.dossierId)).not.toContain('shared-2');
    await expect(a1.sync!.resolveConflict(record.id)).rejects.toThrow();
  });

  it('a counter does not download its own pushed work again, and still gets all that follows it in one sync', async () => {
    const gate = requestGate('/pull');
    const a1 = await counter(OFFICE_A, 'a1');
    const a2 = await counter(OFFICE_A, 'a2');
    a1.connect(server.url, { fetch: gate.fetch, pullBatchSize: 5 });
    a2.connect(server.url);
    expect(await a1.sync!.endOfDaySync(20_000)).toMatchObject({ complete: true, pending: 0 });
    // While a1's pulls wait, its day goes up and the other counter's work lands after it: a1's
    // checkpoint stays before both, with sixteen pages of its own changes in between.
    gate.hold();
    for (let i = 0; i < 20; i++) await act(a1, `echo-a1-${i}`, THREE_STEPS);
    const onServer = async (prefix: string) =>
      (
        await server.store.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM documents WHERE id LIKE $1`,
          [`${prefix}-%`],
        )
      ).rows[0]!.n;
    await eventually(
      () => onServer('echo-a1'),
      (n) => n === 20 * 4,
    );
    for (let i = 0; i < 2; i++) await act(a2, `echo-a2-${i}`, THREE_STEPS);
    expect(await a2.sync!.endOfDaySync(20_000)).toMatchObject({ complete: true, pending: 0 });
    gate.release();
    const summary = await a1.sync!.endOfDaySync(20_000);
    // The supervisor's summary counts what came from elsewhere: a2's 2 dossiers and 6 events.
    expect(summary).toMatchObject({ complete: true, pending: 0, received: 2 + 6 });
    expect((await ids(a1, 'dossiers')).filter((id) => id.startsWith('echo-')).length).toBe(22);
    expect((await ids(a1, 'dossier_events')).filter((id) => id.startsWith('echo-')).length).toBe(66);
    // The other counter receives all of a1's work.
    await a2.sync!.endOfDaySync(20_000);
    expect((await ids(a2, 'dossiers')).filter((id) => id.startsWith('echo-a1-')).length).toBe(20);
    for (const c of [a1, a2]) await c.close(); // stay under RxDB's open-collection limit
  });

  it('live: work told of while a pull is held all arrives, each dossier at its newest step, and is counted once', async () => {
    const gate = requestGate('/pull');
    const a1 = await counter(OFFICE_A, 'a1');
    const a2 = await counter(OFFICE_A, 'a2');
    a1.connect(server.url);
    a2.connect(server.url, { fetch: gate.fetch, pullBatchSize: 5 });
    await a2.sync!.awaitInSync(20_000);
    const before = a2.sync!.snapshot.progress.received;
    // a2's pulls wait while a1's steps reach the server one by one, each told to a2 on its stream;
    // one dossier goes through all five steps, so its versions follow one another.
    gate.hold();
    for (let i = 0; i < 4; i++) await act(a1, `live-${i}`, THREE_STEPS);
    await act(a1, 'live-0', [
      ['seal', 'sealer'],
      ['return_result', 'receiver'],
    ]);
    const onServer = async () =>
      (
        await server.store.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM documents WHERE id LIKE 'live-%'`,
        )
      ).rows[0]!.n;
    await eventually(onServer, (n) => n === 4 + 4 * 3 + 2);
    gate.release();
    // No end-of-day sync: the live stream alone brings everything, the last step of live-0 included.
    await eventually(
      async () => (await ids(a2, 'dossier_events')).filter((id) => id.startsWith('live-')).length,
      (n) => n === 14,
    );
    await eventually(
      async () => (await a2.db.dossiers.findOne('live-0').exec())?.status,
      (status) => status === 'returned',
    );
    expect((await ids(a2, 'dossiers')).filter((id) => id.startsWith('live-'))).toHaveLength(4);
    // Counted as written: a document pulled both live and by RxDB's own pull counts once.
    expect(a2.sync!.snapshot.progress.received - before).toBe(4 + 14);
    for (const c of [a1, a2]) await c.close();
  });

  it.each([
    ['once that pull has brought the newer version', true],
    ['at the moment that pull is asked for', false],
  ])(
    "live: a page read before a pull of RxDB's own is dropped, not written over the newer version that pull brings; the page arrives %s",
    async (_when, afterPull) => {
      const id = afterPull ? 'race-after' : 'race-with';
      const late = responseGate('/dossiers/pull');
      const a1 = await counter(OFFICE_A, 'a1');
      const a2 = await counter(OFFICE_A, 'a2');
      a1.connect(server.url);
      a2.connect(server.url, { fetch: late.fetch });
      await act(a1, id, receiveSteps);
      const statusOn = async (c: TestCounter) => (await c.db.dossiers.findOne(id).exec())?.status;
      await eventually(
        () => statusOn(a2),
        (status) => status === 'received',
      );
      await a2.sync!.awaitInSync(20_000);
      // a2's live pull reads the appraised version; its answer is kept from a2 for now.
      late.arm();
      await act(a1, id, [['appraise', 'appraiser']]);
      await eventually(async () => late.held(), Boolean);
      // The approved version reaches the server, and a2 is told to pull (RxDB's own pull).
      await act(a1, id, [['approve', 'approver']]);
      const onServer = async () =>
        (
          await server.store.pool.query<{ status: string }>(
            `SELECT doc->>'status' AS status FROM documents WHERE collection = 'dossiers' AND id = $1`,
            [id],
          )
        ).rows[0]?.status;
      await eventually(onServer, (status) => status === 'approved');
      a2.sync!.resync(['dossiers']);
      if (afterPull)
        await eventually(
          () => statusOn(a2),
          (status) => status === 'approved',
        );
      // The older page arrives. Live pulls of a collection run one at a time, so once a later change
      // has come live, the held page was dealt with.
      late.release();
      await act(a1, `${id}-next`, receiveSteps);
      await eventually(
        async () => (await a2.db.dossiers.findOne(`${id}-next`).exec())?.status,
        (s) => s === 'received',
      );
      await a2.sync!.awaitInSync(20_000);
      expect(await statusOn(a2)).toBe('approved');
      expect((await a2.db.dossiers.findOne(id).exec())?.eventCount).toBe(3);
      for (const c of [a1, a2]) await c.close();
    },
  );

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
    expect(await ids(a1, 'dossiers')).not.toContain('b-only');
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
