import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar';
import type { DossierStatus } from '../domain';
import { apologyDue, issuesCode, supplementInTime } from './deadlines';
import { statusesAwaiting } from './available';
import { COMMAND_TYPES } from './transitions';

const calendar = createWorkCalendar();
// Due Friday 13 March 2026, 10:00 Vietnam time: the apology's last day is Thursday 12, so the
// prompt starts on Wednesday 11 (Vietnam dates).
const DUE = '2026-03-13T03:00:00.000Z';

describe('apologyDue', () => {
  const open = { dueAt: DUE, originalDueAt: '', status: 'received' as DossierStatus };
  it.each([
    ['two working days before the last day', open, '2026-03-10T09:00:00.000Z', false],
    ['late evening, Vietnam date still the 10th', open, '2026-03-10T16:59:00.000Z', false],
    ['the working day before the last day (Vietnam date)', open, '2026-03-10T17:00:00.000Z', true],
    ['the last day', open, '2026-03-12T02:00:00.000Z', true],
    ['after the due date', open, '2026-03-20T02:00:00.000Z', true],
    ['no due date', { ...open, dueAt: '' }, '2026-03-20T02:00:00.000Z', false],
    ['already extended once', { ...open, originalDueAt: DUE }, '2026-03-20T02:00:00.000Z', false],
    ['returned (final)', { ...open, status: 'returned' as const }, '2026-03-20T02:00:00.000Z', false],
    ['sealed', { ...open, status: 'sealed' as const }, '2026-03-20T02:00:00.000Z', false],
  ])('%s', (_, dossier, now, due) => {
    expect(apologyDue(dossier, now, calendar)).toBe(due);
  });
});

describe('supplementInTime', () => {
  // Received Monday 9 March 2026 08:00 Vietnam time: three working days run to Thursday 12, 08:00.
  const dossier = { receivedAt: '2026-03-09T01:00:00.000Z' };
  it.each([
    ['the same day', '2026-03-09T05:00:00.000Z', true],
    ['at the deadline', '2026-03-12T01:00:00.000Z', true],
    ['a minute after', '2026-03-12T01:01:00.000Z', false],
    ['the next week', '2026-03-16T01:00:00.000Z', false],
  ])('%s', (_, now, inTime) => {
    expect(supplementInTime(dossier, now, calendar)).toBe(inTime);
  });
});

describe('issuesCode', () => {
  it('only a complete intake issues a code', () => {
    const issuing = COMMAND_TYPES.filter((type) => issuesCode(type));
    expect(issuing).toEqual(['receive', 'complete_intake']);
  });
  it.each([
    ['receive', true],
    ['complete_intake', true],
    ['record_incomplete', false],
    ['refuse_intake', false],
    ['supplement_received', false],
  ] as const)('%s → %s', (type, issues) => {
    expect(issuesCode(type)).toBe(issues);
  });
});

describe('statusesAwaiting', () => {
  it.each([
    ['receiver', ['incomplete', 'supplement_requested', 'refused', 'transferred', 'sealed']],
    ['appraiser', ['received']],
    ['approver', ['appraised']],
    ['sealer', ['approved']],
    ['supervisor', []],
    ['admin', []],
  ] as const)('%s', (role, statuses) => {
    expect(statusesAwaiting(role)).toEqual(statuses);
  });
});
