/**
 * The period figures, daily counts and losing dossiers computed in PostgreSQL over report_records:
 * each condition below is the SQL reading of shared/reports placeInPeriod (period-report.ts), and
 * tests/integration/reports.test.ts checks the two give the same figures on the hand-counted month.
 * $1 = period start, $2 = period end (exclusive), $3 = the judged moment, $4 = the office or NULL.
 */
import type pg from 'pg';
import {
  emptyFigures,
  finishFigures,
  POINT_LOSSES,
  type DayCount,
  type LosingDossier,
  type PeriodFigures,
  type ReportDimension,
} from '../../shared/reports';

const COLUMN: Record<ReportDimension, string> = {
  officeId: 'office_id',
  sectorId: 'sector_id',
  procedureId: 'procedure_id',
  receiverId: 'receiver_id',
};

const inPeriod = (column: string) => `(${column} >= $1 AND ${column} < $2)`;

/** The rows that can count in the period: taken in before its end, not closed and returned before it. */
const RELEVANT = `FROM report_records
  WHERE received_at < $2 AND (active_until IS NULL OR active_until >= $1)
    AND ($4::text IS NULL OR office_id = $4)`;

const OPEN_AT_JUDGED = `(received_at < $3 AND (closed_at IS NULL OR closed_at >= $3))`;
/**
 * The judged deadline at $3: the last change made by then (shared deadlineAt). Most often that is
 * the last change of all, read without unnesting the arrays.
 */
const JUDGED_DUE = `(CASE WHEN deadline_from[cardinality(deadline_from)] <= $3
  THEN deadline_due[cardinality(deadline_due)]
  ELSE (SELECT d.due FROM unnest(deadline_from, deadline_due) WITH ORDINALITY AS d(at, due, n)
    WHERE d.at <= $3 ORDER BY d.n DESC LIMIT 1) END)`;
const RESOLVED = `(resolved_at IS NOT NULL AND ${inPeriod('resolved_at')})`;
/**
 * Early, on time or late (migration 18 keeps it with the row, as shared timeliness reads it): early
 * when resolved on a Vietnam calendar day before the deadline's, late when after the deadline
 * instant, on time otherwise or when no clock ran.
 */
const LATE = `(timeliness = 'late')`;
const RETURNED = inPeriod('returned_at');

const FIGURES = `
  count(*) FILTER (WHERE received_at < $1 AND (closed_at IS NULL OR closed_at >= $1)) AS carried_over,
  count(*) FILTER (WHERE received_at >= $1 AND channel = 'counter') AS received_counter,
  count(*) FILTER (WHERE received_at >= $1 AND channel = 'online') AS received_online,
  count(*) FILTER (WHERE received_at >= $1 AND channel = 'post') AS received_post,
  count(*) FILTER (WHERE ${RESOLVED} AND timeliness = 'early') AS resolved_early,
  count(*) FILTER (WHERE ${RESOLVED} AND timeliness = 'on_time') AS resolved_on_time,
  count(*) FILTER (WHERE ${RESOLVED} AND timeliness = 'late') AS resolved_late,
  count(*) FILTER (WHERE ${RESOLVED} AND refused) AS refused,
  count(*) FILTER (WHERE ${OPEN_AT_JUDGED}) AS in_progress,
  count(*) FILTER (WHERE ${OPEN_AT_JUDGED} AND ${JUDGED_DUE} < $3) AS overdue,
  count(*) FILTER (WHERE cardinality(supplement_at) > 0
    AND EXISTS (SELECT 1 FROM unnest(supplement_at) s WHERE s >= $1 AND s < $2)) AS supplement,
  count(*) FILTER (WHERE ${inPeriod('withdrawn_at')}) AS withdrawn,
  count(*) FILTER (WHERE ${inPeriod('stopped_at')}) AS stopped,
  count(*) FILTER (WHERE ${RETURNED}) AS returned,
  count(*) FILTER (WHERE ${RETURNED} AND rating = 'very_satisfied') AS very_satisfied,
  count(*) FILTER (WHERE ${RETURNED} AND rating = 'satisfied') AS satisfied,
  count(*) FILTER (WHERE ${RETURNED} AND rating = 'dissatisfied') AS dissatisfied,
  count(*) FILTER (WHERE received_at >= $1 AND components_digitised_at < $2) AS components_digitised,
  count(*) FILTER (WHERE ${RESOLVED} AND NOT refused) AS results_issued,
  count(*) FILTER (WHERE ${RESOLVED} AND NOT refused AND result_digitised_at < $2) AS results_digitised`;

type Counts = Record<string, string>;

function addCounts(f: PeriodFigures, c: Counts): void {
  const n = (key: string) => Number(c[key] ?? 0);
  f.carriedOver += n('carried_over');
  f.received.counter += n('received_counter');
  f.received.online += n('received_online');
  f.received.post += n('received_post');
  f.received.total += n('received_counter') + n('received_online') + n('received_post');
  f.resolved.early += n('resolved_early');
  f.resolved.onTime += n('resolved_on_time');
  f.resolved.late += n('resolved_late');
  f.resolved.total += n('resolved_early') + n('resolved_on_time') + n('resolved_late');
  f.refused += n('refused');
  f.inProgress.total += n('in_progress');
  f.inProgress.overdue += n('overdue');
  f.inProgress.withinDeadline += n('in_progress') - n('overdue');
  f.supplementRequested += n('supplement');
  f.withdrawn += n('withdrawn');
  f.stopped += n('stopped');
  f.returned += n('returned');
  for (const level of ['very_satisfied', 'satisfied', 'dissatisfied'] as const) {
    f.satisfaction[level] += n(level);
    f.satisfaction.total += n(level);
  }
  f.digitisation.componentsDigitised += n('components_digitised');
  f.digitisation.resultsIssued += n('results_issued');
  f.digitisation.resultsDigitised += n('results_digitised');
}

