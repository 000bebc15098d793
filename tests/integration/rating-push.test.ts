import { beforeAll, describe, expect, it } from 'vitest';
import { rehash } from '../support/chain-fixtures';
import { PATH_TO } from '../support/workflow-fixtures';
import { expectRowRefused, record, row, stored, useHostileServer, type Recorded } from '../support/hostile';

/**
 * The citizen's rating given on the rating screen after the return travels as a `rate` event: the
 * server re-decides it like any step and folds it into the dossier, so the province's reports count
 * it; a dossier claiming a rating its events do not record is refused.
 */
const server = useHostileServer();
let returned: Recorded;
let twice: Recorded;

beforeAll(async () => {
  const s = server();
  returned = record('rating-1', PATH_TO.returned, { overrides: { return_result: { rating: null } } });
  expect(returned.dossier.rating).toBeNull();
  twice = record('rating-2', PATH_TO.returned, { overrides: { return_result: { rating: null } } });
  await stored(s, s.tokens.a1, returned);
  await stored(s, s.tokens.a1, twice);
});

describe('a rating after the return', () => {
  it('is accepted as a rate step, and the dossier carrying it folds', async () => {
    const rated = record('rating-1', [['rate', 'receiver']], {}, returned.dossier);
    expect(rated.dossier.rating).toEqual({ level: 'dissatisfied', reason: 'Phải chờ lâu' });
    await stored(server(), server().tokens.a1, rated);
  });

  it('a second rating is refused: the citizen rates once', async () => {
    const s = server();
    const first = record('rating-2', [['rate', 'receiver']], {}, twice.dossier);
    await stored(s, s.tokens.a1, first);
    // A forger chains a second rate event after the first (a valid hash chain, a refused step).
    const again = record('rating-2', [['rate', 'receiver']], {}, twice.dossier).events[0]!;
    const head = first.events[0]!;
    const forged = rehash({
      ...again,
      id: 'rating-2-forged',
      seq: head.seq + 1,
      prevHash: head.hash,
      payload: { ...again.payload, rating: { level: 'very_satisfied', reason: '' } },
    });
    const before = await s.snapshot();
    expectRowRefused(await s.push(s.tokens.a1, 'dossier_events', [row(forged)]), {
      status: 422,
      reason: 'history_invalid',
      detail: /is rated/,
    });
    expect(await s.snapshot()).toBe(before);
  });
});
