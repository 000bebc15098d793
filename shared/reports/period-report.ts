/**
 * The figures of a supervisor's period report (form 06a of Circular 01/2020/TT-VPCP, see
 * DOMAIN.md "Reporting"): to process = carried over + newly received; resolved = early + on time +
 * late; in progress = within the deadline + overdue; plus supplements, refusals, withdrawals,
 * stops, returns, the on-time rate and the citizens' ratings.
 */
import { localDateVn, VN_OFFSET_MS } from '../codes/dossier-code';
import { RATINGS } from '../domain/dossier';
import { deadlineAt, type RatingLevel, type ReportRecord } from './record';

/** Calendar dates in Vietnam, both included. */
export interface ReportPeriod {
  from: string;
  to: string;
}

export interface PeriodFigures {
  carriedOver: number;
  received: { total: number; counter: number; online: number; post: number };
  toProcess: number;
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
  supplementRequested: number;
  refused: number;
  withdrawn: number;
  stopped: number;
  returned: number;
  /** (early + on time) / resolved, or null when nothing was resolved. */
  onTimeRate: number | null;
  satisfaction: Record<RatingLevel, number> & { total: number };
  /**
   * Digitisation (Index 766, Circular 01/2023/TT-VPCP): of the dossiers received in the period,
   * those whose every component had its file attached by the period's end; of those resolved with
   * a result in the period, how many there were and those whose result was digitised by its end.
   */
  digitisation: { componentsDigitised: number; resultsIssued: number; resultsDigitised: number };
}

const DAY_MS = 86_400_000;

/** The instants [start, end) of a period of Vietnam calendar dates. */
export function periodBounds(period: ReportPeriod): { start: number; end: number } {
  const start = Date.parse(`${period.from}T00:00:00.000Z`) - VN_OFFSET_MS;
  const end = Date.parse(`${period.to}T00:00:00.000Z`) - VN_OFFSET_MS + DAY_MS;
  if (!(end > start))
    throw new RangeError(`report period ends before it starts: ${period.from}–${period.to}`);
  return { start, end };
}

export function emptyFigures(): PeriodFigures {
  return {
    carriedOver: 0,
    received: { total: 0, counter: 0, online: 0, post: 0 },
    toProcess: 0,
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
    supplementRequested: 0,
    refused: 0,
    withdrawn: 0,
    stopped: 0,
    returned: 0,
    onTimeRate: null,
    satisfaction: { very_satisfied: 0, satisfied: 0, dissatisfied: 0, total: 0 },
    digitisation: { componentsDigitised: 0, resultsIssued: 0, resultsDigitised: 0 },
  };
}

const ms = (iso: string | null): number => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));

/** Early: resolved on a day before the deadline's day; on time: by the deadline itself; else late. */
export type Timeliness = 'early' | 'onTime' | 'late';

function timeliness(resolvedAt: string, deadline: string): Timeliness {
  if (deadline === '') return 'onTime';
  if (localDateVn(resolvedAt) < localDateVn(deadline)) return 'early';
  return Date.parse(resolvedAt) <= Date.parse(deadline) ? 'onTime' : 'late';
}

/** Where one dossier counts in a period: the single reading behind the figures and Index 766. */
export interface PeriodPlace {
  carriedOver: boolean;
  received: boolean;
  /** Resolved in the period, and how against its deadline. */
  resolved: Timeliness | null;
  refused: boolean;
  /** Still open at the judged moment: within its deadline or overdue (and that deadline). */
  inProgress: 'withinDeadline' | 'overdue' | null;
  judgedDeadline: string;
  supplementRequested: boolean;
  withdrawn: boolean;
  stopped: boolean;
  returned: boolean;
  /** The rating given at a return in the period. */
  rating: RatingLevel | null;
  /** Received in the period with every component digitised by its end. */
  componentsDigitised: boolean;
  /** Resolved with a result in the period (refusals have none), and that result digitised by its end. */
  resultIssued: boolean;
  resultDigitised: boolean;
}

/**
 * Where a dossier counts. `asOf` is the moment "in progress" and "overdue" are judged at: the
 * period's end, or now for a period that has not ended. Null when it was never taken in.
 */
