import { beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES } from '../../../shared/domain';
import { PATH_TO } from '../../support/workflow-fixtures';
import {
  expectPushRefused,
  record,
  row,
  stored,
  useStartingDossiers,
  type Recorded,
  type Refusal,
} from '../../support/hostile';

/**
 * A stolen counter token against the rule "a dossier is the fold of its event chain": dossiers
 * without steps, with steps the server does not hold, with fields no step recorded, older versions
 * over newer ones, and deletions. Each is refused with its reason (or answered with the server's
 * version) and nothing stored changes.
 */
const { server, dossiers } = useStartingDossiers('fold');
let sealed: Recorded;

beforeAll(async () => {
  const s = server();
  sealed = record('fold-sealed', PATH_TO.sealed);
  await stored(s, s.tokens.a1, sealed);
});

/** Pushes `doc` as a dossier of a1 and checks the refusal and that nothing changed. */
async function refusedDossier(doc: Record<string, unknown>, expected: Refusal, token?: string) {
  await expectPushRefused(server(), 'dossiers', [row(doc)], expected, token);
}

describe('a dossier no recorded step makes is refused', () => {
  it.each(DOSSIER_STATUSES.map((status) => [status]))('pushed as %s with no events', async (status) => {
    const doc = {
      ...dossiers.received.doc,
      id: `fold-none-${status}`,
      status,
      eventCount: 0,
      lastEventHash: '',
    };
    await refusedDossier(doc, { status: 422, reason: 'history_invalid', detail: /no recorded step/ });
  });

  it.each(['approved', 'appraised', 'sealed', 'refused', 'withdrawn'].map((s) => [s]))(
    'pushed as %s naming a step the server does not hold',
    async (status) => {
      const doc = {
        ...dossiers.received.doc,
        id: `fold-ghost-${status}`,
        status,
        eventCount: 3,
        lastEventHash: 'f'.repeat(64),
      };
      await refusedDossier(doc, { status: 409, reason: 'events_missing', detail: /has not arrived/ });
    },
  );
});

/** A stored dossier with one field set to a value no step of its chain recorded. */
const TAMPERED: [string, (d: Record<string, unknown>) => Record<string, unknown>][] = [
  ...['approved', 'appraised', 'sealed', 'refused', 'withdrawn', 'returned', 'stopped'].map(
    (status): [string, (d: Record<string, unknown>) => Record<string, unknown>] => [
      `status ${status}`,
      (d) => ({ ...d, status }),
    ],
  ),
  ['a later appointment (dueAt)', (d) => ({ ...d, dueAt: '2030-01-01T00:00:00.000Z' })],
  ['an original appointment (originalDueAt)', (d) => ({ ...d, originalDueAt: '2030-01-01T00:00:00.000Z' })],
  ['a later clock start', (d) => ({ ...d, clockStartAt: '2026-03-05T00:00:00.000Z' })],
  ['another receipt time', (d) => ({ ...d, receivedAt: '2026-03-01T00:00:00.000Z' })],
  ['a return time', (d) => ({ ...d, returnedAt: '2026-03-03T00:00:00.000Z' })],
  ['another code', (d) => ({ ...d, code: '000.00.06.H56-260302-9999' })],
  ['no code', (d) => ({ ...d, code: '' })],
  [
    'a result',
    (d) => ({ ...d, result: { documentType: 'Giấy', number: '1/2026', date: '2026-03-02', signer: 'X' } }),
  ],
  ['a rating', (d) => ({ ...d, rating: { level: 'very_satisfied', reason: '' } })],
  ['another assignee', (d) => ({ ...d, assigneeRole: 'approver' })],
  ['another procedure', (d) => ({ ...d, procedureId: 'proc-other' })],
  ['another procedure code', (d) => ({ ...d, procedureCode: '9.999999' })],
  ['another counter', (d) => ({ ...d, counterId: 'a2' })],
  ['another channel', (d) => ({ ...d, channel: 'online' })],
  ['another sector', (d) => ({ ...d, sectorId: 'sector-x' })],
  ['no documents', (d) => ({ ...d, documents: [] })],
  ['another applicant', (d) => ({ ...d, applicant: { ...(d.applicant as object), fullName: 'Kẻ Giả Mạo' } })],
  [
    'another ID number',
    (d) => ({ ...d, applicant: { ...(d.applicant as object), idNumber: '999999999999' } }),
  ],
  ['an unrecorded phone', (d) => ({ ...d, applicant: { ...(d.applicant as object), phone: '0900000000' } })],
  ['notes', (d) => ({ ...d, notes: 'ghi chú không có bước nào ghi' })],
  ['another update time', (d) => ({ ...d, updatedAt: '2026-03-09T00:00:00.000Z' })],
];

