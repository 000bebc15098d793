// One dossier per code in an office, on real PostgreSQL: the server refuses a second dossier with a
// code its office holds (the unique index, not only a check), keeps it for the supervisor with its
// events, stores the rest of the push, and a lease answer lost on the way leaves a gap, never a
// number granted twice.
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../server/codes/store';
import { migrate } from '../../server/db/migrations';
import { openDatabase } from '../../server/db/pool';
import type { Device } from '../../server/devices/device';
import { openStores } from '../../server/stores';
import type { Dossier, DossierEvent } from '../../shared/domain';
import {
  bearer,
  conflictListSchema,
  pushResponseSchema,
  RETRYABLE_REASONS,
  type PushRow,
} from '../../shared/sync/contract';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import {
  act,
  enrol,
  eventually,
  OFFICE_A,
  OFFICE_B,
  openCounter,
  receiveSteps,
  seedCatalogue,
  startPostgres,
  startSeededServer,
  testCodeOf,
  type SeededServer,
  type TestCounter,
} from './harness';

let server: SeededServer;
/** Counter replicas where the test dossiers are made (not synced): a1 and a2 of office A, b1 of B. */
const made: Record<'a1' | 'a2' | 'b1', TestCounter> = {} as never;
const tokens: Record<'a1' | 'a2' | 'b1', string> = {} as never;

beforeAll(async () => {
  server = await startSeededServer();
  for (const [counterId, office] of [
    ['a1', OFFICE_A],
    ['a2', OFFICE_A],
    ['b1', OFFICE_B],
  ] as const) {
    tokens[counterId] = (await enrol(server, office, counterId)).token;
    made[counterId] = await openCounter(office, counterId, 'unused');
  }
});
afterAll(async () => {
  for (const c of Object.values(made)) await c.close();
  await server?.close();
});

const row = (doc: object): PushRow =>
  ({ newDocumentState: { ...doc, _deleted: false }, assumedMasterState: null }) as PushRow;

/** POSTs a push through the sync route as the counter's device; the HTTP status and the answer. */
async function push(counterId: keyof typeof tokens, collection: string, docs: object[]) {
  const res = await fetch(`${server.url}/sync/${collection}/push`, {
    method: 'POST',
    headers: { authorization: bearer(tokens[counterId]), 'content-type': 'application/json' },
    body: JSON.stringify({ rows: docs.map(row) }),
  });
  return { status: res.status, body: pushResponseSchema.parse(await res.json()) };
}

/** Pushes a dossier's events (accepted), as a counter does before the dossier. */
async function pushEvents(counterId: keyof typeof tokens, events: DossierEvent[]): Promise<void> {
  const { status, body } = await push(counterId, 'dossier_events', events);
  expect([status, body.rejected]).toEqual([200, []]);
}

async function conflictsSeenBy(counterId: keyof typeof tokens) {
  const res = await fetch(`${server.url}/conflicts`, {
    headers: { authorization: bearer(tokens[counterId]) },
  });
  expect(res.status).toBe(200);
  return conflictListSchema.parse(await res.json()).conflicts;
}

async function storedIds(prefix: string, collection = 'dossiers'): Promise<string[]> {
  const res = await server.store.pool.query<{ id: string }>(
    'SELECT id FROM documents WHERE collection = $1 AND id LIKE $2 ORDER BY id',
    [collection, `${prefix}%`],
  );
  return res.rows.map((r) => r.id);
}

/** A received dossier made on a counter's replica with `code`, its applicant named `name`. */
async function receivedWith(
  counterId: keyof typeof made,
  id: string,
  code: string,
  name: string,
): Promise<{ dossier: Dossier; events: DossierEvent[] }> {
  const first = await act(made[counterId], `${id}-probe`, receiveSteps);
  return act(made[counterId], id, receiveSteps, {
    code,
    applicant: { ...first.dossier.applicant, fullName: name },
  });
}

/** The device of a counter of the test, for pushes made straight to the store. */
async function deviceOf(counterId: keyof typeof tokens): Promise<Device> {
  const device = await server.store.devices.authenticate(tokens[counterId]);
  if (!device || device === 'revoked') throw new Error('enrolment failed');
  return device;
}

/**
 * Holds the commit of a first push (a new dossier's events, `blockerId`) inside its transaction,
 * runs `queue` (the pushes it starts join the queue as they are called), then lets the commit go:
 * those pushes are written in the group after it, while `meanwhile` runs. Answers their answers and
 * the number of pushes in each commit that reached COMMIT.
 */
