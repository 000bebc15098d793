import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, REPLICA_HEADER } from '../../shared/sync/contract';
import {
  act,
  enrol,
  eventually,
  OFFICE_A,
  openCounter,
  receiveSteps,
  type RunningServer,
  type SeededServer,
  startSeededServer,
  startServer,
  type TestCounter,
} from './harness';

/**
 * Two server processes on one database (a province running several behind a load balancer): what
 * one commits must reach the live streams the other holds. Its own file: a JavaScript context opens
 * a bounded number of RxDB collections, and the sync-*.test.ts files keep many counters open.
 */
let server: SeededServer;
let second: RunningServer;
const counters: TestCounter[] = [];

beforeAll(async () => {
  server = await startSeededServer();
  second = await startServer(server.pgUrl);
});
afterAll(async () => {
  for (const c of counters) await c.close();
  await second?.close();
  await server?.close();
});

describe('several server processes on one database', () => {
  it("a counter's live stream on one process hears of work pushed through another, and a revocation closes it there", async () => {
    const { token, deviceId } = await enrol(server, OFFICE_A, 'a2');
    const listening = await openCounter(OFFICE_A, 'a2', token);
    counters.push(listening);
    const sync = listening.connect(second.url);
    await sync.awaitInSync(10_000);
    // Work pushed through the first process, after the listening counter has synced.
    const { token: t1 } = await enrol(server, OFFICE_A, 'a1');
    const a1 = await openCounter(OFFICE_A, 'a1', t1);
    counters.push(a1);
    await act(a1, 'xproc-1', receiveSteps);
    a1.connect(server.url);
    const arrived = await eventually(
      async () => (await listening.db.dossiers.findOne('xproc-1').exec()) !== null,
      (found) => found,
      10_000,
    );
    expect(arrived).toBe(true);
    // Revoked through the first process: the second ends the device's stream.
    const ended = new Promise<void>((resolve) =>
      second.store.devices.revocations.once('revoked', () => resolve()),
    );
    expect(await server.store.devices.revokeDevice(deviceId)).toBe(true);
    await ended;
  });

  it("a replica's live stream stays quiet about its own pushes, and tells of anyone else's", async () => {
    const { token } = await enrol(server, OFFICE_A, 'a1');
    const mine = 'replica-mine-0000000001';
    // The stream on the second process; the pushes go through the first.
    const stream = await fetch(`${second.url}/sync/stream`, {
      headers: { authorization: bearer(token), accept: 'text/event-stream', [REPLICA_HEADER]: mine },
    });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    const hints: string[] = [];
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        hints.push(...value.split('\n\n').filter((frame) => frame.startsWith('data: ')));
      }
    })();
    await eventually(
      async () => hints.length,
      (n) => n === 1, // the hint every stream opens with
    );
    const counter = await openCounter(OFFICE_A, 'a1', token);
    const pushAs = async (id: string, replica: string) => {
      const { events } = await act(counter, id, receiveSteps);
      const res = await fetch(`${server.url}/sync/dossier_events/push`, {
        method: 'POST',
        headers: {
          authorization: bearer(token),
          'content-type': 'application/json',
          [REPLICA_HEADER]: replica,
        },
        body: JSON.stringify({ rows: events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })) }),
      });
      expect(res.status).toBe(200);
    };
    await pushAs('own-hint-1', mine);
    await new Promise((r) => setTimeout(r, 500));
    expect(hints).toHaveLength(1);
    await pushAs('own-hint-2', 'replica-other-000000001');
    const told = await eventually(
      async () => hints.slice(1),
      (h) => h.length > 0,
    );
    expect(told[0]).toContain('dossier_events');
    await reader.cancel();
    await counter.close();
  });

  it('a process that stops ends its live streams first: its shutdown does not wait on them', async () => {
    const { token } = await enrol(server, OFFICE_A, 'a1');
    const stopping = await startServer(server.pgUrl);
    const stream = await fetch(`${stopping.url}/sync/stream`, {
      headers: { authorization: bearer(token), accept: 'text/event-stream' },
    });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain('resync');
    // The client keeps reading: only the server can end the stream, and close() waits for open requests.
    await stopping.close();
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    expect(ended).toBe(true);
  });
});
