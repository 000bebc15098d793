/**
 * What the console's report page asks the server (GET /reports/period under the console's API) and
 * how it reads the answer; and the periods an admin picks (month, quarter, year, custom range).
 */
import { z } from 'zod';
import {
  POINT_LOSSES,
  REPORT_DIMENSIONS,
  type ReportDimension,
  type ReportPeriod,
} from '../../../../shared/reports';
import type { ReportView } from '../../../features/reports/service';

const count = z.number().int().nonnegative();
const share = z.number().nullable();

/** A row's figures (form 06a). Loose: figures the server adds later pass through unchanged. */
const figuresSchema = z.looseObject({
  carriedOver: count,
  received: z.looseObject({ total: count, counter: count, online: count, post: count }),
  toProcess: count,
  resolved: z.looseObject({ total: count, early: count, onTime: count, late: count }),
  inProgress: z.looseObject({ total: count, withinDeadline: count, overdue: count }),
  supplementRequested: count,
  refused: count,
  withdrawn: count,
  stopped: count,
  returned: count,
  onTimeRate: share,
  satisfaction: z.looseObject({ very_satisfied: count, satisfied: count, dissatisfied: count, total: count }),
  digitisation: z.looseObject({ componentsDigitised: count, resultsIssued: count, resultsDigitised: count }),
});

const rowSchema = z.object({ key: z.string(), name: z.string(), figures: figuresSchema });

export const consoleReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  dimension: z.enum(REPORT_DIMENSIONS),
  officeId: z.string().nullable(),
  officeName: z.string().nullable(),
  rows: z.array(rowSchema),
  /** The figures by sector, for the charts by sector whatever the rows' dimension. */
  sectors: z.array(rowSchema),
  total: figuresSchema,
  days: z.array(z.object({ date: z.string(), received: count, resolved: count })),
  index766: z.looseObject({
    resolved: count,
    resolvedOnTime: count,
    onTimeShare: share,
    inProgress: count,
    overdue: count,
    overdueShare: share,
    ratings: count,
    satisfied: count,
    satisfactionShare: share,
    received: count,
    componentsDigitised: count,
    componentsDigitisedShare: share,
    resultsIssued: count,
    resultsDigitised: count,
    resultsDigitisedShare: share,
    losing: z.array(
      z.object({
        dossierId: z.string(),
        code: z.string(),
        procedureName: z.string(),
        reason: z.enum(POINT_LOSSES),
        deadline: z.string(),
        at: z.string(),
      }),
    ),
    losingTotal: count,
  }),
  builtAt: z.string(),
});
export type ConsoleReport = z.infer<typeof consoleReportSchema>;

/** What the report page asks for. */
export interface ReportQuery {
  period: ReportPeriod;
  dimension: ReportDimension;
  /** One office, or null for the whole province. */
  officeId: string | null;
}

export function reportPath(q: ReportQuery): string {
  const params = new URLSearchParams({ from: q.period.from, to: q.period.to, by: q.dimension });
  if (q.officeId !== null) params.set('office', q.officeId);
  return `/reports/period?${params.toString()}`;
}

/** How the province-wide report is named on the workbook and the printed report (always Vietnamese). */
export const PROVINCE_NAME_VI = 'Toàn tỉnh';

/** The report in the form the counter's workbook and printed report take. */
export function reportView(report: ConsoleReport): ReportView {
  return { ...report, officeName: report.officeName ?? PROVINCE_NAME_VI };
}

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The calendar dates of the month, quarter or year holding `date` ('YYYY-MM-DD'); a custom range is
 * given as it is.
 */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, date: string): ReportPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const [first, last] =
    kind === 'month'
      ? [month, month]
      : kind === 'quarter'
        ? [Math.floor((month - 1) / 3) * 3 + 1, Math.floor((month - 1) / 3) * 3 + 3]
        : [1, 12];
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}
