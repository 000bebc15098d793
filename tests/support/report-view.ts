/** The hand-counted March report as the report screen holds it (tests of the workbook and the printout). */
import { dailyCounts, index766, periodReportBy } from '../../shared/reports';
import type { ReportView } from '../../renderer/features/reports/service';
import { MARCH, MARCH_PERIOD } from './report-fixtures';

/** The March report as the report screen holds it (by sector, judged at the month's end). */
export function marchView(): ReportView {
  const { rows, total } = periodReportBy(MARCH, MARCH_PERIOD, 'sectorId');
  return {
    period: MARCH_PERIOD,
    dimension: 'sectorId',
    officeName: 'UBND huyện Vũ Thư',
    rows: [...rows].map(([key, figures]) => ({ key, name: 'Hộ tịch', figures })),
    total,
    days: dailyCounts(MARCH, MARCH_PERIOD),
    index766: index766(total, MARCH, MARCH_PERIOD),
    builtAt: '2026-04-01T02:00:00.000Z',
  };
}
