import { describe, expect, it } from 'vitest';
import { eventWindow, roleHeldDuring, type RolePeriod } from './role-periods';

const T = Date.parse('2026-03-02T01:00:00.000Z');
const MIN = 60_000;
const SKEW = { clockSkewMs: 10 * MIN };

/** Appraiser until T, then receiver only; inactive from T + 60 min. */
const periods: RolePeriod[] = [
  { roles: ['appraiser', 'receiver'], from: T - 600 * MIN, to: T },
  { roles: ['receiver'], from: T, to: T + 60 * MIN },
  { roles: [], from: T + 60 * MIN, to: Infinity },
];
const at = (ms: number) => new Date(ms).toISOString();
const late = { ...SKEW, arrivedAt: T + 1000 * MIN };

describe('roleHeldDuring', () => {
  it.each([
    ['while held', T - 30 * MIN, 'appraiser', { ok: true }],
    ['after removal, within the skew', T + 5 * MIN, 'appraiser', { ok: true }],
    [
      'after removal, beyond the skew',
      T + 20 * MIN,
      'appraiser',
      { ok: false, why: 'role_not_held', held: ['receiver'] },
    ],
    [
      'a role never held',
      T - 30 * MIN,
      'approver',
      { ok: false, why: 'role_not_held', held: ['appraiser', 'receiver'] },
    ],
    ['before the officer was listed', T - 700 * MIN, 'receiver', { ok: false, why: 'not_active' }],
    ['while inactive', T + 200 * MIN, 'receiver', { ok: false, why: 'not_active' }],
    ['since ever (open start)', -1e15, 'x', { ok: false, why: 'not_active' }],
  ] as const)('%s', (_what, ms, role, verdict) => {
    expect(roleHeldDuring(periods, role, eventWindow(at(ms), late))).toEqual(verdict);
  });

  it('a period held since before the history and still held covers any date', () => {
    const always: RolePeriod[] = [{ roles: ['sealer'], from: -Infinity, to: Infinity }];
    expect(roleHeldDuring(always, 'sealer', eventWindow('2001-01-01T00:00:00.000Z', late))).toEqual({
      ok: true,
    });
  });

  it('the window ends when the event arrived: a role given after the push does not count', () => {
    const given: RolePeriod[] = [
      { roles: ['receiver'], from: -Infinity, to: T + 2 * MIN },
      { roles: ['receiver', 'approver'], from: T + 2 * MIN, to: Infinity },
    ];
    expect(roleHeldDuring(given, 'approver', eventWindow(at(T), { ...SKEW, arrivedAt: T + MIN }))).toEqual({
      ok: false,
      why: 'role_not_held',
      held: ['receiver'],
    });
    expect(
      roleHeldDuring(given, 'approver', eventWindow(at(T), { ...SKEW, arrivedAt: T + 3 * MIN })),
    ).toEqual({
      ok: true,
    });
  });
});
