/** A hand-counted month of dossiers for the report tests (shared/reports, the report workbook). */
import type { Dossier, DossierEvent, DossierStatus } from '../../shared/domain';
import { reportRecord, type ReportRecord } from '../../shared/reports/record';
import { life } from './chain-fixtures';

export const MARCH_PERIOD = { from: '2026-03-01', to: '2026-03-31' };

/** 'MM-DD HH:mm' in Vietnam, 2026 → the UTC instant the events carry. */
export const vn = (local: string): string =>
  new Date(Date.parse(`2026-${local.replace(' ', 'T')}:00.000+07:00`)).toISOString();

type Step = [type: string, from: DossierStatus | null, to: DossierStatus, at: string, changes?: object];

/** What an event of the month varies by; the rest is the same for every one. */
export interface MarchEvent {
  type: string;
  from: DossierStatus | null;
  to: DossierStatus;
  /** 'MM-DD HH:mm' in Vietnam. */
  at: string;
  actorId: string;
  payload: object;
}

/** Event `i` (from 0) of dossier `id` as the chain records it (hashes play no part in reports). */
export function marchEvent(id: string, i: number, e: MarchEvent): DossierEvent {
  return {
    id: `${id}-e${i + 1}`,
    dossierId: id,
    officeId: 'office-1',
    seq: i + 1,
    type: e.type,
    from: e.from,
    to: e.to,
    actorId: e.actorId,
    actorName: '',
    actorRole: 'receiver',
    counterId: 'counter-1',
    at: vn(e.at),
    payload: e.payload,
    prevHash: '',
    hash: '',
  } as DossierEvent;
}

/** A dossier and its events as the chain records them. */
function dossier(id: string, steps: Step[], extra: Partial<Dossier> = {}): ReportRecord {
  const events = steps.map(([type, from, to, at, changes], i) =>
    marchEvent(id, i, {
      type,
      from,
      to,
      at,
      actorId: i === 0 ? 'receiver-1' : 'officer-2',
      payload: { changes: changes ?? { status: to } },
    }),
  );
  const base = {
    ...life.dossier,
    id,
    code: `000.00.06.H56-260301-00${id.charCodeAt(0)}`,
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
export const MARCH: ReportRecord[] = [
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
