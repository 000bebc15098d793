// A new counter's first download by snapshot (issue 27): the recent phase before replication, the
// history in the background, the pull resuming at the snapshot's checkpoints, office scoping.
import { describe, expect, it } from 'vitest';
import {
  bootstrapHistory,
  bootstrapRecent,
  type BootstrapRecord,
} from '../../renderer/features/sync/bootstrap';
import { historyWithRetries } from '../../renderer/features/sync/bootstrap-counter';
import { snapshotLines } from '../../server/replication/snapshot';
import { snapshotEndSchema } from '../../shared/sync/snapshot';
import { act, eventually, ids, OFFICE_A, OFFICE_B, THREE_STEPS, type TestCounter } from './harness';
import { useSyncServer } from '../support/sync-fixture';
import { PATH_TO } from '../support/workflow-fixtures';

const sync = useSyncServer();
const { counter, http } = sync;

/** Records dossiers on a counter and brings them to the server. */
async function recordAndSync(c: TestCounter, prefix: string, open: number, closed: number): Promise<void> {
  for (let i = 0; i < open; i++) await act(c, `${prefix}-open-${i}`, THREE_STEPS);
  for (let i = 0; i < closed; i++) await act(c, `${prefix}-closed-${i}`, PATH_TO.returned);
  c.connect(sync.server.url);
  const summary = await c.sync!.endOfDaySync(20_000);
  expect(summary).toMatchObject({ complete: true, pending: 0, rejected: [] });
}

function memoryStore() {
  let record: BootstrapRecord | null = null;
  return {
    get: async () => record,
    set: async (r: BootstrapRecord) => void (record = r),
  };
}

