import { describe, expect, it } from 'vitest';
import type { ReplicaDump } from './storage';
import { dumpOfOffice, isReplicaDump } from './office';

const OFFICE = 'office-a';

function dump(collections: ReplicaDump['collections']): ReplicaDump {
  return { format: 'motcua-replica', version: 1, exportedAt: '2026-03-09T01:00:00.000Z', collections };
}

describe('dumpOfOffice', () => {
  it.each([
    ['an empty dump', {}, true],
    [
      'every document of this office',
      {
        offices: [{ id: OFFICE }],
        counters: [{ id: 'c1', officeId: OFFICE }],
        officers: [{ id: 'o1', officeId: OFFICE }],
        dossiers: [{ id: 'd1', officeId: OFFICE }],
        dossier_events: [{ id: 'e1', officeId: OFFICE }],
        settings: [{ id: 'counter.identity', value: { officeId: OFFICE } }],
      },
      true,
    ],
    ['another office', { offices: [{ id: 'office-b' }] }, false],
    ['a counter of another office', { counters: [{ id: 'c1', officeId: 'office-b' }] }, false],
    ['an officer of another office', { officers: [{ id: 'o1', officeId: 'office-b' }] }, false],
    ['a dossier of another office', { dossiers: [{ id: 'd1', officeId: 'office-b' }] }, false],
    ['an event of another office', { dossier_events: [{ id: 'e1', officeId: 'office-b' }] }, false],
    [
      "another office's counter identity",
      { settings: [{ id: 'counter.identity', value: { officeId: 'office-b' } }] },
      false,
    ],
    ['a counter identity without an office', { settings: [{ id: 'counter.identity', value: {} }] }, true],
    ['procedures are not office-bound', { procedures: [{ id: 'p1', officeId: 'office-b' }] }, true],
  ] as const)('%s', (_, collections, ours) => {
    expect(dumpOfOffice(dump(collections as ReplicaDump['collections']), OFFICE)).toBe(ours);
  });
});

describe('isReplicaDump', () => {
  it.each([
    ['a dump', dump({ dossiers: [] }), true],
    ['null', null, false],
    ['another format', { format: 'other', collections: {} }, false],
    ['no collections', { format: 'motcua-replica' }, false],
    ['a collection that is not a list', { format: 'motcua-replica', collections: { dossiers: {} } }, false],
  ])('%s', (_, data, shaped) => {
    expect(isReplicaDump(data)).toBe(shaped);
  });
});
