import { beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent, Role } from '../../../shared/domain';
import type { CommandType } from '../../../shared/workflow/transitions';
import { OFFICE_A } from '../harness';
import { rehash } from '../../support/chain-fixtures';
import { PATH_TO } from '../../support/workflow-fixtures';
import {
  expectPushRefused,
  record,
  row,
  rosterOfficer,
  useStartingDossiers,
  type Refusal,
} from '../../support/hostile';

/**
 * A stolen counter token against the rule "every event is decided with the officer's roles as the
 * province's roster holds them, by a device of the event's own counter, within the clock skew",
 * and against forged chains. Each event is refused with its reason and nothing stored changes.
 */
const { server, dossiers } = useStartingDossiers('ev');

beforeAll(async () => {
  const s = server();
  // A retired officer stays on the roster, inactive.
  const retired = await s.stores.catalogue.upsertCatalogue(
    'officers',
    [
      {
        ...rosterOfficer(
          `${OFFICE_A}-retired`,
          ['receiver', 'appraiser', 'approver', 'sealer', 'supervisor'],
          false,
          '2026-03-01T00:00:00.000Z',
        ),
        fullName: 'Cán bộ đã nghỉ',
      },
    ],
    'test',
  );
  expect(retired.rejected).toEqual([]);
});

/** Pushes `events` with `token` (a1 by default); the one refused row is `expected`, nothing changes. */
async function refusedEvents(events: DossierEvent[], expected: Refusal, token?: string) {
  await expectPushRefused(
    server(),
    'dossier_events',
    events.map((e) => row(e)),
    expected,
    token,
  );
}

/** The next step on the stored received dossier. */
const next = (type: CommandType, role: Role, options: Parameters<typeof record>[2] = {}) =>
  record('ev-received', [[type, role]], options, dossiers.received.dossier).events[0]!;

describe("an officer acts only in a role the province's roster gives them", () => {
  const steps: [CommandType, Role, Role][] = [
    ['appraise', 'appraiser', 'receiver'],
    ['appraise', 'appraiser', 'approver'],
    ['appraise', 'appraiser', 'sealer'],
    ['appraise', 'appraiser', 'supervisor'],
    ['request_supplement', 'appraiser', 'receiver'],
    ['request_supplement', 'appraiser', 'supervisor'],
    ['refuse', 'appraiser', 'receiver'],
    ['refuse', 'approver', 'sealer'],
    ['transfer', 'receiver', 'approver'],
    ['transfer', 'appraiser', 'sealer'],
    ['withdraw', 'receiver', 'appraiser'],
    ['withdraw', 'receiver', 'supervisor'],
    ['stop', 'supervisor', 'receiver'],
    ['stop', 'approver', 'appraiser'],
    ['edit_details', 'receiver', 'approver'],
    ['edit_details', 'supervisor', 'sealer'],
    ['apologize_extend', 'approver', 'receiver'],
    ['apologize_extend', 'supervisor', 'appraiser'],
  ];
  it.each(steps)('%s as %s by the office’s %s', async (type, role, officer) => {
    await refusedEvents([next(type, role, { officerRole: officer })], {
      status: 403,
      reason: 'officer_not_in_office',
      detail: new RegExp(`does not hold the role ${role}`),
    });
  });

  it.each([
    ['the supervisor', 'supervisor'],
    ['the appraiser', 'appraiser'],
    ['the sealer', 'sealer'],
  ] as const)('a new dossier received by %s', async (_who, officer) => {
    const rec = record(`ev-new-${officer}`, PATH_TO.received, { officerRole: officer });
    await refusedEvents(rec.events, {
      status: 403,
      reason: 'officer_not_in_office',
      detail: /does not hold the role receiver/,
    });
  });

  it.each([
    ['an inactive officer', 'office-a-retired', /not an active officer/],
    ['an officer of another office', 'office-b-appraiser', /not an active officer/],
    ['an officer not on the roster', 'office-a-nobody', /not an active officer/],
    ['a SQL-like officer id', "x' OR '1'='1", /not an active officer|schema|id/],
  ])('appraisal by %s', async (_who, actorId, detail) => {
    const event = rehash({ ...next('appraise', 'appraiser'), actorId });
    const s = server();
    const before = await s.snapshot();
    const answer = await s.push(s.tokens.a1, 'dossier_events', [row(event)]);
    expect(answer.status).toBe(200);
    expect(answer.json.rejected).toHaveLength(1);
    expect(answer.json.rejected[0].status).toBeGreaterThanOrEqual(403);
    expect(answer.json.rejected[0].detail).toMatch(detail);
    expect(await s.snapshot()).toBe(before);
  });
});

