import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar';
import type { DossierStatus } from '../domain';
import { byWatch, deadlineWatch, workingDaysLate, type DeadlineWatch } from './watch';

const calendar = createWorkCalendar();
/** Vietnam local time → instant. */
const vn = (local: string): string => new Date(`${local}+07:00`).toISOString();

// 2026-03-02 is a Monday; 2026-04-27 (Monday) is Hùng Kings observed; 2026-01-10 a make-up Saturday.
describe('deadlineWatch', () => {
  const cases: [string, DossierStatus, string, string, DeadlineWatch][] = [
    ['due exactly now is not yet late', 'received', '2026-03-03T09:00:00', '2026-03-03T09:00:00', 'due_soon'],
    [
      'due a millisecond ago is late',
      'received',
      '2026-03-03T08:59:59.999',
      '2026-03-03T09:00:00',
      'overdue',
    ],
    ['due yesterday', 'appraised', '2026-03-02T17:00:00', '2026-03-03T09:00:00', 'overdue'],
    ['due later today', 'approved', '2026-03-03T17:00:00', '2026-03-03T09:00:00', 'due_soon'],
    ['due on the next working day', 'received', '2026-03-04T17:00:00', '2026-03-03T09:00:00', 'due_soon'],
    ['due in two working days', 'received', '2026-03-05T09:00:00', '2026-03-03T09:00:00', 'in_time'],
    [
      'Friday, due Monday (over the weekend)',
      'received',
      '2026-03-09T17:00:00',
      '2026-03-06T10:00:00',
      'due_soon',
    ],
    ['Friday, due Tuesday', 'received', '2026-03-10T09:00:00', '2026-03-06T10:00:00', 'in_time'],
    [
      'Saturday (a day off), due Monday',
      'received',
      '2026-03-09T17:00:00',
      '2026-03-07T10:00:00',
      'due_soon',
    ],
    ['Saturday, due Tuesday', 'received', '2026-03-10T09:00:00', '2026-03-07T10:00:00', 'in_time'],
    [
      'Friday, due Tuesday after a Monday holiday',
      'transferred',
      '2026-04-28T17:00:00',
      '2026-04-24T10:00:00',
      'due_soon',
    ],
    [
      'Friday, due Wednesday after a Monday holiday',
      'received',
      '2026-04-29T09:00:00',
      '2026-04-24T10:00:00',
      'in_time',
    ],
    [
      'Friday, due on a make-up Saturday',
      'received',
      '2026-01-10T17:00:00',
      '2026-01-09T10:00:00',
      'due_soon',
    ],
    [
      'Friday before a make-up Saturday, due Monday',
      'received',
      '2026-01-12T17:00:00',
      '2026-01-09T10:00:00',
      'in_time',
    ],
    [
      'a supplement pauses the clock',
      'supplement_requested',
      '2026-03-02T17:00:00',
      '2026-03-03T09:00:00',
      'no_clock',
    ],
    [
      'a sealed result waits for the citizen',
      'sealed',
      '2026-03-02T17:00:00',
      '2026-03-03T09:00:00',
      'no_clock',
    ],
    ['returned', 'returned', '2026-03-02T17:00:00', '2026-03-03T09:00:00', 'no_clock'],
    ['incomplete intake', 'incomplete', '', '2026-03-03T09:00:00', 'no_clock'],
  ];
  it.each(cases)('%s', (_label, status, due, now, expected) => {
    expect(deadlineWatch({ status, dueAt: due ? vn(due) : '' }, vn(now), calendar)).toBe(expected);
  });

  it('a completed supplement restarts the clock: the new appointment is watched', () => {
    const now = vn('2026-03-03T09:00:00');
    // Before: due yesterday while the supplement was awaited; after: due again in 3 working days.
    expect(
      deadlineWatch({ status: 'supplement_requested', dueAt: vn('2026-03-02T17:00:00') }, now, calendar),
    ).toBe('no_clock');
    expect(deadlineWatch({ status: 'received', dueAt: vn('2026-03-06T09:00:00') }, now, calendar)).toBe(
      'in_time',
    );
  });
});

describe('byWatch', () => {
  it('puts overdue first, then due soon, then the rest, each by due date', () => {
    const now = vn('2026-03-03T09:00:00');
    const rows = [
      { id: 'd', status: 'received' as const, dueAt: vn('2026-03-20T09:00:00') },
      { id: 'c', status: 'received' as const, dueAt: vn('2026-03-04T09:00:00') },
      { id: 'e', status: 'supplement_requested' as const, dueAt: vn('2026-02-01T09:00:00') },
      { id: 'b', status: 'received' as const, dueAt: vn('2026-03-02T09:00:00') },
      { id: 'a', status: 'received' as const, dueAt: vn('2026-02-27T09:00:00') },
    ];
    const sorted = [...rows].sort(byWatch((d) => deadlineWatch(d, now, calendar)));
    expect(sorted.map((d) => d.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('workingDaysLate', () => {
  it.each([
    ['2026-03-03T17:00:00', '2026-03-03T18:00:00', 0],
    ['2026-03-06T17:00:00', '2026-03-09T09:00:00', 1],
    ['2026-04-24T17:00:00', '2026-04-28T09:00:00', 1],
    ['2026-03-02T17:00:00', '2026-03-05T09:00:00', 3],
    ['2026-03-05T17:00:00', '2026-03-03T09:00:00', 0],
  ])('due %s, now %s: %i working days late', (due, now, late) => {
    expect(workingDaysLate(vn(due), vn(now), calendar)).toBe(late);
  });
  it('is 0 without an appointment', () =>
    expect(workingDaysLate('', vn('2026-03-03T09:00:00'), calendar)).toBe(0));
});
