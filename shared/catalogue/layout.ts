/**
 * The procedure catalogue workbook's layout: one sheet (the first of the workbook, named
 * "Thủ tục"), its header in row 1, then one row per version of a procedure.
 *
 * - A procedure is named by its code (Mã thủ tục). Its version 1 row carries everything about it;
 *   the rows of its later versions (Phiên bản 2, 3…) carry only what a version changes: effective
 *   date, legal time, fees, required documents and the decision that published it.
 * - Lists are one item per line inside a cell:
 *   - fees: `Tên khoản phí: 28.000` (amount in đồng);
 *   - documents: `Tên giấy tờ | bản chính | 1 | bắt buộc` (copy type, count and mandatory may be
 *     left out: bản chính, 1, bắt buộc);
 *   - on-site steps: comma separated, e.g. `tiếp nhận, thẩm định, phê duyệt, đóng dấu, trả kết quả`.
 * - Dates are written dd/mm/yyyy. Cells are typed values, never formulas.
 * - A procedure the workbook does not list is left as it is; a procedure is retired with
 *   Đang áp dụng = Không, never deleted.
 */
import type { CopyType, LegalTime } from '../domain/procedure';
import type { OnSiteStep } from '../domain/roles';

/** A cell as the workbook reader gives it: a typed value, or a formula or error it refuses to evaluate. */
export type Cell = string | number | boolean | null | { formula: string } | { error: string };

/** One row of the sheet: its Excel row number (1-based) and its cells, column A first. */
export interface SheetRow {
  number: number;
  cells: Cell[];
}

export const CATALOGUE_SHEET = 'Thủ tục';
export const GUIDE_SHEET = 'Hướng dẫn';

/** At most this many data rows: a province's catalogue is well under it; a larger file is refused. */
export const MAX_IMPORT_ROWS = 3000;
/** At most this many bytes of workbook (compressed). */
export const MAX_WORKBOOK_BYTES = 8 * 1024 * 1024;

export const COLUMN_KEYS = [
  'code',
  'name',
  'sectorCode',
  'sectorName',
  'version',
  'effectiveFrom',
  'legalTimeValue',
  'legalTimeUnit',
  'fees',
  'documents',
  'onSiteSteps',
  'leadAgency',
  'active',
  'basis',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export interface ColumnSpec {
  key: ColumnKey;
  /** The header written in row 1 (Vietnamese, matched without regard to case or spacing). */
  header: string;
  /** What goes in it, as the guide sheet prints it. */
  guide: string;
  width: number;
}

export const COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'code',
    header: 'Mã thủ tục',
    guide: 'Bắt buộc. Chữ không dấu, số, dấu chấm, gạch (vd. 1.001193).',
    width: 14,
  },
  { key: 'name', header: 'Tên thủ tục', guide: 'Bắt buộc ở dòng phiên bản 1.', width: 40 },
  { key: 'sectorCode', header: 'Mã lĩnh vực', guide: 'Bắt buộc ở dòng phiên bản 1 (vd. HT).', width: 10 },
  {
    key: 'sectorName',
    header: 'Tên lĩnh vực',
    guide: 'Bắt buộc khi mã lĩnh vực chưa có trong danh mục.',
    width: 20,
  },
  { key: 'version', header: 'Phiên bản', guide: 'Số nguyên: 1 (để trống = 1), 2, 3…', width: 9 },
  { key: 'effectiveFrom', header: 'Hiệu lực từ', guide: 'dd/mm/yyyy; để trống ở phiên bản 1.', width: 12 },
  {
    key: 'legalTimeValue',
    header: 'Thời hạn giải quyết',
    guide: 'Số; để trống khi giải quyết ngay.',
    width: 10,
  },
  {
    key: 'legalTimeUnit',
    header: 'Đơn vị thời hạn',
    guide: 'ngày làm việc | giờ làm việc | ngày | giải quyết ngay',
    width: 16,
  },
  { key: 'fees', header: 'Phí, lệ phí', guide: 'Mỗi dòng một khoản: "Tên khoản: 28.000".', width: 30 },
  {
    key: 'documents',
    header: 'Thành phần hồ sơ',
    guide:
      'Mỗi dòng một giấy tờ: "Tên | bản chính/bản sao có chứng thực/bản sao | số bản | bắt buộc/không bắt buộc".',
    width: 60,
  },
  {
    key: 'onSiteSteps',
    header: 'Bước tại chỗ',
    guide: 'Ở phiên bản 1: tiếp nhận, thẩm định, phê duyệt, đóng dấu, trả kết quả (cách nhau bởi dấu phẩy).',
    width: 30,
  },
  { key: 'leadAgency', header: 'Cơ quan giải quyết', guide: 'Ở phiên bản 1; có thể để trống.', width: 24 },
  { key: 'active', header: 'Đang áp dụng', guide: 'Có | Không (để trống = Có).', width: 10 },
  { key: 'basis', header: 'Căn cứ', guide: 'Quyết định công bố (phiên bản 2 trở đi).', width: 24 },
];

export const LEGAL_TIME_UNIT_TEXT: Record<LegalTime['unit'], string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
  immediate: 'giải quyết ngay',
};

export const COPY_TYPE_TEXT: Record<CopyType, string> = {
  original: 'bản chính',
  certified_copy: 'bản sao có chứng thực',
  copy: 'bản sao',
};

export const STEP_TEXT: Record<OnSiteStep, string> = {
  receive: 'tiếp nhận',
  appraise: 'thẩm định',
  approve: 'phê duyệt',
  seal: 'đóng dấu',
  return: 'trả kết quả',
};

export const MANDATORY_TEXT = { yes: 'bắt buộc', no: 'không bắt buộc' } as const;
export const YES_NO_TEXT = { yes: 'Có', no: 'Không' } as const;

/** Text as compared: Unicode NFC, trimmed, lower case, inner spaces collapsed. */
export function normalise(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** 1500000 → "1.500.000" (Vietnamese grouping, the same on every machine). */
export const groupThousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
