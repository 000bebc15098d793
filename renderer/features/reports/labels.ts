/**
 * The report's column headings, in Vietnamese on the exported workbook and the printed report
 * (official documents), and on screen in the chosen language (./i18n.ts holds the English).
 */
import type { Index766, PeriodFigures, PointLoss } from '../../../shared/reports';

/** One column of the figures: its heading and how to read it from the figures. */
export interface FigureColumn {
  key: string;
  vi: string;
  value: (f: PeriodFigures) => number | null;
  /** A share (0..1), shown as a percentage. */
  percent?: boolean;
}

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { key: 'carried_over', vi: 'Kỳ trước chuyển qua', value: (f) => f.carriedOver },
  { key: 'received_counter', vi: 'Mới tiếp nhận trực tiếp', value: (f) => f.received.counter },
  { key: 'received_online', vi: 'Mới tiếp nhận trực tuyến', value: (f) => f.received.online },
  { key: 'received_post', vi: 'Mới tiếp nhận qua bưu chính', value: (f) => f.received.post },
  { key: 'to_process', vi: 'Tổng số phải giải quyết', value: (f) => f.toProcess },
  { key: 'resolved_early', vi: 'Đã giải quyết trước hạn', value: (f) => f.resolved.early },
  { key: 'resolved_on_time', vi: 'Đã giải quyết đúng hạn', value: (f) => f.resolved.onTime },
  { key: 'resolved_late', vi: 'Đã giải quyết quá hạn', value: (f) => f.resolved.late },
  { key: 'in_progress_within', vi: 'Đang giải quyết trong hạn', value: (f) => f.inProgress.withinDeadline },
  { key: 'in_progress_overdue', vi: 'Đang giải quyết quá hạn', value: (f) => f.inProgress.overdue },
  { key: 'supplement', vi: 'Yêu cầu bổ sung', value: (f) => f.supplementRequested },
  { key: 'refused', vi: 'Từ chối giải quyết', value: (f) => f.refused },
  { key: 'withdrawn', vi: 'Rút hồ sơ', value: (f) => f.withdrawn },
  { key: 'stopped', vi: 'Dừng xử lý', value: (f) => f.stopped },
  { key: 'returned', vi: 'Đã trả kết quả', value: (f) => f.returned },
  { key: 'on_time_rate', vi: 'Tỷ lệ đúng hạn', value: (f) => f.onTimeRate, percent: true },
  { key: 'very_satisfied', vi: 'Rất hài lòng', value: (f) => f.satisfaction.very_satisfied },
  { key: 'satisfied', vi: 'Hài lòng', value: (f) => f.satisfaction.satisfied },
  { key: 'dissatisfied', vi: 'Không hài lòng', value: (f) => f.satisfaction.dissatisfied },
];

export const DIMENSION_HEADINGS_VI = {
  officeId: 'Cơ quan',
  sectorId: 'Lĩnh vực',
  procedureId: 'Thủ tục hành chính',
  receiverId: 'Cán bộ tiếp nhận',
} as const;

/** Why a dossier loses Index 766 points, as the printed report and the workbook say it. */
export const LOSS_REASONS_VI: Record<PointLoss, string> = {
  resolved_late: 'Giải quyết quá hạn',
  overdue: 'Đang quá hạn',
  dissatisfied: 'Không hài lòng',
};

/** One Index 766 indicator: its share, and the part and whole it is of. */
export interface IndicatorLine {
  key: string;
  vi: string;
  share: number | null;
  part: number;
  whole: number;
}

/** The Index 766 indicators in the order the printed report and the workbook list them. */
export function indicatorLines(index: Index766): IndicatorLine[] {
  return [
    {
      key: 'on_time',
      vi: 'Giải quyết đúng hạn',
      share: index.onTimeShare,
      part: index.resolvedOnTime,
      whole: index.resolved,
    },
    {
      key: 'overdue',
      vi: 'Đang giải quyết quá hạn',
      share: index.overdueShare,
      part: index.overdue,
      whole: index.inProgress,
    },
    {
      key: 'satisfied',
      vi: 'Hài lòng',
      share: index.satisfactionShare,
      part: index.satisfied,
      whole: index.ratings,
    },
    {
      key: 'components_digitised',
      vi: 'Hồ sơ được số hóa thành phần',
      share: index.componentsDigitisedShare,
      part: index.componentsDigitised,
      whole: index.received,
    },
    {
      key: 'results_digitised',
      vi: 'Kết quả được số hóa',
      share: index.resultsDigitisedShare,
      part: index.resultsDigitised,
      whole: index.resultsIssued,
    },
  ];
}
