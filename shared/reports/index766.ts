/**
 * The Index 766 service-quality indicators (Decision 766/QĐ-TTg, DOMAIN.md "Index 766") that our
 * data computes: progress of resolution (the share resolved on time, the share of open dossiers
 * overdue), satisfaction (the share of ratings that are satisfied or very satisfied) and
 * digitisation (the shares of dossiers received with their components digitised and of results
 * digitised), with every dossier that loses the office points and why. The shares derive from
 * the period's figures, so the counter and the server, which both build those figures, give the
 * same indicators.
 */
import { periodBounds, placeInPeriod, type PeriodFigures, type ReportOptions } from './period-report';
import type { ReportPeriod } from './period-report';
import type { ReportRecord } from './record';

export const POINT_LOSSES = ['resolved_late', 'overdue', 'dissatisfied'] as const;
/** Why a dossier loses points: resolved after its deadline, open past it, or rated dissatisfied. */
export type PointLoss = (typeof POINT_LOSSES)[number];

export interface LosingDossier {
  dossierId: string;
  code: string;
  procedureName: string;
  reason: PointLoss;
  /** The deadline it missed ('' for a rating). */
  deadline: string;
  /** When it was resolved late, the moment it was judged overdue, or when it was returned and rated. */
  at: string;
}

export interface Index766Shares {
  resolved: number;
  resolvedOnTime: number;
  /** (early + on time) / resolved; null when nothing was resolved. */
  onTimeShare: number | null;
  inProgress: number;
  overdue: number;
  /** Overdue / in progress at the judged moment; null when nothing was open. */
  overdueShare: number | null;
  ratings: number;
  satisfied: number;
  /** (very satisfied + satisfied) / ratings given; null when none was given. */
  satisfactionShare: number | null;
  /** Dossiers received in the period, and those of them with every component digitised. */
  received: number;
  componentsDigitised: number;
  /** Components digitised / received; null when nothing was received. */
  componentsDigitisedShare: number | null;
  /** Results issued in the period, and those digitised. */
  resultsIssued: number;
  resultsDigitised: number;
  /** Results digitised / results issued; null when none was issued. */
  resultsDigitisedShare: number | null;
}

export interface Index766 extends Index766Shares {
  /** The dossiers that lose points, at most the list limit of them, by reason then code. */
  losing: LosingDossier[];
  /** How many entries there are in all (the list may stop short of them). */
  losingTotal: number;
}

/** At most this many losing dossiers are listed unless asked otherwise (the total is always given). */
export const LOSING_LIST_LIMIT = 1_000;

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** The indicators' shares from the period's figures. */
export function index766Shares(figures: PeriodFigures): Index766Shares {
  const { resolved, inProgress, satisfaction, digitisation } = figures;
  const resolvedOnTime = resolved.early + resolved.onTime;
  const satisfied = satisfaction.very_satisfied + satisfaction.satisfied;
  return {
    resolved: resolved.total,
    resolvedOnTime,
    onTimeShare: share(resolvedOnTime, resolved.total),
    inProgress: inProgress.total,
    overdue: inProgress.overdue,
    overdueShare: share(inProgress.overdue, inProgress.total),
    ratings: satisfaction.total,
    satisfied,
    satisfactionShare: share(satisfied, satisfaction.total),
    received: figures.received.total,
    componentsDigitised: digitisation.componentsDigitised,
    componentsDigitisedShare: share(digitisation.componentsDigitised, figures.received.total),
    resultsIssued: digitisation.resultsIssued,
    resultsDigitised: digitisation.resultsDigitised,
    resultsDigitisedShare: share(digitisation.resultsDigitised, digitisation.resultsIssued),
  };
}

/** The order losing dossiers are listed in: by reason, then code, then id (code points, as SQL "C"). */
export function compareLosing(a: LosingDossier, b: LosingDossier): number {
  const byReason = POINT_LOSSES.indexOf(a.reason) - POINT_LOSSES.indexOf(b.reason);
  if (byReason !== 0) return byReason;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.dossierId < b.dossierId ? -1 : a.dossierId > b.dossierId ? 1 : 0;
}

/** Every dossier that loses points in the period, sorted (compareLosing). */
export function losingDossiers(
  records: Iterable<ReportRecord>,
  period: ReportPeriod,
  options: ReportOptions = {},
): LosingDossier[] {
  const bounds = periodBounds(period);
  const asOf = options.asOf ?? bounds.end;
  const judgedAt = new Date(Math.min(bounds.end, asOf)).toISOString();
  const list: LosingDossier[] = [];
  for (const record of records) {
    const place = placeInPeriod(record, bounds, asOf);
    if (!place) continue;
    const { dossierId, code, procedureName } = record;
    const entry = (reason: PointLoss, deadline: string, at: string) =>
      list.push({ dossierId, code, procedureName, reason, deadline, at });
    if (place.resolved === 'late') entry('resolved_late', record.deadlineAtResolution, record.resolvedAt!);
    if (place.inProgress === 'overdue') entry('overdue', place.judgedDeadline, judgedAt);
    if (place.rating === 'dissatisfied') entry('dissatisfied', '', record.returnedAt!);
  }
  return list.sort(compareLosing);
}

/** The indicators of a period over these dossiers, from its figures and its losing dossiers. */
export function index766(
  figures: PeriodFigures,
  records: Iterable<ReportRecord>,
  period: ReportPeriod,
  options: ReportOptions & { listLimit?: number } = {},
): Index766 {
  const losing = losingDossiers(records, period, options);
  return {
    ...index766Shares(figures),
    losing: losing.slice(0, options.listLimit ?? LOSING_LIST_LIMIT),
    losingTotal: losing.length,
  };
}
