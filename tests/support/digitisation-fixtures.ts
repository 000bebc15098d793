/** A hand-counted month of dossiers with scans attached, for the Index 766 digitisation figures. */
import type { Dossier, DossierEvent, DossierStatus } from '../../shared/domain';
import { reportRecord, type ReportRecord } from '../../shared/reports/record';
import { life } from './chain-fixtures';
import { marchEvent, vn } from './report-fixtures';

export { MARCH_PERIOD } from './report-fixtures';

/** A step, or a scan of one of the dossier's components ('cmp-…') or of its result ('result'). */
type Step = [type: string, from: DossierStatus | null, to: DossierStatus, at: string, documentId?: string];

const DOCUMENTS = ['cmp-1', 'cmp-2'].map((documentId) => ({
  documentId,
  name: documentId,
  copyType: 'original',
  count: 1,
})) as Dossier['documents'];

function events(id: string, steps: Step[]): DossierEvent[] {
  return steps.map(([type, from, to, at, documentId], i) =>
    marchEvent(id, i, {
      type,
      from,
      to,
      at,
      actorId: 'receiver-1',
      payload:
        type === 'attach_scan'
          ? { documentId, changes: {} }
          : { changes: type === 'receive' ? { dueAt: vn('03-31 17:00') } : { status: to } },
    }),
  );
}

/** A dossier of the month: its base (listing two components) with its events. */
export function digitisedDossier(
  id: string,
  steps: Step[],
  documents: Dossier['documents'] = DOCUMENTS,
): { dossier: Dossier; events: DossierEvent[] } {
  const dossier = { ...life.dossier, id, code: `DG-${id}`, documents, rating: null } as Dossier;
  return { dossier, events: events(id, steps) };
}

const receive = (at: string): Step => ['receive', null, 'received', at];
const scan = (at: string, documentId: string): Step => [
  'attach_scan',
  'received',
  'received',
  at,
  documentId,
];
const seal = (at: string): Step => ['seal', 'approved', 'sealed', at];

/**
 * March 2026: 5 dossiers received in the month (P–T), 2 with every component digitised (P, Q);
 * 3 results issued (P, R, T; S was refused), 1 of them digitised in the month (P).
 */
export const DIGITISED_MONTH = [
  // Both components scanned at intake, result scanned at sealing: counts in every figure.
  digitisedDossier('P', [
    receive('03-02 08:00'),
    scan('03-02 08:05', 'cmp-1'),
    scan('03-02 08:06', 'cmp-2'),
    seal('03-05 10:00'),
    ['attach_scan', 'sealed', 'sealed', '03-05 10:05', 'result'],
  ]),
  // Its second component scanned later in the month: digitised (by the period's end), still open.
  digitisedDossier('Q', [receive('03-03 08:00'), scan('03-03 08:05', 'cmp-1'), scan('03-20 09:00', 'cmp-2')]),
  // One component of two: not digitised. Result issued, never digitised.
  digitisedDossier('R', [receive('03-04 08:00'), scan('03-04 08:05', 'cmp-1'), seal('03-10 10:00')]),
  // Both scanned, the second after the period: not digitised in March. Refused: no result issued.
  digitisedDossier('S', [
    receive('03-05 08:00'),
    scan('03-05 08:05', 'cmp-1'),
    ['refuse', 'received', 'refused', '03-06 08:00'],
    scan('04-02 08:00', 'cmp-2'),
  ]),
  // Lists no components: never counts as digitised. Result scanned only in April.
  digitisedDossier(
    'T',
    [
      receive('03-06 08:00'),
      seal('03-09 08:00'),
      ['attach_scan', 'sealed', 'sealed', '04-01 09:00', 'result'],
    ],
    [],
  ),
  // Received and digitised before the month: counts in none of March's digitisation figures.
  digitisedDossier('U', [receive('02-20 08:00'), scan('02-20 08:05', 'cmp-1'), scan('02-20 08:06', 'cmp-2')]),
];

export const DIGITISED_RECORDS: ReportRecord[] = DIGITISED_MONTH.map((d) =>
  reportRecord(d.dossier, d.events),
);
