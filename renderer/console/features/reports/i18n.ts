import i18next from 'i18next';
import { addConsoleStrings } from '../../app/i18n';

/**
 * Strings of the console's report and storage pages (keys under `consoleReports.`); the figures'
 * column names, Index 766 labels and reasons are the counter's report strings (`reports.`).
 */
const vi = {
  nav: 'Báo cáo',
  nav_storage: 'Lưu trữ bản quét',
  period: 'Kỳ báo cáo',
  kind: { month: 'Tháng', quarter: 'Quý', year: 'Năm', custom: 'Khoảng ngày' },
  office: 'Phạm vi',
  province: 'Toàn tỉnh',
  by: 'Theo',
  by_officeId: 'Cơ quan',
  build: 'Lập báo cáo',
  building: 'Đang lập báo cáo…',
  export_xlsx: 'Xuất Excel',
  print: 'In / PDF',
  exporting: 'Đang xuất tệp Excel…',
  chart_days: 'Tiếp nhận và giải quyết theo ngày',
  chart_on_time: 'Tỷ lệ giải quyết đúng hạn theo lĩnh vực',
  chart_overdue: 'Hồ sơ đang quá hạn theo lĩnh vực',
  on_time_series: 'Tỷ lệ đúng hạn (%)',
  overdue_series: 'Đang quá hạn',
  period_too_long: 'Khoảng ngày tối đa một năm.',
  built_at: 'Số liệu trên máy chủ tỉnh lúc {{time}}',
  storage: {
    title: 'Lưu trữ bản quét trên máy chủ',
    files: 'Số tệp',
    size: 'Dung lượng',
    uploads: 'Đang tải lên',
    refresh: 'Làm mới',
  },
};

const en: typeof vi = {
  nav: 'Reports',
  nav_storage: 'Scan storage',
  period: 'Period',
  kind: { month: 'Month', quarter: 'Quarter', year: 'Year', custom: 'Date range' },
  office: 'Scope',
  province: 'Whole province',
  by: 'By',
  by_officeId: 'Office',
  build: 'Build report',
  building: 'Building the report…',
  export_xlsx: 'Export Excel',
  print: 'Print / PDF',
  exporting: 'Exporting the Excel file…',
  chart_days: 'Received and resolved per day',
  chart_on_time: 'On-time rate by sector',
  chart_overdue: 'Overdue dossiers by sector',
  on_time_series: 'On-time rate (%)',
  overdue_series: 'Overdue',
  period_too_long: 'A date range of at most a year.',
  built_at: 'Figures of the provincial server at {{time}}',
  storage: {
    title: 'Scan storage on the server',
    files: 'Files',
    size: 'Size',
    uploads: 'Uploads in progress',
    refresh: 'Refresh',
  },
};

// The console's i18next is set up (initConsoleI18n) after the pages' modules load: add the strings then.
const register = () => addConsoleStrings('consoleReports', { vi, en });
if (i18next.isInitialized) register();
else i18next.on('initialized', register);