export interface AggregateQuery {
  start: number;
  end: number;
  judgedAt: number;
  officeId: string | null;
}

const params = (q: AggregateQuery) => [
  new Date(q.start).toISOString(),
  new Date(q.end).toISOString(),
  new Date(q.judgedAt).toISOString(),
  q.officeId,
];

/** The figures per row of the dimension and their total, in one GROUP BY. */
export async function aggregateFigures(
  pool: pg.Pool,
  q: AggregateQuery,
  dimension: ReportDimension,
): Promise<{ rows: Map<string, PeriodFigures>; total: PeriodFigures }> {
  const result = await pool.query<Counts & { key: string }>(
    `SELECT ${COLUMN[dimension]} AS key, ${FIGURES} ${RELEVANT} GROUP BY 1`,
    params(q),
  );
  const rows = new Map<string, PeriodFigures>();
  const total = emptyFigures();
  for (const counts of result.rows) {
    const figures = emptyFigures();
    addCounts(figures, counts);
    addCounts(total, counts);
    rows.set(counts.key, finishFigures(figures));
  }
  return { rows, total: finishFigures(total) };
}

/** Received and resolved per Vietnam day of the period, every day listed. */
export async function aggregateDays(pool: pg.Pool, q: AggregateQuery, days: string[]): Promise<DayCount[]> {
  // One pass, two groupings: received per day received, resolved per day resolved. Days do not
  // depend on the judged moment ($3): the unused CTE only gives the parameter its type.
  const result = await pool.query<{ resolvedSet: number; day: string | null; count: string }>(
    `WITH judged AS (SELECT $3::timestamptz)
     SELECT GROUPING(received_day) AS "resolvedSet",
            to_char(coalesce(received_day, resolved_day), 'YYYY-MM-DD') AS day,
            CASE WHEN GROUPING(received_day) = 0 THEN count(*) FILTER (WHERE received_at >= $1)
                 ELSE count(*) FILTER (WHERE ${RESOLVED}) END AS count
       ${RELEVANT} AND (received_at >= $1 OR ${RESOLVED})
      GROUP BY GROUPING SETS ((received_day), (resolved_day))`,
    params(q),
  );
  const received = new Map<string, number>();
  const resolved = new Map<string, number>();
  for (const row of result.rows)
    if (row.day !== null) (row.resolvedSet ? resolved : received).set(row.day, Number(row.count));
  return days.map((date) => ({
    date,
    received: received.get(date) ?? 0,
    resolved: resolved.get(date) ?? 0,
  }));
}

/**
 * How many entries the losing list has in all: one per dossier resolved late, one per dossier
 * overdue, one per dissatisfied rating: the figures count each under the same conditions as the list.
 */
export function losingTotal(figures: PeriodFigures): number {
  return figures.resolved.late + figures.inProgress.overdue + figures.satisfaction.dissatisfied;
}

/**
 * The first `limit` dossiers that lose Index 766 points, as shared losingDossiers lists them (how
 * many in all: losingTotal of the figures, so the list is never counted row by row).
 */
export async function aggregateLosing(
  pool: pg.Pool,
  q: AggregateQuery,
  limit: number,
): Promise<LosingDossier[]> {
  const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const result = await pool.query<LosingDossier>(
    `WITH r AS MATERIALIZED (
       -- One pass over the period's rows: each row's reasons judged once (the judged deadline only
       -- for open rows), then listed one line per reason.
       SELECT dossier_id, code, procedure_name, deadline_at_resolution, resolved_at, returned_at,
              ${RESOLVED} AND ${LATE} AS late,
              CASE WHEN ${OPEN_AT_JUDGED} THEN ${JUDGED_DUE} END AS due,
              ${RETURNED} AND rating = 'dissatisfied' AS dissatisfied
         ${RELEVANT} AND ((${RESOLVED} AND ${LATE}) OR ${OPEN_AT_JUDGED} OR (${RETURNED} AND rating = 'dissatisfied'))
     ), first AS (
       SELECT * FROM (
         SELECT dossier_id, code, procedure_name, 'resolved_late' AS reason, 0 AS rank,
                deadline_at_resolution AS deadline, resolved_at AS at FROM r WHERE late
         UNION ALL
         SELECT dossier_id, code, procedure_name, 'overdue', 1, due, $3::timestamptz FROM r WHERE due < $3
         UNION ALL
         SELECT dossier_id, code, procedure_name, 'dissatisfied', 2, NULL, returned_at FROM r WHERE dissatisfied
       ) l
       ORDER BY rank, code COLLATE "C", dossier_id COLLATE "C" LIMIT $5
     )
     -- The instants written out only for the lines listed.
     SELECT dossier_id AS "dossierId", code, procedure_name AS "procedureName", reason,
            coalesce(${iso('deadline')}, '') AS deadline, ${iso('at')} AS at
       FROM first ORDER BY rank, code COLLATE "C", dossier_id COLLATE "C"`,
    [...params(q), limit],
  );
  return result.rows.map(({ dossierId, code, procedureName, reason, deadline, at }) => ({
    dossierId,
    code,
    procedureName,
    reason: POINT_LOSSES.find((r) => r === reason) ?? 'overdue',
    deadline,
    at,
  }));
}
