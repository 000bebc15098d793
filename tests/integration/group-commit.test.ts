import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushRow } from '../../shared/sync/contract';
import type { Dossier, DossierEvent } from '../../shared/domain';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import type { Device } from '../../server/devices/device';
import { openStores } from '../../server/stores';
import { computeEventHash } from '../../shared/workflow';
import { decide } from '../../shared/workflow/decide';
import {
  act,
  enrol,
  OFFICE_A,
  officeActor,
  openCounter,
  receiveSteps,
  type SeededServer,
  startSeededServer,
  type TestCounter,
  THREE_STEPS,
} from './harness';

/**
 * Pushes that arrive while a write transaction runs are committed together (server/store.ts
 * write/writeGroup). What a counter must notice: every document stored exactly once, conflicts
 * detected between pushes of one group as between separate ones, and nothing refused because
 * another push of its group failed.
 */
let server: SeededServer;
let scratch: TestCounter;
const devices: Device[] = [];

const row = (doc: object, assumed: object | null = null): PushRow =>
  ({ newDocumentState: { ...doc, _deleted: false }, assumedMasterState: assumed }) as PushRow;

beforeAll(async () => {
  server = await startSeededServer();
  for (let i = 0; i < 8; i++) {
    // PCs of the counter whose replica records the events (an event names its own counter).
    const { token } = await enrol(server, OFFICE_A, 'a1');
    const device = await server.store.devices.authenticate(token);
    if (!device || device === 'revoked') throw new Error('enrolment failed');
    devices.push(device);
  }
  scratch = await openCounter(OFFICE_A, 'a1', 'unused');
});
afterAll(async () => {
  await scratch?.close();
  await server?.close();
});

/** A received dossier made on a counter replica (not synced): its document and events. */
async function made(
  id: string,
  steps: Parameters<typeof act>[2] = receiveSteps,
): Promise<{ dossier: Dossier; events: DossierEvent[] }> {
  return act(scratch, id, steps);
}

/** Device `pushers[i]` pushes the events of `work[i]`, all at the same time. */
function pushEvents(pushers: readonly Device[], work: readonly { events: DossierEvent[] }[]) {
  return Promise.all(
    pushers.map((d, i) =>
      server.store.replication.push(
        d,
        'dossier_events',
        work[i]!.events.map((e) => row(e)),
      ),
    ),
  );
}

async function stored(prefix: string): Promise<{ id: string; seq: number }[]> {
  const res = await server.store.pool.query<{ id: string; seq: number }>(
    `SELECT id, seq FROM documents WHERE id LIKE $1 ORDER BY id`,
    [`${prefix}%`],
  );
  return res.rows;
}

/**
 * Runs `pushes` while a slow first commit (the events of a new dossier `blockerId`, pushed by
 * `blocker`) holds the WRITE lock, so they queue behind it and commit as one group.
 */