describe('a dossier whose fields no step recorded is refused', () => {
  it.each(TAMPERED)('received dossier with %s', async (_what, tamper) => {
    await refusedDossier(tamper(dossiers.received.doc), {
      status: 422,
      reason: 'history_invalid',
      detail: /its events record/,
    });
  });

  it.each([
    ['a step count above its head', { eventCount: 5 }],
    ['a step count below its head', { eventCount: 2 }],
  ])('approved dossier with %s', async (_what, change) => {
    await refusedDossier(
      { ...dossiers.approved.doc, ...change },
      { status: 422, reason: 'history_invalid', detail: /latest event is step 3/ },
    );
  });
});

describe('an older version never goes over a newer one', () => {
  const older: [string, () => Recorded, number][] = [
    ['approved → received', () => dossiers.approved, 1],
    ['approved → appraised', () => dossiers.approved, 2],
    ['sealed → received', () => sealed, 1],
    ['sealed → appraised', () => sealed, 2],
    ['sealed → approved', () => sealed, 3],
  ];
  it.each(older)('%s', async (_what, rec, steps) => {
    const s = server();
    const current = rec();
    const old = record(current.dossier.id, PATH_TO.sealed.slice(0, steps));
    const before = await s.snapshot();
    const answer = await s.push(s.tokens.a1, 'dossiers', [row(old.doc, { ...current.doc, _deleted: false })]);
    expect(answer.status).toBe(200);
    expect(answer.json.rejected).toEqual([]);
    // The server answers with its version: the counter takes it.
    expect(answer.json.conflicts).toHaveLength(1);
    expect(answer.json.conflicts[0]).toMatchObject({ status: current.dossier.status });
    expect(await s.snapshot()).toBe(before);
  });
});

describe('counters never delete a dossier or an event', () => {
  it.each([
    ['a received dossier', () => dossiers.received.doc],
    ['an approved dossier', () => dossiers.approved.doc],
    ['a sealed dossier', () => sealed.doc],
    ['a dossier the server does not hold', () => ({ ...dossiers.received.doc, id: 'fold-unknown' })],
  ])('tombstone of %s', async (_what, doc) => {
    await refusedDossier(
      { ...doc(), _deleted: true },
      { status: 403, reason: 'immutable', detail: /never delete/ },
    );
  });

  it.each([
    ['the first event', () => dossiers.approved.events[0]!],
    ['the latest event', () => dossiers.approved.events[2]!],
  ])('tombstone of %s of a dossier', async (_what, event) => {
    await expectPushRefused(server(), 'dossier_events', [row({ ...event(), _deleted: true })], {
      status: 409,
      reason: 'immutable',
      detail: /already recorded differently/,
    });
  });

  it('the province device cannot delete one either', async () => {
    await refusedDossier(
      { ...dossiers.approved.doc, _deleted: true },
      { status: 403, reason: 'immutable', detail: /never delete/ },
      server().tokens.province,
    );
  });
});

describe('a dossier of another office is neither written nor taken over', () => {
  it.each([
    ['office B dossier pushed by office A', () => dossiers.officeB.doc, 'a1'],
    [
      'office B dossier relabelled as office A',
      () => ({ ...dossiers.officeB.doc, officeId: 'office-a' }),
      'a1',
    ],
    ['office A dossier pushed by office B', () => dossiers.received.doc, 'b1'],
  ] as const)('%s', async (_what, doc, who) => {
    await refusedDossier(
      doc(),
      { status: 403, reason: 'wrong_office', detail: /office/ },
      server().tokens[who],
    );
  });
});