describe('an event is pushed by a device of its own counter', () => {
  it.each([
    ['another counter of the office', 'a2', 'a1'],
    ['a counter of another office', 'b1', 'a1'],
    ['a counter that does not exist', 'zz', 'a1'],
    ['the first counter, pushed by the second', 'a1', 'a2'],
  ] as const)('event naming %s', async (_what, counterId, pusher) => {
    const event = rehash({ ...next('appraise', 'appraiser'), counterId });
    await refusedEvents(
      [event],
      { status: 403, reason: 'wrong_office', detail: /pushed by a device of counter/ },
      server().tokens[pusher],
    );
  });
});

describe('an event is not dated beyond the clock skew', () => {
  const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();
  it.each([
    ['an hour ahead', 3_600_000],
    ['a day ahead', 86_400_000],
    ['a year ahead', 365 * 86_400_000],
    ['in 2099', Date.parse('2099-12-31T00:00:00.000Z') - Date.now()],
  ])('appraisal dated %s', async (_what, ms) => {
    await refusedEvents([next('appraise', 'appraiser', { at: ahead(ms) })], {
      status: 422,
      reason: 'history_invalid',
      detail: /later than the server's clock allows/,
    });
  });
});

describe('a forged chain is refused', () => {
  const forged: [string, () => DossierEvent[], Refusal][] = [
    [
      'a payload changed after hashing',
      () => [{ ...next('appraise', 'appraiser'), payload: { notes: 'x' } }],
      { status: 409, reason: 'chain_broken', detail: /hash mismatch/ },
    ],
    [
      'a status the command does not lead to, rehashed',
      () => [rehash({ ...next('appraise', 'appraiser'), to: 'approved' })],
      { status: 422, reason: 'history_invalid', detail: /recorded|differ/ },
    ],
    [
      'changes the command does not make, rehashed',
      () => {
        const e = next('appraise', 'appraiser');
        const payload = { ...e.payload, changes: { ...(e.payload.changes as object), status: 'sealed' } };
        return [rehash({ ...e, payload })];
      },
      { status: 422, reason: 'history_invalid', detail: /differ/ },
    ],
    [
      'a step from a status the dossier is not in (approve on received)',
      () => [rehash({ ...next('appraise', 'appraiser'), type: 'approve' })],
      { status: 422, reason: 'history_invalid', detail: /approve/ },
    ],
    [
      'a parent the server does not hold',
      () => [rehash({ ...next('appraise', 'appraiser'), prevHash: 'a'.repeat(64) })],
      { status: 409, reason: 'chain_broken', detail: /has not arrived/ },
    ],
    [
      'a step number that skips',
      () => [rehash({ ...next('appraise', 'appraiser'), seq: 5 })],
      { status: 409, reason: 'chain_broken', detail: /seq|parent/ },
    ],
    [
      'a second root for a stored dossier',
      () => [
        rehash({ ...dossiers.received.events[0]!, id: 'ev-received-root2', at: '2026-03-02T05:00:00.000Z' }),
      ],
      { status: 409, reason: 'chain_broken', detail: /root/ },
    ],
    [
      'a stored event recorded again with other content',
      () => [rehash({ ...dossiers.approved.events[1]!, actorName: 'Người khác' })],
      { status: 409, reason: 'immutable', detail: /already recorded differently/ },
    ],
    [
      'a step of office A on a dossier of office B',
      () => [
        rehash({
          ...next('appraise', 'appraiser'),
          dossierId: dossiers.officeB.dossier.id,
          prevHash: dossiers.officeB.events[0]!.hash,
        }),
      ],
      { status: 409, reason: 'chain_broken', detail: /another office/ },
    ],
    [
      'a seal on a received dossier',
      () => [rehash({ ...next('appraise', 'appraiser'), type: 'seal' })],
      { status: 422, reason: 'history_invalid', detail: /seal/ },
    ],
    [
      'a return on a received dossier',
      () => [rehash({ ...next('appraise', 'appraiser'), type: 'return_result' })],
      { status: 422, reason: 'history_invalid', detail: /return_result/ },
    ],
  ];
  it.each(forged)('%s', async (_what, events, expected) => {
    await refusedEvents(events(), expected);
  });
});
