import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * a bounded number of RxDB collections, and sync.test.ts keeps many counters open.
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
    const ended = new Promise<void>((resolve) => second.store.changes.once('revoked', () => resolve()));
    expect(await server.store.revokeDevice(deviceId)).toBe(true);
    await ended;
  });
});
