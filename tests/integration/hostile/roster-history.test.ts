import { beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../shared/domain';
import { OFFICE_A, officerId } from '../harness';
import { rehash } from '../../support/chain-fixtures';
import { PATH_TO } from '../../support/workflow-fixtures';
import {
  expectPushRefused,
  record,
  row,
  rosterOfficer as officer,
  stored,
  useHostileServer,
  type Recorded,
} from '../../support/hostile';

/**
 * A stolen counter token against the rule "every event is decided with the officer's roles as the
 * province's roster held them at the event's time, within the clock skew": steps dated before a
 * role was given, before the officer was listed, or while the officer was inactive are refused with
 * their reason, whatever the roster says today, and nothing stored changes.
 */
const server = useHostileServer();
let received: Recorded;
/** When the roster changes below were made (ms). */
let changedAt: number;

const MINUTE = 60_000;
const NEWCOMER = `${OFFICE_A}-newcomer`;
const RETURNING = `${OFFICE_A}-returning`;

beforeAll(async () => {
  const s = server();
  received = record('roster-received', PATH_TO.received);
  await stored(s, s.tokens.a1, received);
  const { catalogue } = s.stores;
  // Off the roster since 1 March (inactive), before anything below happens.
  const before = await catalogue.upsertCatalogue(
    'officers',
    [officer(RETURNING, ['appraiser'], false, '2026-03-01T00:00:00.000Z')],
    'test',
  );
  expect(before.rejected).toEqual([]);
  // Today: the receiver is made an appraiser too, a newcomer is listed, the returning officer is back.
  const now = new Date().toISOString();
  const today = await catalogue.upsertCatalogue(
    'officers',
    [
      officer(officerId(OFFICE_A, 'receiver'), ['receiver', 'appraiser'], true, now),
      officer(NEWCOMER, ['receiver', 'appraiser'], true, now),
      officer(RETURNING, ['appraiser'], true, now),
    ],
    'test',
  );
  expect(today.rejected).toEqual([]);
  changedAt = Date.now();
});

/** The appraisal of the stored received dossier by `actorId`, dated `at`. */
function appraisal(actorId: string, at: () => string): () => DossierEvent {
  return () => {
    const dated = new Date(Date.parse(at()) - 2 * MINUTE).toISOString(); // its second step: + 2 min
    const event = record('roster-received', [['appraise', 'appraiser']], { at: dated }, received.dossier)
      .events[0]!;
    return rehash({ ...event, actorId });
  };
}

const march = () => '2026-03-02T03:00:00.000Z';
const beforeChange = (minutes: number) => () => new Date(changedAt - minutes * MINUTE).toISOString();
const RECEIVER = officerId(OFFICE_A, 'receiver');

describe("an event is decided with the roster as it was at the event's time", () => {
  const cases: [string, () => DossierEvent, RegExp][] = [
    [
      'an appraisal by the receiver dated in March, before the role was given today',
      appraisal(RECEIVER, march),
      /does not hold the role appraiser .* at the event's time/,
    ],
    [
      'an appraisal by the receiver dated 20 minutes before the role was given (beyond the clock skew)',
      appraisal(RECEIVER, beforeChange(20)),
      /does not hold the role appraiser .* at the event's time/,
    ],
    [
      'an appraisal by the receiver dated in 2000, before the officer was listed',
      appraisal(RECEIVER, () => '2000-01-01T00:00:00.000Z'),
      /not an active officer .* at the event's time/,
    ],
    [
      'an appraisal dated at the epoch',
      appraisal(RECEIVER, () => '1970-01-01T00:00:00.000Z'),
      /not an active officer .* at the event's time/,
    ],
    [
      'an appraisal by an officer listed today, dated in March',
      appraisal(NEWCOMER, march),
      /not an active officer .* at the event's time/,
    ],
    [
      'an appraisal by an officer listed today, dated an hour before',
      appraisal(NEWCOMER, beforeChange(60)),
      /not an active officer .* at the event's time/,
    ],
    [
      'an appraisal by an officer active again today, dated while inactive',
      appraisal(RETURNING, march),
      /not an active officer .* at the event's time/,
    ],
    [
      'an appraisal by an officer active again today, dated 20 minutes before',
      appraisal(RETURNING, beforeChange(20)),
      /not an active officer .* at the event's time/,
    ],
  ];
  it.each(cases)('%s', async (_what, event, detail) => {
    await expectPushRefused(server(), 'dossier_events', [row(event())], {
      status: 403,
      reason: 'officer_not_in_office',
      detail,
    });
  });

  it('a new dossier received by an officer listed today, dated in March', async () => {
    const rec = record('roster-newcomer', PATH_TO.received);
    const event = rehash({ ...rec.events[0]!, actorId: NEWCOMER });
    await expectPushRefused(server(), 'dossier_events', [row(event)], {
      status: 403,
      reason: 'officer_not_in_office',
      detail: /not an active officer .* at the event's time, 2026-03-02/,
    });
  });
});
