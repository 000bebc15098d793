/**
 * What a report needs of one dossier, read once from its event chain: when it was taken in for
 * processing, resolved, returned, withdrawn or stopped, and the deadline it was judged against at
 * every moment. The counter (from its replica) and the server (from PostgreSQL) both build these,
 * so both count the same way.
 */
import { RESULT_DOCUMENT, type Dossier, type DossierEvent, type DossierStatus } from '../domain';
import { sortEvents } from '../workflow/chain';

export type Channel = Dossier['channel'];
export type RatingLevel = NonNullable<Dossier['rating']>['level'];

/** From `at` on, the dossier's deadline was `dueAt` ('' = no clock). */
export interface DeadlineChange {
  at: string;
  dueAt: string;
}

export interface ReportRecord {
  dossierId: string;
  /** The dossier code ('' before one was issued) and procedure, for lists of dossiers. */
  code: string;
  procedureName: string;
  officeId: string;
  sectorId: string;
  procedureId: string;
  channel: Channel;
  /** The officer who took it in for processing. */
  receiverId: string;
  /** Taken in for processing (form 01): the receive, or the completion of an incomplete intake. */
  receivedAt: string | null;
  /** The result was ready (sealed, or back from the deciding agency) or the dossier was refused. */
  resolvedAt: string | null;
  resolution: 'result' | 'refused' | null;
  /** The deadline in force when it was resolved. */
  deadlineAtResolution: string;
  returnedAt: string | null;
  withdrawnAt: string | null;
  stoppedAt: string | null;
  /** Each request for a supplement (form 02 during appraisal). */
  supplementRequests: string[];
  /**
   * The judged deadline over time. An apology letter (form 04) moves the citizen's appointment but
   * not the deadline the office is judged against; a supplement restarting the clock does.
   */
  deadlines: DeadlineChange[];
  rating: RatingLevel | null;
  /**
   * When every component the dossier lists had a file attached (attach_scan), null while one has
   * none or when it lists none: a component is digitised only once its file is attached.
   */
  componentsDigitisedAt: string | null;
  /** When the result was first digitised (an attach_scan of the result document). */
  resultDigitisedAt: string | null;
}

type Changes = { dueAt?: unknown; rating?: unknown };

const RESOLVED: ReadonlySet<DossierStatus> = new Set(['sealed', 'refused']);

/** Reads a dossier's report record from its events (any order; sorted here as the fold sorts them). */
export function reportRecord(dossier: Dossier, events: readonly DossierEvent[]): ReportRecord {
  const record: ReportRecord = {
    dossierId: dossier.id,
    code: dossier.code,
    procedureName: dossier.procedureName,
    officeId: dossier.officeId,
    sectorId: dossier.sectorId,
    procedureId: dossier.procedureId,
    channel: dossier.channel,
    receiverId: '',
    receivedAt: null,
    resolvedAt: null,
    resolution: null,
    deadlineAtResolution: '',
    returnedAt: null,
    withdrawnAt: null,
    stoppedAt: null,
    supplementRequests: [],
    deadlines: [],
    rating: dossier.rating?.level ?? null,
    componentsDigitisedAt: null,
    resultDigitisedAt: null,
  };
  let deadline = '';
  const components = new Set(dossier.documents.map((d) => d.documentId));
  for (const event of sortEvents(events)) {
    if (event.type === 'attach_scan') digitise(record, components, event);
    const changes = ((event.payload as { changes?: Changes }).changes ?? {}) as Changes;
    if (
      typeof changes.dueAt === 'string' &&
      event.type !== 'apologize_extend' &&
      changes.dueAt !== deadline
    ) {
      deadline = changes.dueAt;
      record.deadlines.push({ at: event.at, dueAt: deadline });
    }
    if (event.to === 'received' && (event.from === null || event.from === 'incomplete')) {
      record.receivedAt ??= event.at;
      record.receiverId ||= event.actorId;
    }
    if (event.type === 'request_supplement') record.supplementRequests.push(event.at);
    if (event.from !== event.to && RESOLVED.has(event.to) && record.resolvedAt === null) {
      record.resolvedAt = event.at;
      record.resolution = event.to === 'refused' ? 'refused' : 'result';
      record.deadlineAtResolution = deadline;
    }
    if (event.to === 'returned') record.returnedAt ??= event.at;
    if (event.to === 'withdrawn') record.withdrawnAt ??= event.at;
    if (event.to === 'stopped') record.stoppedAt ??= event.at;
  }
  return record;
}

/** Records an attached scan: the result, or one more of the dossier's components. */
function digitise(record: ReportRecord, pending: Set<string>, event: DossierEvent): void {
  const documentId = (event.payload as { documentId?: unknown }).documentId;
  if (documentId === RESULT_DOCUMENT) {
    record.resultDigitisedAt ??= event.at;
    return;
  }
  if (typeof documentId !== 'string' || !pending.delete(documentId)) return;
  if (pending.size === 0) record.componentsDigitisedAt = event.at;
}

/** The judged deadline in force at `at` ('' when none had been set). */
export function deadlineAt(record: ReportRecord, at: number): string {
  let due = '';
  for (const change of record.deadlines) {
    if (Date.parse(change.at) > at) break;
    due = change.dueAt;
  }
  return due;
}