async function behindHeldCommit<T>(
  blockerId: string,
  queue: () => Promise<T>[],
  meanwhile: () => Promise<void> = async () => {},
): Promise<{ answers: T[]; groups: number[] }> {
  const blocker = await act(made.a1, blockerId, receiveSteps);
  const groups: number[] = [];
  let holding!: () => void;
  const held = new Promise<void>((r) => (holding = r));
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  server.store.replication.beforeCommit = async (pushes) => {
    groups.push(pushes);
    if (groups.length === 1) {
      holding();
      await released;
    }
  };
  try {
    const blocked = server.store.replication.push(
      await deviceOf('a1'),
      'dossier_events',
      blocker.events.map(row),
    );
    await held;
    const pushes = queue();
    release();
    expect((await blocked).rejected).toEqual([]);
    await meanwhile();
    return { answers: await Promise.all(pushes), groups };
  } finally {
    server.store.replication.beforeCommit = undefined;
  }
}

describe('one dossier per code in an office', () => {
  it('a second dossier with its office’s code is refused with the reason, kept for the supervisor with its events; the rest of the push is stored', async () => {
    const code = testCodeOf('dup-first');
    const first = await act(made.a1, 'dup-first', receiveSteps);
    await pushEvents('a1', first.events);
    expect((await push('a1', 'dossiers', [toDossierDoc(first.dossier)])).body.rejected).toEqual([]);

    // Counter a2 numbered a dossier with the same code; its push also carries another dossier.
    const second = await receivedWith('a2', 'dup-second', code, 'Trần Thị Bình');
    const other = await act(made.a2, 'dup-other', receiveSteps);
    await pushEvents('a2', [...second.events, ...other.events]);
    const answer = await push('a2', 'dossiers', [toDossierDoc(second.dossier), toDossierDoc(other.dossier)]);

    expect(answer.status).toBe(200);
    expect(answer.body.rejected).toEqual([
      {
        id: 'dup-second',
        status: 409,
        reason: 'duplicate_code',
        detail: `dossier code ${code} is already held by dossier dup-first of office ${OFFICE_A}`,
      },
    ]);
    expect(RETRYABLE_REASONS).not.toContain('duplicate_code');
    expect(await storedIds('dup-')).toEqual(['dup-first', 'dup-other']);
    // The refused dossier's events stay on the server.
    expect(await storedIds('dup-second-', 'dossier_events')).toEqual(second.events.map((e) => e.id).sort());

    // The supervisor of office A sees both dossiers; office B's sees nothing of it.
    const [record, ...more] = await conflictsSeenBy('a1');
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      kind: 'duplicate_code',
      dossierId: 'dup-second',
      officeId: OFFICE_A,
      fields: ['code'],
      ancestor: null,
      master: { id: 'dup-first', code },
      incoming: { id: 'dup-second', code },
      resolved: false,
      duplicate: {
        code,
        kept: {
          dossierId: 'dup-first',
          code,
          counterId: 'a1',
          applicantName: first.dossier.applicant.fullName,
        },
        refused: { dossierId: 'dup-second', code, counterId: 'a2', applicantName: 'Trần Thị Bình' },
      },
    });
    expect(await conflictsSeenBy('b1')).toEqual([]);

    // Pushed again (retried by hand): refused again, still one record for the supervisor.
    const again = await push('a2', 'dossiers', [toDossierDoc(second.dossier)]);
    expect(again.body.rejected.map((r) => r.reason)).toEqual(['duplicate_code']);
    expect((await conflictsSeenBy('a1')).map((c) => c.dossierId)).toEqual(['dup-second']);
  });

  it('the same code in another office is accepted', async () => {
    const code = testCodeOf('dup-first');
    const elsewhere = await receivedWith('b1', 'dup-office-b', code, 'Lê Văn Cường');
    await pushEvents('b1', elsewhere.events);
    const answer = await push('b1', 'dossiers', [toDossierDoc(elsewhere.dossier)]);
    expect([answer.status, answer.body.rejected]).toEqual([200, []]);
    expect(await storedIds('dup-office-b')).toEqual(['dup-office-b']);
  });

  it('two counters pushing one code in the same group commit: the first stands, the other is refused, the rest of the group is stored', async () => {
    const [a1, a2] = [await deviceOf('a1'), await deviceOf('a2')];
    const code = testCodeOf('grp-dup-1');
    const one = await act(made.a1, 'grp-dup-1', receiveSteps);
    const two = await receivedWith('a2', 'grp-dup-2', code, 'Phạm Thị Dung');
    const rest = await act(made.a2, 'grp-dup-rest', receiveSteps);
    await pushEvents('a1', one.events);
    await pushEvents('a2', [...two.events, ...rest.events]);

    const { answers, groups } = await behindHeldCommit('grp-dup-blocker', () => [
      server.store.replication.push(a1, 'dossiers', [row(toDossierDoc(one.dossier))]),
      server.store.replication.push(a2, 'dossiers', [
        row(toDossierDoc(two.dossier)),
        row(toDossierDoc(rest.dossier)),
      ]),
    ]);
    const [first, second] = answers;
    expect(first!.rejected).toEqual([]);
    expect(second!.rejected.map((r) => [r.id, r.reason])).toEqual([['grp-dup-2', 'duplicate_code']]);
    expect(groups).toEqual([1, 2]);
    expect(await storedIds('grp-dup-')).toEqual(['grp-dup-1', 'grp-dup-rest']);
    expect((await conflictsSeenBy('a2')).map((c) => c.dossierId)).toContain('grp-dup-2');
  });

  it('the constraint failing a group commit (a writer outside the server) fails no push of the group: the duplicate is refused, the rest stored', async () => {
    const [a1, a2] = [await deviceOf('a1'), await deviceOf('a2')];
    const dup = await act(made.a2, 'bs-dup', receiveSteps);
    const keep = await act(made.a2, 'bs-keep', receiveSteps);
    const other = await act(made.a1, 'bs-other', receiveSteps);
    await pushEvents('a2', [...dup.events, ...keep.events]);
    await pushEvents('a1', other.events);
    // Another writer, not the server, holds the code in a transaction not yet committed: the group's
    // check cannot see it, and the group's INSERT waits on it in the unique index.
    const outsider = await server.store.pool.connect();
    try {
      await outsider.query('BEGIN');
      await outsider.query(
        `INSERT INTO documents (collection, id, office_id, seq, doc)
         VALUES ('dossiers', 'bs-outsider', $1, nextval('change_seq'), $2::json)`,
        [OFFICE_A, JSON.stringify({ id: 'bs-outsider', officeId: OFFICE_A, code: dup.dossier.code })],
      );
      const { answers, groups } = await behindHeldCommit(
        'bs-blocker',
        () => [
          server.store.replication.push(a2, 'dossiers', [
            row(toDossierDoc(dup.dossier)),
            row(toDossierDoc(keep.dossier)),
          ]),
          server.store.replication.push(a1, 'dossiers', [row(toDossierDoc(other.dossier))]),
        ],
        async () => {
          // Once the group's INSERT waits on the outsider's entry, the outsider commits.
          await eventually(
            async () =>
              (
                await server.store.pool.query<{ n: number }>(
                  `SELECT count(*)::int AS n FROM pg_stat_activity
                   WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO documents%'`,
                )
              ).rows[0]!.n,
            (n) => n > 0,
          );
          await outsider.query('COMMIT');
        },
      );
      const [withDup, alone] = answers;
      // The group was refused by the database and written push by push.
      expect(groups).toEqual([1, 1, 1]);
      expect(withDup!.rejected.map((r) => [r.id, r.reason])).toEqual([['bs-dup', 'duplicate_code']]);
      expect(alone!.rejected).toEqual([]);
    } finally {
      await outsider.query('ROLLBACK').catch(() => {});
      outsider.release();
    }
    expect(await storedIds('bs-')).toEqual(['bs-keep', 'bs-other', 'bs-outsider']);
  });

  it('a duplicate written straight into the database is refused by the database itself', async () => {
    const code = testCodeOf('dup-first');
    const insert = (id: string, officeId: string, dossierCode: string) =>
      server.store.pool.query(
        `INSERT INTO documents (collection, id, office_id, seq, doc)
         VALUES ('dossiers', $1, $2, nextval('change_seq'), $3::json)`,
        [id, officeId, JSON.stringify({ id, officeId, code: dossierCode })],
      );
    await expect(insert('sql-dup', OFFICE_A, code)).rejects.toMatchObject({
      code: '23505',
      constraint: 'dossiers_office_code',
    });
    // Another office, and dossiers without a code, are not held to it.
    await insert('sql-other-office', 'office-c', code);
    await insert('sql-no-code-1', OFFICE_A, '');
    await insert('sql-no-code-2', OFFICE_A, '');
    expect(await storedIds('sql-')).toEqual(['sql-no-code-1', 'sql-no-code-2', 'sql-other-office']);
  });
});

