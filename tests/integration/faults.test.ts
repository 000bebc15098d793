import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../server/db/embedded-postgres';
import { parseNdjsonBody } from '../../server/http/ndjson-body';
import type { Device } from '../../server/devices/device';
import { decide } from '../../shared/workflow/decide';
import { sampleCommand } from '../support/workflow-fixtures';
import { act, eventually, ids, OFFICE_A, officeActor, receiveSteps } from './harness';
import { useSyncServer } from '../support/sync-fixture';
import { TestProxy } from './proxy';

const fixture = useSyncServer();
const { counter } = fixture;

/** The replica id writer `w` pushes under (REPLICA_HEADER's format). */
const replicaOf = (w: number) => String(w).repeat(32);

function device(id: string): Device {
  return { id, officeId: OFFICE_A, counterId: 'a1', role: 'counter', name: id };
}

/**
 * An event row `id` as a counter pushes it: the receipt of a dossier of its own (a root event needs
 * nothing stored before it, and every document a pull orders is one row).
 */
function eventRow(id: string) {
  const decided = decide(
    null,
    {
      ...sampleCommand('receive', null),
      dossierId: `${id}-d`,
      officeId: OFFICE_A,
      counterId: 'a1',
      eventId: id,
    },
    officeActor(OFFICE_A, 'receiver', 'a1'),
    '2026-03-02T02:00:00.000Z',
  );
  if (!decided.ok) throw new Error(decided.error.message);
  return { newDocumentState: { ...decided.event, _deleted: false }, assumedMasterState: null };
}

describe('PostgreSQL ordering under concurrent writers', () => {
  it('a pull never skips a change whose transaction commits later', async () => {
    const store = fixture.server.store.replication;
    // Writers stall a random while before COMMIT, so sequence numbers are taken long before commit.
    store.beforeCommit = () => new Promise((r) => setTimeout(r, Math.random() * 15));
    const written: string[] = [];
    let writing = true;
    // Two readers: a plain one, and a counter whose own pushes (writer 0's) its pulls pass over.
    const reader = async (replica: string | null) => {
      const seen = new Map<string, number>();
      let checkpoint: { seq: number; id: string } | null = null;
      for (;;) {
        const done = !writing;
        const res = await store.pull(device('reader'), 'dossier_events', checkpoint, 50, replica);
        const documents = parseNdjsonBody(res.lines) as { id: string }[];
        for (const d of documents) if (d.id.startsWith('cc-')) seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
        checkpoint = res.checkpoint;
        if (done && !res.more && documents.length === 0) return seen;
      }
    };
    const readers = [reader(null), reader(replicaOf(0))];
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; i < 25; i++) {
        const id = `cc-${w}-${i}`;
        const res = await store.push(device(`w${w}`), 'dossier_events', [eventRow(id)], replicaOf(w));
        expect(res.rejected).toEqual([]);
        written.push(id);
      }
    });
    await Promise.all(writers);
    writing = false;
    const [all, others] = await Promise.all(readers);
    store.beforeCommit = undefined;
    expect(written).toHaveLength(150);
    expect([...all!.keys()].sort()).toEqual([...written].sort());
    expect([...all!.values()].every((n) => n === 1)).toBe(true);
    const notOwn = written.filter((id) => !id.startsWith('cc-0-'));
    // Writer 0's own documents come only as checkpoint carriers; every other one exactly once.
    expect(notOwn.every((id) => others!.get(id) === 1)).toBe(true);
    expect([...others!.values()].every((n) => n === 1)).toBe(true);
  });
});

describe("a counter's own pushes in its pulls", () => {
  it('are passed over ten pages at a time, and what others wrote after them comes in full pages', async () => {
    const store = fixture.server.store.replication;
    const own = replicaOf(7);
    const from = (await store.pull(device('reader'), 'dossier_events', null, 1000)).checkpoint;
    const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
    for (const id of ids(25, 'own')) await store.push(device('w'), 'dossier_events', [eventRow(id)], own);
    await store.push(device('w'), 'dossier_events', ids(3, 'other').map(eventRow), replicaOf(8));
    const pagesOf = async (replica: string | null) => {
      const pages: { ids: string[]; more: boolean; echoed: number }[] = [];
      let checkpoint = from;
      for (let more = true; more;) {
        const page = await store.pull(device('w'), 'dossier_events', checkpoint, 2, replica);
        const docs = parseNdjsonBody(page.lines) as { id: string }[];
        pages.push({ ids: docs.map((d) => d.id), more: page.more, echoed: page.echoed });
        checkpoint = page.checkpoint;
        more = page.more;
      }
      return pages;
    };
    expect(await pagesOf(own)).toEqual([
      // Twenty of its own changes looked through: only the last, which carries the checkpoint.
      { ids: ['own-19'], more: true, echoed: 1 },
      // Five more of its own passed over; the page fills with what the other counter wrote.
      { ids: ['other-0', 'other-1'], more: true, echoed: 0 },
      { ids: ['other-2'], more: false, echoed: 0 },
    ]);
    // Any other reader gets everything, two at a time.
    const all = await pagesOf(replicaOf(9));
    expect(all.flatMap((p) => p.ids)).toEqual([...ids(25, 'own'), ...ids(3, 'other')]);
    expect(all.every((p) => p.ids.length <= 2)).toBe(true);
  });
});

