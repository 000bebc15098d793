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
  };
}

const ms = (iso: string | null): number => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));

/** Early: resolved on a day before the deadline's day; on time: by the deadline itself; else late. */
function timeliness(resolvedAt: string, deadline: string): 'early' | 'onTime' | 'late' {
  if (deadline === '') return 'onTime';
  if (localDateVn(resolvedAt) < localDateVn(deadline)) return 'early';
  return Date.parse(resolvedAt) <= Date.parse(deadline) ? 'onTime' : 'late';
}

/**
 * Adds one dossier to the figures. `asOf` is the moment "in progress" and "overdue" are judged at:
 * the period's end, or now for a period that has not ended.
 */
export function addToFigures(
  figures: PeriodFigures,
  record: ReportRecord,
  bounds: { start: number; end: number },
  asOf: number,
): void {
  const { start, end } = bounds;
  const inPeriod = (iso: string | null) => iso !== null && ms(iso) >= start && ms(iso) < end;
  const received = ms(record.receivedAt);
  if (received === Number.POSITIVE_INFINITY) return;
  const closedAt = Math.min(ms(record.resolvedAt), ms(record.withdrawnAt), ms(record.stoppedAt));

  if (received < start && closedAt >= start) figures.carriedOver += 1;
  if (inPeriod(record.receivedAt)) {
    figures.received.total += 1;
    figures.received[record.channel] += 1;
  }
  if (record.resolvedAt !== null && inPeriod(record.resolvedAt)) {
    figures.resolved.total += 1;
    figures.resolved[timeliness(record.resolvedAt, record.deadlineAtResolution)] += 1;
    if (record.resolution === 'refused') figures.refused += 1;
  }
  const judgedAt = Math.min(end, asOf);
  if (received < judgedAt && closedAt >= judgedAt) {
    figures.inProgress.total += 1;
    const due = deadlineAt(record, judgedAt);
    if (due !== '' && Date.parse(due) < judgedAt) figures.inProgress.overdue += 1;
    else figures.inProgress.withinDeadline += 1;
  }
  if (record.supplementRequests.some((at) => inPeriod(at))) figures.supplementRequested += 1;
  if (inPeriod(record.withdrawnAt)) figures.withdrawn += 1;
  if (inPeriod(record.stoppedAt)) figures.stopped += 1;
  if (inPeriod(record.returnedAt)) {
    figures.returned += 1;
    if (record.rating) {
      figures.satisfaction[record.rating] += 1;
      figures.satisfaction.total += 1;
    }
  }
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
    addToFigures(row, record, bounds, asOf);
    addToFigures(total, record, bounds, asOf);
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
