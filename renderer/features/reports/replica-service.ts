import { dailyCounts, index766, periodBounds, periodReportBy } from '../../../shared/reports';
import { registerOf } from '../register/replica-service';
import type { Platform } from '../../platform';
import type { Replica } from '../../db';
import type { ReportRow, ReportService, ReportView } from './service';

/** Everything received before the period's end: dossiers carried over can be years old. */
const SINCE = '2000-01-01T00:00:00.000Z';
/** The share of the progress bar the catch-up of the report records takes (all of a rebuild's). */
const CATCH_UP_SHARE = 0.9;

export function createReportService(deps: { replica: Replica; platform: Platform }): ReportService {
  const { replica } = deps;

  /** Display names of each row's key (sector, procedure, officer, office). */
  async function names(dimension: ReportView['dimension']): Promise<Map<string, string>> {
    const dir = replica.directory;
    if (dimension === 'sectorId') return new Map((await dir.listSectors()).map((s) => [s.id, s.name]));
    if (dimension === 'procedureId') return new Map((await dir.listProcedures()).map((p) => [p.id, p.name]));
    if (dimension === 'receiverId') return new Map((await dir.listOfficers()).map((o) => [o.id, o.fullName]));
    const office = await dir.getOffice();
    return new Map(office ? [[office.id, office.name]] : []);
  }

  return {
    async build(period, dimension, onProgress) {
      const data = replica.data();
      const bounds = periodBounds(period);
      onProgress?.(0);
      // The records kept in the replica, brought up to date (a replica made before them is built
      // once, here or in the background since it opened): no event is read for a report.
      await data.reportRecords.ready((done) => onProgress?.(CATCH_UP_SHARE * done));
      const builtAt = new Date();
      const options = { asOf: builtAt.getTime() };
      const records = await data.reportRecords.between({
        ...bounds,
        judgedAt: Math.min(bounds.end, options.asOf),
        receivedSince: SINCE,
      });
      onProgress?.(CATCH_UP_SHARE);
      const { rows, total } = periodReportBy(records, period, dimension, options);
      const named = await names(dimension);
      const office = await replica.directory.getOffice();
      const list: ReportRow[] = [...rows]
        .map(([key, figures]) => ({ key, name: named.get(key) ?? key, figures }))
        .filter((r) => r.figures.toProcess > 0 || r.figures.returned > 0)
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      onProgress?.(1);
      return {
        period,
        dimension,
        officeName: office?.name ?? '',
        rows: list,
        total,
        days: dailyCounts(records, period),
        index766: index766(total, records, period, options),
        builtAt: builtAt.toISOString(),
      };
    },
    async exportWorkbook(view) {
      // exceljs is large: loaded only when a workbook is made.
      const { reportWorkbook, workbookName } = await import('./workbook');
      return deps.platform.saveFile({
        suggestedName: workbookName(view),
        data: await reportWorkbook(view),
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      });
    },
    async printReport(view) {
      const { renderReportDocument, reportPdfName, REPORT_PRINT_KIND } = await import('./print');
      const saved = await deps.platform.printToPdf({
        html: renderReportDocument(view),
        pageSize: 'A4',
        landscape: true,
        suggestedName: reportPdfName(view),
      });
      // As the forms' printing does: the body says what was last sent to print, for tests and support.
      const body = document.body.dataset;
      body.printCount = String(Number(body.printCount ?? 0) + 1);
      body.lastPrint = REPORT_PRINT_KIND;
      return saved;
    },
    async exportRegister(year, onProgress) {
      onProgress?.(0);
      const dossiers = await registerOf(replica, year);
      const events = await replica.data().eventsByDossier();
      const office = await replica.directory.getOffice();
      onProgress?.(0.2);
      const { registerWorkbook, registerWorkbookName } = await import('./register-workbook');
      const data = await registerWorkbook(
        { officeName: office?.name ?? '', year, dossiers, events },
        (done) => onProgress?.(0.2 + 0.8 * done),
      );
      return deps.platform.saveFile({
        suggestedName: registerWorkbookName(year),
        data,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      });
    },
  };
}