export function placeInPeriod(
  record: ReportRecord,
  bounds: { start: number; end: number },
  asOf: number,
): PeriodPlace | null {
  const { start, end } = bounds;
  // Each instant parsed once: a year's report places tens of thousands of records.
  const received = ms(record.receivedAt);
  if (received === Number.POSITIVE_INFINITY) return null;
  const resolved = ms(record.resolvedAt);
  const withdrawn = ms(record.withdrawnAt);
  const stopped = ms(record.stoppedAt);
  const returnedAt = ms(record.returnedAt);
  // A missing instant (+Infinity) is never in the period nor before its end.
  const within = (at: number) => at >= start && at < end;
  const closedAt = Math.min(resolved, withdrawn, stopped);
  const resolvedIn = within(resolved);
  const judgedAt = Math.min(end, asOf);
  const open = received < judgedAt && closedAt >= judgedAt;
  const due = open ? deadlineAt(record, judgedAt) : '';
  const returned = within(returnedAt);
  const receivedIn = within(received);
  const byEnd = (iso: string | null) => iso !== null && Date.parse(iso) < end;
  const resultIssued = resolvedIn && record.resolution === 'result';
  return {
    carriedOver: received < start && closedAt >= start,
    received: receivedIn,
    resolved: resolvedIn ? timeliness(record.resolvedAt!, record.deadlineAtResolution) : null,
    refused: resolvedIn && record.resolution === 'refused',
    inProgress: !open ? null : due !== '' && Date.parse(due) < judgedAt ? 'overdue' : 'withinDeadline',
    judgedDeadline: due,
    supplementRequested: record.supplementRequests.some((at) => within(Date.parse(at))),
    withdrawn: within(withdrawn),
    stopped: within(stopped),
    returned,
    rating: returned ? record.rating : null,
    componentsDigitised: receivedIn && byEnd(record.componentsDigitisedAt),
    resultIssued,
    resultDigitised: resultIssued && byEnd(record.resultDigitisedAt),
  };
}

/** Adds one dossier to the figures (see placeInPeriod for `asOf`). */
export function addToFigures(
  figures: PeriodFigures,
  record: ReportRecord,
  bounds: { start: number; end: number },
  asOf: number,
): void {
  const place = placeInPeriod(record, bounds, asOf);
  if (place) addPlace(figures, record, place);
}

/** Adds a dossier's place in the period to the figures. */
function addPlace(figures: PeriodFigures, record: ReportRecord, place: PeriodPlace): void {
  if (place.carriedOver) figures.carriedOver += 1;
  if (place.received) {
    figures.received.total += 1;
    figures.received[record.channel] += 1;
  }
  if (place.resolved) {
    figures.resolved.total += 1;
    figures.resolved[place.resolved] += 1;
  }
  if (place.refused) figures.refused += 1;
  if (place.inProgress) {
    figures.inProgress.total += 1;
    figures.inProgress[place.inProgress] += 1;
  }
  if (place.supplementRequested) figures.supplementRequested += 1;
  if (place.withdrawn) figures.withdrawn += 1;
  if (place.stopped) figures.stopped += 1;
  if (place.returned) figures.returned += 1;
  if (place.rating) {
    figures.satisfaction[place.rating] += 1;
    figures.satisfaction.total += 1;
  }
  if (place.componentsDigitised) figures.digitisation.componentsDigitised += 1;
  if (place.resultIssued) figures.digitisation.resultsIssued += 1;
  if (place.resultDigitised) figures.digitisation.resultsDigitised += 1;
}

/** Derived figures, once every dossier is added. */
export function finishFigures(figures: PeriodFigures): PeriodFigures {
  figures.toProcess = figures.carriedOver + figures.received.total;
  const { early, onTime, total } = figures.resolved;
  figures.onTimeRate = total === 0 ? null : (early + onTime) / total;
  return figures;
}

export interface ReportOptions {
  /** Now, for a period not yet over (in progress and overdue are judged at the earlier of the two). */
  asOf?: number;
}

/** The period's figures over these dossiers. */
export function periodReport(
  records: Iterable<ReportRecord>,
  period: ReportPeriod,
  options: ReportOptions = {},
): PeriodFigures {
  const bounds = periodBounds(period);
  const figures = emptyFigures();
  const asOf = options.asOf ?? bounds.end;
  for (const record of records) addToFigures(figures, record, bounds, asOf);
  return finishFigures(figures);
}

export const REPORT_DIMENSIONS = ['officeId', 'sectorId', 'procedureId', 'receiverId'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** The period's figures per office, sector, procedure or receiving officer, and their total. */
export function periodReportBy(
  records: Iterable<ReportRecord>,
  period: ReportPeriod,
  dimension: ReportDimension,
  options: ReportOptions = {},
): { rows: Map<string, PeriodFigures>; total: PeriodFigures } {
  const bounds = periodBounds(period);
  const asOf = options.asOf ?? bounds.end;
  const rows = new Map<string, PeriodFigures>();
  const total = emptyFigures();
  for (const record of records) {
    const key = record[dimension];
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyFigures()));
    // Placed once, added to its row and to the total.
    const place = placeInPeriod(record, bounds, asOf);
    if (!place) continue;
    addPlace(row, record, place);
    addPlace(total, record, place);
  }
  for (const row of rows.values()) finishFigures(row);
  return { rows, total: finishFigures(total) };
}

/** Each rating level's share of the ratings given (0 when none was given). */
export function satisfactionShares(figures: PeriodFigures): Record<RatingLevel, number> {
  const { total } = figures.satisfaction;
  return Object.fromEntries(
    RATINGS.map((level) => [level, total === 0 ? 0 : figures.satisfaction[level] / total]),
  ) as Record<RatingLevel, number>;
}
