import type { Role } from '../../../shared/domain';
import type {
  DayCount,
  Index766,
  PeriodFigures,
  ReportDimension,
  ReportPeriod,
} from '../../../shared/reports';
import type { SaveResult } from '../../platform';
import { serviceContext, useRequired } from '../service-context';

/** Who sees the report screen: the supervisor, the head of the agency and IT staff. */
export const REPORT_ROLES: readonly Role[] = ['supervisor', 'approver', 'admin'];

/** One row of a report: an office, sector, procedure or receiving officer, named. */
export interface ReportRow {
  key: string;
  name: string;
  figures: PeriodFigures;
}

export interface ReportView {
  period: ReportPeriod;
  dimension: ReportDimension;
  officeName: string;
  rows: ReportRow[];
  total: PeriodFigures;
  days: DayCount[];
  /** The Index 766 indicators of the period and the dossiers that lose points. */
  index766: Index766;
  /** When the figures were built (in progress and overdue are judged then for a current period). */
  builtAt: string;
}

/** What the supervisor's report screen needs: build a period's report, export and print it. */
export interface ReportService {
  /** Builds the report from the replica (offline); `onProgress` gets 0..1 while it reads. */
  build(
    period: ReportPeriod,
    dimension: ReportDimension,
    onProgress?: (done: number) => void,
  ): Promise<ReportView>;
  /** Saves the report as an Excel workbook (.xlsx). */
  exportWorkbook(view: ReportView): Promise<SaveResult>;
  /**
   * Prints the report (A4 landscape, Vietnamese): saved as a PDF on the desktop, the browser's print
   * dialog (which offers "Save as PDF") in web mode.
   */
  printReport(view: ReportView): Promise<SaveResult>;
  /** Saves the register (form 06) of a whole year as an Excel workbook; `onProgress` gets 0..1. */
  exportRegister(year: number, onProgress?: (done: number) => void): Promise<SaveResult>;
}

export const ReportServiceContext = serviceContext<ReportService>();
export const useReportService = (): ReportService => useRequired(ReportServiceContext, 'ReportService');
