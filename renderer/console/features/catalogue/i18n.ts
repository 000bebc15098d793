import { featureTexts } from '../../../i18n/feature-texts';

/** Strings of the console's catalogue page (keys under `catalogue.`), added to i18next on first use. */
const vi = {
  title: 'Danh mục thủ tục hành chính',
  export: 'Xuất Excel',
  exported: 'Đã lưu {{name}}',
  downloaded: 'Đã tải danh mục về máy',
  import: 'Nhập từ Excel…',
  importTitle: 'Nhập danh mục từ tệp Excel',
  importHint:
    'Dùng mẫu của tệp xuất ra (trang "Hướng dẫn" mô tả từng cột). Máy chủ kiểm tra tệp và cho xem trước; chưa ghi gì cho đến khi bấm "Ghi vào danh mục".',
  preview: 'Xem trước',
  commit: 'Ghi vào danh mục',
  cancel: 'Đóng',
  committed: 'Đã ghi {{procedures}} thủ tục và {{sectors}} lĩnh vực mới. Các quầy nhận ở lần đồng bộ tới.',
  refused: 'Tệp bị từ chối, không có thay đổi nào',
  added: 'Thêm mới',
  changed: 'Thay đổi',
  unchanged: 'Không đổi',
  errorRows: 'Dòng lỗi (không ghi)',
  sectorsAdded: 'Lĩnh vực mới: {{names}}',
  row: 'Dòng',
  reasons: 'Lý do',
  changedColumns: 'Cột thay đổi',
  phase: {
    reading: 'Đang đọc tệp: {{done}} dòng',
    checking: 'Đang kiểm tra: {{done}}/{{total}} dòng',
    writing: 'Đang ghi: {{done}}/{{total}} thủ tục',
    downloading: 'Đang tải: {{done}} KB',
  },
  columns: {
    code: 'Mã',
    name: 'Tên thủ tục',
    sector: 'Lĩnh vực',
    legalTime: 'Thời hạn',
    fees: 'Phí, lệ phí',
    documents: 'Giấy tờ',
    versions: 'Phiên bản',
    active: 'Áp dụng',
    status: 'Kết quả',
  },
  yes: 'Có',
  no: 'Không',
  listing: {
    title: 'Niêm yết công khai',
    office: 'Đơn vị',
    date: 'Áp dụng từ ngày',
    show: 'Xem bản niêm yết',
    print: 'In (A4)',
    frame: 'Bản niêm yết',
  },
  error: 'Lỗi: {{message}}',
  tooLarge: 'Tệp quá lớn: tối đa {{max}} MB',
};

const en: typeof vi = {
  title: 'Administrative procedure catalogue',
  export: 'Export to Excel',
  exported: 'Saved {{name}}',
  downloaded: 'Catalogue downloaded',
  import: 'Import from Excel…',
  importTitle: 'Import the catalogue from an Excel file',
  importHint:
    'Use the layout of an exported file (its "Hướng dẫn" sheet describes each column). The server checks the file and shows a preview; nothing is written until "Write to catalogue".',
  preview: 'Preview',
  commit: 'Write to catalogue',
  cancel: 'Close',
  committed:
    'Wrote {{procedures}} procedures and {{sectors}} new sectors. Counters get them at their next sync.',
  refused: 'File refused, nothing changed',
  added: 'Added',
  changed: 'Changed',
  unchanged: 'Unchanged',
  errorRows: 'Rows with errors (not written)',
  sectorsAdded: 'New sectors: {{names}}',
  row: 'Row',
  reasons: 'Reasons',
  changedColumns: 'Changed columns',
  phase: {
    reading: 'Reading the file: {{done}} rows',
    checking: 'Checking: {{done}}/{{total}} rows',
    writing: 'Writing: {{done}}/{{total}} procedures',
    downloading: 'Downloading: {{done}} KB',
  },
  columns: {
    code: 'Code',
    name: 'Procedure',
    sector: 'Sector',
    legalTime: 'Legal time',
    fees: 'Fees',
    documents: 'Documents',
    versions: 'Versions',
    active: 'Active',
    status: 'Result',
  },
  yes: 'Yes',
  no: 'No',
  listing: {
    title: 'Public listing',
    office: 'Office',
    date: 'In force on',
    show: 'Show the listing',
    print: 'Print (A4)',
    frame: 'Public listing',
  },
  error: 'Error: {{message}}',
  tooLarge: 'File too large: at most {{max}} MB',
};

/** useTranslation() with this page's texts (keys under `catalogue.`). */
const catalogueTexts = featureTexts({
  vi: { catalogue: vi },
  en: { catalogue: en },
});
export const useCatalogueTranslation = catalogueTexts.useTexts;
/** Adds the page's texts to `i18n` (for code that translates outside a component). */
export const registerCatalogueTexts = catalogueTexts.register;
