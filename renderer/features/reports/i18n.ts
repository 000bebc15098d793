import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { FIGURE_COLUMNS } from './labels';

/** Strings of the report screen, added to i18next as extra bundles (see features/sync/i18n.ts). */
const vi = {
  title: 'Báo cáo tình hình giải quyết hồ sơ',
  nav: 'Báo cáo',
  period: 'Kỳ báo cáo',
  month: 'Theo tháng',
  range: 'Khoảng ngày',
  by: 'Theo',
  by_sectorId: 'Lĩnh vực',
  by_procedureId: 'Thủ tục',
  by_receiverId: 'Cán bộ tiếp nhận',
  building: 'Đang lập báo cáo…',
  export_xlsx: 'Xuất Excel',
  exported: 'Đã lưu tệp Excel {{name}}',
  downloaded: 'Trình duyệt đã tải tệp Excel xuống',
  total: 'Tổng cộng',
  no: 'STT',
  to_process: 'Phải giải quyết',
  resolved: 'Đã giải quyết',
  on_time_rate: 'Tỷ lệ đúng hạn',
  overdue: 'Đang quá hạn',
  chart_title: 'Tiếp nhận và giải quyết theo ngày',
  received_series: 'Tiếp nhận',
  resolved_series: 'Giải quyết',
  empty: 'Không có hồ sơ trong kỳ này',
  built_at: 'Số liệu trên máy này lúc {{time}}',
  columns: Object.fromEntries(FIGURE_COLUMNS.map((c) => [c.key, c.vi])),
};

const en: typeof vi = {
  title: 'Dossier resolution report',
  nav: 'Reports',
  period: 'Period',
  month: 'By month',
  range: 'Date range',
  by: 'By',
  by_sectorId: 'Sector',
  by_procedureId: 'Procedure',
  by_receiverId: 'Receiving officer',
  building: 'Building the report…',
  export_xlsx: 'Export Excel',
  exported: 'Excel file {{name}} saved',
  downloaded: 'The browser downloaded the Excel file',
  total: 'Total',
  no: 'No.',
  to_process: 'To process',
  resolved: 'Resolved',
  on_time_rate: 'On-time rate',
  overdue: 'Overdue now',
  chart_title: 'Received and resolved per day',
  received_series: 'Received',
  resolved_series: 'Resolved',
  empty: 'No dossiers in this period',
  built_at: 'Figures on this PC at {{time}}',
  columns: {
    carried_over: 'Carried over',
    received_counter: 'New at the counter',
    received_online: 'New online',
    received_post: 'New by post',
    to_process: 'To process',
    resolved_early: 'Resolved early',
    resolved_on_time: 'Resolved on time',
    resolved_late: 'Resolved late',
    in_progress_within: 'In progress, within deadline',
    in_progress_overdue: 'In progress, overdue',
    supplement: 'Supplement requested',
    refused: 'Refused',
    withdrawn: 'Withdrawn',
    stopped: 'Stopped',
    returned: 'Returned',
    on_time_rate: 'On-time rate',
    very_satisfied: 'Very satisfied',
    satisfied: 'Satisfied',
    dissatisfied: 'Dissatisfied',
  },
};

const registered = new WeakSet<I18n>();

/** useTranslation() with the report bundles added on first use (keys under `reports.`). */
export function useReportsTranslation(): ReturnType<typeof useTranslation> {
  const result = useTranslation();
  if (!registered.has(result.i18n)) {
    registered.add(result.i18n);
    result.i18n.addResourceBundle('vi', 'translation', { reports: vi }, true, false);
    result.i18n.addResourceBundle('en', 'translation', { reports: en }, true, false);
  }
  return result;
}
