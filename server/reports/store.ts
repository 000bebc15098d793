import type pg from 'pg';
import type { Dossier } from '../../shared/domain';
import { addDays } from '../../shared/calendar/dates';
import {
  dailyCounts,
  index766,
  index766Shares,
  LOSING_LIST_LIMIT,
  periodBounds,
  periodReportBy,
  type DayCount,
  type Index766,
  type PeriodFigures,
  type ReportDimension,
  type ReportPeriod,
  type ReportRecord,
} from '../../shared/reports';
import { aggregateDays, aggregateFigures, aggregateLosing, losingTotal } from './aggregate';
import { PAGE, recordsOfDossiers, refreshRecords } from './records';

export interface ServerReport {
  period: ReportPeriod;
  dimension: ReportDimension;
  officeId: string | null;
  rows: { key: string; figures: PeriodFigures }[];
  total: PeriodFigures;
  days: DayCount[];
  index766: Index766;
  builtAt: string;
}

/** The rows a report shows, by key: those with something to process or returned (as the counter's screen). */
const shown = (rows: Map<string, PeriodFigures>) =>
  [...rows]
    .filter(([, f]) => f.toProcess > 0 || f.returned > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, figures]) => ({ key, figures }));

function periodDays(period: ReportPeriod): string[] {
  const days: string[] = [];
  for (let date = period.from; date <= period.to; date = addDays(date, 1)) days.push(date);
  return days;
}

/**
 * Period reports from the province's copy, with the definitions the counters use (shared/reports):
 * the same dossiers give the same figures on a counter and here. A report first brings the report
 * records up to date with what was pushed since the last one, then counts them in PostgreSQL
 * (./aggregate.ts).
 */
export class ReportStore {
  constructor(private readonly pool: pg.Pool) {}

  async periodReport(
    period: ReportPeriod,
    dimension: ReportDimension,
    officeId: string | null,
    now = new Date(),
  ): Promise<ServerReport> {
    await refreshRecords(this.pool);
    const { start, end } = periodBounds(period);
    const query = { start, end, judgedAt: Math.min(end, now.getTime()), officeId };
    const [{ rows, total }, days, losing] = await Promise.all([
      aggregateFigures(this.pool, query, dimension),
      aggregateDays(this.pool, query, periodDays(period)),
      aggregateLosing(this.pool, query, LOSING_LIST_LIMIT),
    ]);
    const index = { ...index766Shares(total), losing, losingTotal: losingTotal(total) };
    return answer({ period, dimension, officeId, now }, { rows, total, days, index766: index });
  }

  /**
   * The same report computed in Node from the documents: every dossier taken in before the period's
   * end read in pages with its events, then the shared functions. The reference the SQL path is
   * compared with (tests/integration/reports.test.ts, bench:reports).
   */
  async periodReportFromDocuments(
    period: ReportPeriod,
    dimension: ReportDimension,
    officeId: string | null,
    now = new Date(),
  ): Promise<ServerReport> {
    const { end } = periodBounds(period);
    const records: ReportRecord[] = [];
    let after = '';
    for (;;) {
      const page = await this.pool.query<{ id: string; doc: Dossier }>(
        `SELECT id, doc FROM documents
          WHERE collection = 'dossiers' AND NOT deleted AND id > $1
            AND ($2::text IS NULL OR office_id = $2) AND doc->>'receivedAt' < $3
          ORDER BY id LIMIT $4`,
        [after, officeId, new Date(end).toISOString(), PAGE],
      );
      if (page.rows.length === 0) break;
      records.push(...(await recordsOfDossiers(this.pool, page.rows)));
      after = page.rows[page.rows.length - 1]!.id;
      if (page.rows.length < PAGE) break;
    }
    const options = { asOf: now.getTime() };
    const { rows, total } = periodReportBy(records, period, dimension, options);
    const figures = { rows, total, days: dailyCounts(records, period) };
    return answer(
      { period, dimension, officeId, now },
      { ...figures, index766: index766(total, records, period, options) },
    );
  }
}

/** A report as the server answers it: its figures (rows as shown) framed by what was asked and when. */
function answer(
  asked: { period: ReportPeriod; dimension: ReportDimension; officeId: string | null; now: Date },
  figures: Pick<ServerReport, 'total' | 'days' | 'index766'> & {
    rows: Map<string, PeriodFigures>;
  },
): ServerReport {
  const { period, dimension, officeId, now } = asked;
  return { period, dimension, officeId, ...figures, rows: shown(figures.rows), builtAt: now.toISOString() };
}
