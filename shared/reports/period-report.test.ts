import { describe, expect, it } from 'vitest';
import type { Dossier, DossierEvent, DossierStatus } from '../domain';
import { life } from '../../tests/support/chain-fixtures';
import { periodReport, periodReportBy, satisfactionShares } from './period-report';
import { reportRecord, type ReportRecord } from './record';

/** 'MM-DD HH:mm' in Vietnam, 2026 → the UTC instant the events carry. */
const vn = (local: string): string =>
  new Date(Date.parse(`2026-${local.replace(' ', 'T')}:00.000+07:00`)).toISOString();

type Step = [type: string, from: DossierStatus | null, to: DossierStatus, at: string, changes?: object];

/** A dossier and its events as the chain records them (hashes play no part in reports). */
function dossier(id: string, steps: Step[], extra: Partial<Dossier> = {}): ReportRecord {
  const events = steps.map(
    ([type, from, to, at, changes], i) =>
      ({
        id: `${id}-e${i + 1}`,
        dossierId: id,
        officeId: 'office-1',
        seq: i + 1,
        type,
        from,
        to,
        actorId: i === 0 ? 'receiver-1' : 'officer-2',
        actorName: '',
        actorRole: 'receiver',
        counterId: 'counter-1',
        at: vn(at),
        payload: { changes: changes ?? { status: to } },
        prevHash: '',
        hash: '',
      }) as DossierEvent,
  );
  const base = {
    ...life.dossier,
    id,
    channel: 'counter',
    rating: null,
    sectorId: 'sector-hotich',
  } as Dossier;
  return reportRecord({ ...base, ...extra }, events);
}

const received = (at: string, due: string): Step => ['receive', null, 'received', at, { dueAt: vn(due) }];
const seal = (at: string): Step => ['seal', 'approved', 'sealed', at];
const returned = (at: string): Step => ['return_result', 'sealed', 'returned', at];
const rated = (level: NonNullable<Dossier['rating']>['level']) => ({ rating: { level, reason: '' } });

/** March 2026, hand-counted: the comment on each dossier says where it counts. */
const MARCH = [
  // Early (sealed two days before the deadline), returned, very satisfied.
  dossier('A', [received('03-02 08:00', '03-05 17:00'), seal('03-04 10:00'), returned('03-04 10:30')], {
    ...rated('very_satisfied'),
  }),
  // Sealed and returned exactly at the deadline: on time. Received online.
  dossier('B', [received('03-02 09:00', '03-05 17:00'), seal('03-05 17:00'), returned('03-05 17:00')], {
    channel: 'online',
    ...rated('satisfied'),
  }),
  // Late; by post; dissatisfied.
  dossier('C', [received('03-03 08:00', '03-06 17:00'), seal('03-09 09:00'), returned('03-09 10:00')], {
    channel: 'post',
    ...rated('dissatisfied'),
  }),
  // Received before the period, still open at its end and past its deadline: carried over, overdue.
  dossier('D', [received('02-25 08:00', '03-02 17:00')]),
  // Resolved before the period: counts nowhere.
  dossier('E', [received('02-20 08:00', '02-25 17:00'), seal('02-24 08:00')]),
  // A supplement restarts the clock: judged against the new deadline (03-25), so early.
  dossier('F', [
    received('03-10 08:00', '03-13 17:00'),
    ['request_supplement', 'received', 'supplement_requested', '03-11 09:00'],
    ['supplement_received', 'supplement_requested', 'received', '03-20 08:00', { dueAt: vn('03-25 17:00') }],
    seal('03-24 15:00'),
  ]),
  // Withdrawn after an apology extended the appointment: withdrawn, neither resolved nor in progress.
  dossier('G', [
    received('03-16 08:00', '03-19 17:00'),
    [
      'apologize_extend',
      'received',
      'received',
      '03-18 08:00',
      { originalDueAt: vn('03-19 17:00'), dueAt: vn('03-26 17:00') },
    ],
    ['withdraw', 'received', 'withdrawn', '03-27 09:00'],
  ]),
  // Received on the period's last days, due after it: in progress within the deadline.
  dossier('H', [received('03-30 08:00', '04-02 17:00')]),
  // An apology moves the appointment, not the deadline it is judged against: late.
  dossier('I', [
    received('03-12 08:00', '03-13 17:00'),
    [
      'apologize_extend',
      'received',
      'received',
      '03-13 08:00',
      { originalDueAt: vn('03-13 17:00'), dueAt: vn('03-20 17:00') },
    ],
    seal('03-18 10:00'),
  ]),
  // Refused after appraisal: resolved (the refusal is its result), early.
  dossier('J', [received('03-05 08:00', '03-10 17:00'), ['refuse', 'received', 'refused', '03-06 09:00']]),
  // Stopped by the agency.
  dossier('K', [received('03-17 08:00', '03-20 17:00'), ['stop', 'received', 'stopped', '03-20 09:00']]),
  // Incomplete at intake and never completed: not taken in, counts nowhere.
  dossier('L', [['record_incomplete', null, 'incomplete', '03-25 08:00']]),
  // Completed on 03-04 (received then), resolved after the period: in progress, overdue.
  dossier('M', [
    ['record_incomplete', null, 'incomplete', '03-02 08:00'],
    ['complete_intake', 'incomplete', 'received', '03-04 08:00', { dueAt: vn('03-09 17:00') }],
    seal('04-02 08:00'),
  ]),
];