async function behindSlowCommit<T>(blockerId: string, blocker: Device, pushes: () => Promise<T>): Promise<T> {
  let held = false;
  server.store.replication.beforeCommit = async () => {
    if (!held) {
      held = true;
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  try {
    const slow = made(blockerId).then((w) => pushEvents([blocker], [w]));
    await new Promise((r) => setTimeout(r, 50));
    const answers = await pushes();
    await slow;
    return answers;
  } finally {
    server.store.replication.beforeCommit = undefined;
  }
}

describe('group commit of concurrent pushes', () => {
  it('eight counters pushing at once: fewer commits than pushes, every document stored once', async () => {
    const work = await Promise.all(devices.map((_, i) => made(`grp-${i}`)));
    const commits: number[] = [];
    server.store.replication.beforeCommit = async (pushes) => {
      commits.push(pushes);
      // The first commit is slow, so the others queue behind it and go together.
      if (commits.length === 1) await new Promise((r) => setTimeout(r, 150));
    };
    try {
      const answers = await pushEvents(devices, work);
      expect(answers.every((a) => a.rejected.length === 0 && a.conflicts.length === 0)).toBe(true);
      // A retried batch inside a group is a no-op too.
      const again = await Promise.all([
        server.store.replication.push(devices[0]!, 'dossiers', [row(toDossierDoc(work[0]!.dossier))]),
        server.store.replication.push(devices[1]!, 'dossiers', [row(toDossierDoc(work[0]!.dossier))]),
        ...devices.map((d, i) =>
          server.store.replication.push(d, 'dossiers', [row(toDossierDoc(work[i]!.dossier))]),
        ),
      ]);
      expect(again.every((a) => a.rejected.length === 0 && a.conflicts.length === 0)).toBe(true);
    } finally {
      server.store.replication.beforeCommit = undefined;
    }
    expect(commits.length).toBeLessThan(devices.length * 2 + 2);
    expect(Math.max(...commits)).toBeGreaterThan(1);
    const rows = await stored('grp-');
    const eventCount = work.reduce((n, w) => n + w.events.length, 0);
    expect(rows).toHaveLength(devices.length + eventCount);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(rows.length);
  });

  it('two counters editing one dossier in the same group: the second merges against the first', async () => {
    const { dossier, events } = await made('grp-merge');
    const base = toDossierDoc(dossier);
    await server.store.replication.push(
      devices[0]!,
      'dossier_events',
      events.map((e) => row(e)),
    );
    await server.store.replication.push(devices[0]!, 'dossiers', [row(base)]);
    const baseWire = { ...base, _deleted: false };
    // Three PCs edit the same version offline, each recording its step (a fork of the chain).
    const edit = (n: number, changes: Record<string, unknown>) => {
      const decided = decide(
        dossier,
        { type: 'edit_details', dossierId: 'grp-merge', officeId: OFFICE_A, ...changes },
        officeActor(OFFICE_A, 'receiver', 'a1'),
        `2026-03-02T02:0${n}:00.000Z`,
      );
      if (!decided.ok) throw new Error(decided.error.message);
      return decided;
    };
    const phone = edit(1, { applicant: { phone: '0987654321' } });
    const noted = edit(2, { notes: 'Đã gọi điện cho công dân' });
    const other = edit(3, { notes: 'Ghi chú khác' });
    for (const [i, e] of [phone, noted, other].entries()) {
      const res = await server.store.replication.push(devices[1 + i]!, 'dossier_events', [row(e.event)]);
      expect(res.rejected).toEqual([]);
    }
    // The three edits queue behind a slow commit and go as one group.
    const answers = await behindSlowCommit('grp-blocker', devices[5]!, () =>
      Promise.all(
        [phone, noted, other].map((e, i) =>
          server.store.replication.push(devices[1 + i]!, 'dossiers', [
            row(toDossierDoc(e.dossier), baseWire),
          ]),
        ),
      ),
    );
    // Whatever order the group holds them in: the first is written as is, the phone edit merges
    // with either note, and the second note conflicts with the first (kept for the supervisor).
    const outcome = answers.map((a) =>
      a.unresolved.length ? 'unresolved' : a.merged.length ? 'merged' : 'as-is',
    );
    expect([...outcome].sort()).toEqual(['as-is', 'merged', 'unresolved']);
    expect(outcome[0]).not.toBe('unresolved');
    expect(answers.every((a) => a.rejected.length === 0)).toBe(true);
    const loser = outcome.indexOf('unresolved');
    const winner = loser === 1 ? other : noted;
    const onServer = await server.store.pool.query<{ doc: Dossier }>(
      `SELECT doc FROM documents WHERE collection = 'dossiers' AND id = 'grp-merge'`,
    );
    expect(onServer.rows[0]!.doc.applicant.phone).toBe('0987654321');
    expect(onServer.rows[0]!.doc.notes).toBe(winner.dossier.notes);
    // What the chain decides (its head, the step count) is the fold's, whatever each PC saw.
    expect(onServer.rows[0]!.doc.eventCount).toBe(2);
    const conflicts = await server.store.pool.query<{ fields: string[]; device_id: string }>(
      `SELECT fields, device_id FROM conflicts WHERE doc_id = 'grp-merge'`,
    );
    expect(conflicts.rows).toEqual([{ fields: ['notes'], device_id: devices[1 + loser]!.id }]);
  });

  it('an event whose parent comes in an earlier push of the same group is accepted against it', async () => {
    const { dossier, events } = await made('grp-chain', THREE_STEPS);
    expect(events).toHaveLength(3);
    // Three requests of one counter side by side, behind a slow commit: the root, its child, and
    // the dossier naming it.
    const [root, child, doc] = await behindSlowCommit('grp-chain-blocker', devices[4]!, () =>
      Promise.all([
        server.store.replication.push(devices[0]!, 'dossier_events', [row(events[0]!)]),
        server.store.replication.push(
          devices[0]!,
          'dossier_events',
          events.slice(1).map((e) => row(e)),
        ),
        server.store.replication.push(devices[0]!, 'dossiers', [row(toDossierDoc(dossier))]),
      ]),
    );
    expect([...root.rejected, ...child.rejected, ...doc.rejected]).toEqual([]);
    expect(await stored('grp-chain-e')).toHaveLength(events.length);
  });

  it('a dossier whose latest event has not arrived, or that disagrees with it, is refused with the reason', async () => {
    const steps = THREE_STEPS;
    const early = await made('grp-head-early', steps);
    const wrong = await made('grp-head-wrong', steps);
    await server.store.replication.push(devices[0]!, 'dossier_events', [
      row(early.events[0]!),
      ...wrong.events.map((e) => row(e)),
    ]);
    const res = await server.store.replication.push(devices[0]!, 'dossiers', [
      row(toDossierDoc(early.dossier)),
      row({ ...toDossierDoc(wrong.dossier), status: 'returned' }),
    ]);
    expect(res.rejected).toEqual([
      expect.objectContaining({ id: 'grp-head-early', status: 409, reason: 'events_missing' }),
      expect.objectContaining({ id: 'grp-head-wrong', status: 422, reason: 'history_invalid' }),
    ]);
    expect(res.rejected[0]!.detail).toContain('the server has 1 of 3');
    expect(res.rejected[1]!.detail).toContain('status is "returned" but its events record "approved"');
    // Once the events are there, the same dossier goes in.
    await server.store.replication.push(
      devices[0]!,
      'dossier_events',
      early.events.slice(1).map((e) => row(e)),
    );
    const again = await server.store.replication.push(devices[0]!, 'dossiers', [
      row(toDossierDoc(early.dossier)),
    ]);
    expect(again.rejected).toEqual([]);
  });
});

// The same group, continued: writes the database refuses, and checks made again after them.
describe('group commit of concurrent pushes', () => {
  it('a group the database refuses is written push by push: none of them is lost', async () => {
    const work = await Promise.all(devices.map((_, i) => made(`grp-retry-${i}`)));
    const groups: number[] = [];
    server.store.replication.beforeCommit = async (pushes) => {
      groups.push(pushes);
      if (groups.length === 1) await new Promise((r) => setTimeout(r, 100));
      else if (pushes > 1) throw new Error('refused by the database');
    };
    try {
      const answers = await pushEvents(devices, work);
      expect(answers.every((a) => a.rejected.length === 0)).toBe(true);
    } finally {
      server.store.replication.beforeCommit = undefined;
    }
    expect(groups.some((n) => n > 1)).toBe(true);
    expect(await stored('grp-retry-')).toHaveLength(work.reduce((n, w) => n + w.events.length, 0));
  });

  it('when a write fails, the push checked against it behind is checked again: no child without its parent', async () => {
    const { events } = await made('grp-lost', [
      ['receive', 'receiver'],
      ['appraise', 'appraiser'],
    ]);
    let commits = 0;
    server.store.replication.beforeCommit = async () => {
      commits++;
      // The root's group and then the root alone are refused; what comes after goes through.
      if (commits <= 2) throw new Error('disk full');
    };
    try {
      const root = server.store.replication.push(devices[0]!, 'dossier_events', [row(events[0]!)]);
      await new Promise((r) => setImmediate(r));
      const child = server.store.replication.push(devices[1]!, 'dossier_events', [row(events[1]!)]);
      await expect(root).rejects.toThrow('disk full');
      expect((await child).rejected).toEqual([
        expect.objectContaining({ id: events[1]!.id, reason: 'chain_broken' }),
      ]);
    } finally {
      server.store.replication.beforeCommit = undefined;
    }
    expect(await stored('grp-lost')).toEqual([]);
  });

  it('text the database cannot store is refused with a reason, the rest of the push is stored', async () => {
    const good = await made('grp-text-ok');
    const bad = await made('grp-text-nul');
    const lone = await made('grp-text-surrogate');
    await server.store.replication.push(
      devices[0]!,
      'dossier_events',
      [...good.events, ...bad.events, ...lone.events].map((e) => row(e)),
    );
    const res = await server.store.replication.push(devices[0]!, 'dossiers', [
      row(toDossierDoc(good.dossier)),
      row({ ...toDossierDoc(bad.dossier), notes: 'a\u0000b' }),
      row({ ...toDossierDoc(lone.dossier), notes: 'x\ud800y' }),
    ]);
    expect(res.rejected.map((r) => [r.id, r.status, r.reason])).toEqual([
      ['grp-text-nul', 422, 'schema_invalid'],
      ['grp-text-surrogate', 422, 'schema_invalid'],
    ]);
    expect(res.rejected[0]!.detail).toMatch(/NUL/);
    expect((await stored('grp-text-')).filter((r) => !r.id.includes('-e'))).toEqual([
      expect.objectContaining({ id: 'grp-text-ok' }),
    ]);
  });

  it('an event id another server process records between the checks and the commit is refused as immutable', async () => {
    const { events } = await made('grp-two-processes');
    const first = events[0]!;
    const { hash: _hash, ...rest } = { ...first, actorName: 'Cán bộ khác' };
    const differing = { ...rest, hash: computeEventHash(rest) };
    // A second server process on the same database: its own store and write queue, the same lock.
    const other = openStores(server.store.pool).replication;
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    let release!: () => void;
    other.beforeCommit = () => {
      holding();
      return new Promise((r) => (release = r));
    };
    const fromOther = other.push(devices[0]!, 'dossier_events', [row(first)]);
    await held; // inserted, not committed: invisible to the checks below
    const fromHere = server.store.replication.push(devices[1]!, 'dossier_events', [row(differing)]);
    await new Promise((r) => setTimeout(r, 200)); // checked, now waiting for the lock
    release();
    expect((await fromOther).rejected).toEqual([]);
    expect((await fromHere).rejected.map((r) => [r.id, r.status, r.reason])).toEqual([
      [first.id, 409, 'immutable'],
    ]);
    const kept = await server.store.pool.query<{ doc: DossierEvent }>(
      `SELECT doc FROM documents WHERE collection = 'dossier_events' AND id = $1`,
      [first.id],
    );
    expect(kept.rows.map((r) => r.doc.actorName)).toEqual([first.actorName]);
  });
});