/**
 * Sends a request over a raw connection and drops it as soon as the answer starts: the server has
 * granted and stored the lease, the counter never reads it.
 */
async function requestLosingAnswer(path: string, token: string, body: object): Promise<void> {
  const json = JSON.stringify(body);
  const socket = connect(server.port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    [
      `POST ${path} HTTP/1.1`,
      'host: 127.0.0.1',
      `authorization: ${bearer(token)}`,
      'content-type: application/json',
      `content-length: ${Buffer.byteLength(json)}`,
      '',
      json,
    ].join('\r\n'),
  );
  await once(socket, 'data');
  socket.destroy();
}

describe('dossier-number leases', () => {
  it('a lease answer lost in transit leaves a gap, never a number granted twice', async () => {
    const date = vietnamToday();
    const request = { officeId: OFFICE_A, counterId: 'a1', date, count: 10 };
    const lease = async () => {
      const res = await fetch(`${server.url}/codes/lease`, {
        method: 'POST',
        headers: { authorization: bearer(tokens.a1), 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { lease: { from: number; to: number } }).lease;
    };
    const before = await lease();
    await requestLosingAnswer('/codes/lease', tokens.a1, request);
    const after = await lease();
    const next = await lease();
    // The lost block (before.to + 1 … before.to + 10) is skipped: a gap nobody numbers with.
    expect(after).toMatchObject({ from: before.to + 11, to: before.to + 20 });
    expect(next.from).toBe(after.to + 1);
    const granted = [before, after, next].flatMap((l) =>
      Array.from({ length: l.to - l.from + 1 }, (_, i) => l.from + i),
    );
    expect(new Set(granted).size).toBe(granted.length);
  });
});

describe('migration 7 on a database holding duplicate codes', () => {
  it('keeps the first dossier of each code, moves the later ones to the supervisor with their events, then holds the rule', async () => {
    const pg = await startPostgres();
    const db = await openDatabase({ url: pg.url });
    try {
      expect(await migrate(db.pool, 6)).toEqual([1, 2, 3, 4, 5, 6]);
      const code = testCodeOf('old-first');
      const older = await act(made.a1, 'old-first', receiveSteps);
      const later = await receivedWith('a2', 'old-later', code, 'Hoàng Văn Em');
      const elsewhere = await receivedWith('b1', 'old-office-b', code, 'Vũ Thị Giang');
      const docs: [string, Record<string, unknown>, string][] = [older, later, elsewhere].flatMap((w) => [
        ...w.events.map((e): [string, Record<string, unknown>, string] => [
          'dossier_events',
          { ...e },
          'dev',
        ]),
        [
          'dossiers',
          toDossierDoc(w.dossier) as unknown as Record<string, unknown>,
          `dev-${w.dossier.counterId}`,
        ],
      ]);
      for (const [collection, doc, writtenBy] of docs)
        await db.pool.query(
          `INSERT INTO documents (collection, id, office_id, seq, doc, written_by, dossier_id)
           VALUES ($1, $2, $3, nextval('change_seq'), $4::json, $5, $6)`,
          [collection, doc.id, doc.officeId, JSON.stringify(doc), writtenBy, doc.dossierId ?? null],
        );

      expect(await migrate(db.pool, 7)).toEqual([7]);
      const kept = await db.pool.query<{ id: string }>(
        `SELECT id FROM documents WHERE collection = 'dossiers' ORDER BY id`,
      );
      expect(kept.rows.map((r) => r.id)).toEqual(['old-first', 'old-office-b']);
      const events = await db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM documents WHERE collection = 'dossier_events' AND dossier_id = 'old-later'`,
      );
      expect(events.rows[0]!.n).toBe(later.events.length);

      const store = openStores(db.pool);
      await seedCatalogue(store);
      const supervisor: Device = {
        id: 'dev-a1',
        officeId: OFFICE_A,
        counterId: 'a1',
        role: 'counter',
        name: 'a1',
      };
      const conflicts = await store.conflicts.listConflicts(supervisor);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        kind: 'duplicate_code',
        dossierId: 'old-later',
        deviceId: 'dev-a2',
        incoming: toDossierDoc(later.dossier),
        duplicate: {
          kept: { dossierId: 'old-first', counterId: 'a1' },
          refused: { dossierId: 'old-later', counterId: 'a2', applicantName: 'Hoàng Văn Em' },
        },
      });
      await expect(
        db.pool.query(
          `INSERT INTO documents (collection, id, office_id, seq, doc) VALUES ('dossiers', 'x', $1, nextval('change_seq'), $2::json)`,
          [OFFICE_A, JSON.stringify({ code })],
        ),
      ).rejects.toMatchObject({ constraint: 'dossiers_office_code' });
    } finally {
      await db.close();
      await pg.stop();
    }
  });
});