describe('period report (form 06a figures)', () => {
  const march = periodReport(MARCH, { from: '2026-03-01', to: '2026-03-31' });

  it('counts what there was to process: carried over plus newly received by channel', () => {
    expect(march.carriedOver).toBe(1);
    expect(march.received).toEqual({ total: 10, counter: 8, online: 1, post: 1 });
    expect(march.toProcess).toBe(11);
  });

  it('splits the resolved into early, on time (exactly at the deadline included) and late', () => {
    expect(march.resolved).toEqual({ total: 6, early: 3, onTime: 1, late: 2 });
    expect(march.refused).toBe(1);
    expect(march.onTimeRate).toBeCloseTo(4 / 6);
  });

  it('judges what is still open at the end of the period', () => {
    expect(march.inProgress).toEqual({ total: 3, withinDeadline: 1, overdue: 2 });
  });

  it('counts supplements, withdrawals, stops, returns and ratings', () => {
    expect(march.supplementRequested).toBe(1);
    expect(march.withdrawn).toBe(1);
    expect(march.stopped).toBe(1);
    expect(march.returned).toBe(3);
    expect(march.satisfaction).toEqual({ very_satisfied: 1, satisfied: 1, dissatisfied: 1, total: 3 });
    expect(satisfactionShares(march).dissatisfied).toBeCloseTo(1 / 3);
  });

  it('balances: everything to process is resolved, in progress, withdrawn or stopped', () => {
    const accounted = march.resolved.total + march.inProgress.total + march.withdrawn + march.stopped;
    expect(accounted).toBe(march.toProcess);
  });

  it('judges a period not yet over at the given moment', () => {
    // On 03-10 noon: D and M are overdue; F is within its (first) deadline.
    const sofar = periodReport(
      MARCH,
      { from: '2026-03-01', to: '2026-03-31' },
      { asOf: Date.parse(vn('03-10 12:00')) },
    );
    expect(sofar.inProgress).toEqual({ total: 3, withinDeadline: 1, overdue: 2 });
  });

  it('groups by sector with a total equal to the whole report', () => {
    const bySector = periodReportBy(MARCH, { from: '2026-03-01', to: '2026-03-31' }, 'sectorId');
    expect([...bySector.rows.keys()]).toEqual(['sector-hotich']);
    expect(bySector.total).toEqual(march);
  });
});

describe('report record from a real chain', () => {
  it('keeps the deadline of receipt after an apology letter, and reads the milestones', () => {
    const record = reportRecord(life.dossier, life.events);
    expect(record.receivedAt).toBe(life.events[0]?.at);
    expect(record.deadlineAtResolution).toBe(life.dossier.originalDueAt);
    expect(record.deadlineAtResolution).not.toBe(life.dossier.dueAt);
    expect(record.resolution).toBe('result');
    expect(record.returnedAt).toBe(life.dossier.returnedAt);
    expect(record.rating).toBe('very_satisfied');
  });
});
