import type pg from 'pg';
import type { Dossier, DossierEvent } from '../../shared/domain';
import {
  dailyCounts,
  periodBounds,
  periodReportBy,
  reportRecord,
  type DayCount,
  type PeriodFigures,
  type ReportDimension,
  type ReportPeriod,
  type ReportRecord,
} from '../../shared/reports';

export interface ServerReport {
  period: ReportPeriod;
  dimension: ReportDimension;
  officeId: string | null;
  rows: { key: string; figures: PeriodFigures }[];
  total: PeriodFigures;
  days: DayCount[];
  builtAt: string;
}

/** Dossiers read per query: bounds the memory of a province-wide report. */
const PAGE = 5_000;

/**
 * Period reports from the province's copy, with the definitions the counters use (shared/reports):
 * the same dossiers give the same figures on a counter and here. Only dossiers taken in before the
 * period's end are read, in pages of dossiers with their events.
 */
export class ReportStore {
  constructor(private readonly pool: pg.Pool) {}

  async periodReport(
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
      const events = await this.pool.query<{ doc: DossierEvent }>(
        `SELECT doc FROM documents
          WHERE collection = 'dossier_events' AND NOT deleted AND doc->>'dossierId' = ANY($1::text[])`,
        [page.rows.map((r) => r.id)],
      );
      const byDossier = new Map<string, DossierEvent[]>();
      for (const { doc } of events.rows) {
        const list = byDossier.get(doc.dossierId);
        if (list) list.push(doc);
        else byDossier.set(doc.dossierId, [doc]);
      }
      for (const { id, doc } of page.rows) records.push(reportRecord(doc, byDossier.get(id) ?? []));
      after = page.rows[page.rows.length - 1]!.id;
      if (page.rows.length < PAGE) break;
    }
    const { rows, total } = periodReportBy(records, period, dimension, { asOf: now.getTime() });
    return {
      period,
      dimension,
      officeId,
      rows: [...rows].map(([key, figures]) => ({ key, figures })),
      total,
      days: dailyCounts(records, period),
      builtAt: now.toISOString(),
    };
  }
}