describe('outages', () => {
  it('network dropped in the middle of a pull: the counter resumes from its checkpoint, nothing lost or duplicated', async () => {
    const a1 = await counter(OFFICE_A, 'a1');
    for (let i = 0; i < 150; i++) await act(a1, `net-${i}`, receiveSteps);
    a1.connect(fixture.server.url);
    await a1.sync!.endOfDaySync(30_000);
    await a1.close();
    const proxy = new TestProxy({ targetPort: fixture.server.port });
    await proxy.start();
    const a2 = await counter(OFFICE_A, 'a2');
    const sync = a2.connect(proxy.url, { pullBatchSize: 10 });
    await eventually(
      async () => sync.snapshot.progress.received,
      (n) => n >= 40,
    );
    proxy.drop();
    await eventually(
      async () => sync.snapshot.online,
      (o) => !o,
    );
    const during = (await ids(a2, 'dossiers')).length;
    expect(during).toBeLessThan(150);
    await new Promise((r) => setTimeout(r, 500));
    proxy.restore();
    await eventually(
      () => ids(a2, 'dossiers'),
      (v) => v.filter((id) => id.startsWith('net-')).length === 150,
      30_000,
    );
    await eventually(
      () => ids(a2, 'dossier_events'),
      (v) => v.filter((id) => id.startsWith('net-')).length === 150,
      30_000,
    );
    const summary = await sync.endOfDaySync(30_000);
    expect(summary).toMatchObject({ complete: true, pending: 0, rejected: [] });
    const local = await a2.db.dossiers.find().exec();
    const fromServer = (await fixture.server.store.replication.fingerprint('dossiers', OFFICE_A)).map(
      (j) => JSON.parse(j) as { id: string; status: string },
    );
    expect(local.map((d) => d.id).sort()).toEqual(fromServer.map((d) => d.id).sort());
    await a2.close();
    await proxy.stop();
  });

  for (const stall of ['before-commit', 'after-commit'] as const) {
    it(`server killed in the middle of a push (${stall}) and restarted: nothing lost or duplicated`, async () => {
      const port = await freePort();
      const spawnServer = (env: Record<string, string>) =>
        new Promise<ChildProcess>((ok, fail) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/server-child.ts'], {
            env: { ...process.env, DATABASE_URL: fixture.server.pgUrl, PORT: String(port), ...env },
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          child.stdout!.on('data', (b: Buffer) => {
            if (b.toString().includes('LISTENING')) ok(child);
          });
          child.on('exit', (code) => fail(new Error(`server exited ${code}`)));
        });
      let child = await spawnServer({ STALL: stall });
      const stalled = new Promise<void>((ok) =>
        child.stdout!.on('data', (b: Buffer) => b.toString().includes('STALLED') && ok()),
      );
      const prefix = `kill-${stall}`;
      const c = await counter(OFFICE_A, 'a1');
      for (let i = 0; i < 60; i++)
        await act(c, `${prefix}-${i}`, [...receiveSteps, ['appraise', 'appraiser']]);
      const sync = c.connect(`http://127.0.0.1:${port}`, { pushBatchSize: 25 });
      await stalled;
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      // Any transaction the dead process left open is rolled back by PostgreSQL.
      await eventually(
        async () =>
          (
            await fixture.server.store.pool.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'`,
            )
          ).rows[0].n,
        (n) => n === 0,
      );
      child = await spawnServer({ STALL: 'none' });
      try {
        await eventually(
          async () =>
            (await fixture.server.store.replication.fingerprint('dossiers', OFFICE_A)).filter((j) =>
              j.includes(prefix),
            ).length,
          (n) => n === 60,
          30_000,
        );
        const summary = await sync.endOfDaySync(30_000);
        expect(summary).toMatchObject({ complete: true, pending: 0, rejected: [] });
        const events = await fixture.server.store.pool.query(
          `SELECT id FROM documents WHERE collection = 'dossier_events' AND id LIKE $1`,
          [`${prefix}-%`],
        );
        expect(events.rowCount).toBe(120);
        const dossiers = (await fixture.server.store.replication.fingerprint('dossiers', OFFICE_A))
          .map((j) => JSON.parse(j) as { id: string; status: string })
          .filter((d) => d.id.startsWith(prefix));
        expect(dossiers.every((d) => d.status === 'appraised')).toBe(true);
      } finally {
        await c.close();
        child.kill('SIGKILL');
      }
    });
  }
});
