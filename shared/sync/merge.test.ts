import { describe, expect, it } from 'vitest';
import { canonicalJson, mergeThreeWay } from './merge';

const base = {
  id: 'd1',
  status: 'received',
  notes: '',
  applicant: { phone: '0911' },
  eventCount: 1,
  lastEventHash: 'a',
  updatedAt: '2026-03-02T01:00:00Z',
};

describe('mergeThreeWay (dossier fields against the common ancestor)', () => {
  const cases: {
    name: string;
    master: Partial<typeof base>;
    incoming: Partial<typeof base>;
    merged: Partial<typeof base>;
    conflicts: string[];
  }[] = [
    {
      name: 'only the counter changed a field',
      master: {},
      incoming: { notes: 'x' },
      merged: { notes: 'x' },
      conflicts: [],
    },
    {
      name: 'only the server changed a field',
      master: { notes: 'y' },
      incoming: {},
      merged: { notes: 'y' },
      conflicts: [],
    },
    {
      name: 'different fields on each side',
      master: { status: 'appraised' },
      incoming: { notes: 'x' },
      merged: { status: 'appraised', notes: 'x' },
      conflicts: [],
    },
    {
      name: 'same change on both sides',
      master: { notes: 'z' },
      incoming: { notes: 'z' },
      merged: { notes: 'z' },
      conflicts: [],
    },
    {
      name: 'same field, different values: master kept, conflict named',
      master: { applicant: { phone: '0922' } },
      incoming: { applicant: { phone: '0933' } },
      merged: { applicant: { phone: '0922' } },
      conflicts: ['applicant'],
    },
    {
      name: 'updatedAt never conflicts: the later wins',
      master: { updatedAt: '2026-03-02T02:00:00Z' },
      incoming: { updatedAt: '2026-03-02T03:00:00Z' },
      merged: { updatedAt: '2026-03-02T03:00:00Z' },
      conflicts: [],
    },
    {
      name: 'both appended events: the deeper head wins as a pair',
      master: { eventCount: 2, lastEventHash: 'b' },
      incoming: { eventCount: 3, lastEventHash: 'c' },
      merged: { eventCount: 3, lastEventHash: 'c' },
      conflicts: [],
    },
    {
      name: 'equal depth: the higher hash wins, as events sort',
      master: { eventCount: 2, lastEventHash: 'f' },
      incoming: { eventCount: 2, lastEventHash: 'e' },
      merged: { eventCount: 2, lastEventHash: 'f' },
      conflicts: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = mergeThreeWay(base, { ...base, ...c.master }, { ...base, ...c.incoming });
      expect(result.merged).toEqual({ ...base, ...c.merged });
      expect(result.conflicts).toEqual(c.conflicts);
    });
  }

  it('without an ancestor, every differing field is a conflict', () => {
    expect(mergeThreeWay(null, { ...base, notes: 'a' }, { ...base, notes: 'b' }).conflicts).toEqual([
      'notes',
    ]);
  });

  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(
      canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }),
    );
  });
});