describe('bootstrap snapshot', () => {
  it('a fresh counter gets its office recent first, then its history, and sends none of it back', async () => {
    const a1 = await counter(OFFICE_A, 'a1');
    await recordAndSync(a1, 'boot', 3, 2);
    const b1 = await counter(OFFICE_B, 'b1');
    await recordAndSync(b1, 'bee', 1, 1);
    const officeA = (await ids(a1, 'dossiers')).filter((id) => id.startsWith('boot-'));
    const eventsA = (await ids(a1, 'dossier_events')).filter((id) => id.startsWith('boot-'));

    const fresh = await counter(OFFICE_A, 'a2');
    const store = memoryStore();
    const phases: string[] = [];
    const opts = {
      serverUrl: sync.server.url,
      token: fresh.token,
      collections: { dossiers: fresh.db.dossiers, dossier_events: fresh.db.dossier_events },
      store,
      onProgress: (p: { phase: string }) => void (phases.at(-1) !== p.phase && phases.push(p.phase)),
    };
    let from!: (v: Awaited<ReturnType<typeof bootstrapRecent>>) => void;
    fresh.connect(sync.server.url, { pullFrom: new Promise((resolve) => (from = resolve)) });
    const pullFrom = await bootstrapRecent(opts, fresh.sync!.replications);
    expect(pullFrom?.dossiers?.seq).toBeGreaterThan(0);
    // Open dossiers (and the recent window) first: the closed, older ones are history.
    expect(await ids(fresh, 'dossiers')).toEqual(officeA.filter((id) => id.includes('-open-')));
    expect((await store.get())?.historyComplete).toBe(false);

    from(pullFrom);
    expect(await bootstrapHistory(opts, fresh.sync!.replications)).toBe(true);
    expect(phases).toEqual(['recent', 'history', 'done']);
    expect(await ids(fresh, 'dossiers')).toEqual(officeA);
    expect(await ids(fresh, 'dossier_events')).toEqual(eventsA);
    expect((await store.get())?.historyComplete).toBe(true);
    // A new step on the other counter arrives by the normal pull after the snapshot.
    await act(a1, 'boot-open-0', [['seal', 'sealer']]);
    await a1.sync!.endOfDaySync(20_000);
    await eventually(
      async () => (await fresh.db.dossiers.findOne('boot-open-0').exec())?.status,
      (s) => s === 'sealed',
    );
    // Nothing of the snapshot went back up, and nothing of office B came down.
    const summary = await fresh.sync!.endOfDaySync(20_000);
    expect(summary).toMatchObject({ complete: true, sent: 0, pending: 0, rejected: [] });
    expect((await ids(fresh, 'dossiers')).some((id) => id.startsWith('bee-'))).toBe(false);
  });

  it('a history download cut by the link resumes by itself after a back-off and completes', async () => {
    const a3 = await counter(OFFICE_A, 'a1');
    await recordAndSync(a3, 'cut', 1, 2);
    const officeA = (await ids(a3, 'dossiers')).filter((id) => id.startsWith('cut-'));
    await a3.remove();
    const fresh = await counter(OFFICE_A, 'a2');
    const store = memoryStore();
    let historyTries = 0;
    const opts = {
      serverUrl: sync.server.url,
      token: fresh.token,
      collections: { dossiers: fresh.db.dossiers, dossier_events: fresh.db.dossier_events },
      store,
      // The first history request meets a dropped link, as fetch reports it.
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (String(input).includes('phase=history') && historyTries++ === 0)
          throw new TypeError('fetch failed');
        return fetch(input, init);
      }) as typeof fetch,
    };
    let from!: (v: Awaited<ReturnType<typeof bootstrapRecent>>) => void;
    fresh.connect(sync.server.url, { pullFrom: new Promise((resolve) => (from = resolve)) });
    from(await bootstrapRecent(opts, fresh.sync!.replications));
    const waits: number[] = [];
    await historyWithRetries(opts, fresh.sync!.replications, async (ms) => void waits.push(ms));
    expect(waits).toEqual([5_000]);
    expect(historyTries).toBe(2);
    expect((await store.get())?.historyComplete).toBe(true);
    for (const id of officeA) expect(await fresh.db.dossiers.findOne(id).exec()).not.toBeNull();
    await fresh.remove();
  });

  it('a device of office B gets nothing of office A; bad parameters and province devices are refused', async () => {
    const b2 = await counter(OFFICE_B, 'b1');
    for (const phase of [
      'recent',
      'history&since=2026-01-01T00:00:00.000Z&dossiersSeq=999999&eventsSeq=999999',
    ]) {
      const res = await fetch(`${sync.server.url}/sync/snapshot?phase=${phase}`, {
        headers: { authorization: `Bearer ${b2.token}` },
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(OFFICE_A);
      expect(snapshotEndSchema.parse(JSON.parse(text.trim().split('\n').at(-1)!)).phase).toBe(
        phase.slice(0, phase.indexOf('&') === -1 ? undefined : phase.indexOf('&')),
      );
    }
    expect((await http(b2.token, 'GET', '/sync/snapshot?phase=everything')).status).toBe(400);
    expect((await http(b2.token, 'GET', '/sync/snapshot?phase=history')).status).toBe(400);
    const { token } = await (await import('./harness')).enrol(sync.server, OFFICE_A, 'p1', 'province');
    expect((await http(token, 'GET', '/sync/snapshot?phase=recent')).json.error).toBe('forbidden');
  });

  it('a write committed during the snapshot is not in it, and the pull from its checkpoints brings it', async () => {
    const a3 = await counter(OFFICE_A, 'a1');
    await recordAndSync(a3, 'during', 2, 0);
    const lines = snapshotLines(sync.server.store.pool, OFFICE_A, { phase: 'recent' });
    const head = await lines.next();
    expect(head.done).toBe(false);
    // The snapshot is taken: now a new dossier and a step on one it holds are committed.
    await act(a3, 'during-new', THREE_STEPS);
    await act(a3, 'during-open-1', [['seal', 'sealer']]);
    await a3.sync!.endOfDaySync(20_000);
    let body = '';
    for await (const part of lines) body += part;
    const end = snapshotEndSchema.parse(JSON.parse(body.trim().split('\n').at(-1)!));
    expect(body).not.toContain('during-new');
    expect(body).toContain('"during-open-1"');
    const held = body.split('\n').find((l) => l.startsWith('{"id":"during-open-1",'));
    expect(JSON.parse(held!).status).toBe('approved');
    const pulled = await http(
      a3.token,
      'GET',
      `/sync/dossiers/pull?seq=${end.checkpoints.dossiers.seq}&id=${end.checkpoints.dossiers.id}`,
    );
    const got = (pulled.json.documents as { id: string; status: string }[]).map((d) => `${d.id}:${d.status}`);
    expect(got).toEqual(expect.arrayContaining(['during-new:approved', 'during-open-1:sealed']));
  });
});
