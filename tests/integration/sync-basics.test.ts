// Sync between counters of one office and the province: offline work, backlogs, merges and the
// live stream. Refusals, access control and code leases are in sync-refusals.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/db/embedded-postgres';
import {
  act,
  enrol,
  eventually,
  ids,
  OFFICE_A,
  OFFICE_B,
  receiveSteps,
  type SeededServer,
  type TestCounter,
  THREE_STEPS,
} from './harness';
import { requestGate, responseGate, useSyncServer } from '../support/sync-fixture';

const sync = useSyncServer();
const { counters, counter, http, syncBacklog } = sync;
let server: SeededServer;
beforeAll(() => {
  server = sync.server;
});

describe('two counters of one office and the province', () => {
  it('offline work on both counters reaches the other and the province, nothing lost or duplicated', async () => {
    const a1 = await counter(OFFICE_A, 'a1', true);
    const a2 = await counter(OFFICE_A, 'a2');
    const province = await counter(OFFICE_A, 'p1', false, 'province');
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
});

// The same scenario group, continued: what a counter pulls, and the live stream.
describe('two counters of one office and the province', () => {
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
});
