/**
 * The catalogue workbook on the server: read with exceljs's streaming reader (row by row, stopping
 * past the row cap, so a huge or hostile file is never held whole), written with the guide sheet.
 * What the rows mean is shared/catalogue's.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  CATALOGUE_SHEET,
  COLUMNS,
  GUIDE_SHEET,
  MAX_IMPORT_ROWS,
  isBlankRow,
  tooManyRows,
  type Cell,
  type SheetRow,
} from '../../shared/catalogue';

export type WorkbookRead = { ok: true; rows: SheetRow[] } | { ok: false; error: string };

export const UNREADABLE =
  'Không đọc được tệp: đây không phải tệp Excel .xlsx hợp lệ hoặc tệp đã hỏng. Hãy lưu lại bằng Excel dạng .xlsx rồi nhập lại.';

/** An exceljs cell value as a workbook Cell: formulas and errors kept as such, never evaluated. */
export function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) return { formula: String(v.formula ?? v.sharedFormula) };
    if ('error' in v) return { error: String(v.error) };
    if (Array.isArray(v.richText))
      return (v.richText as { text?: unknown }[])
        .map((r) => (typeof r.text === 'string' ? r.text : ''))
        .join('');
    if (typeof v.text === 'string') return v.text;
  }
  return { error: 'kiểu ô không đọc được' };
}

/**
 * The first sheet's rows, header included. Refuses a corrupt file, a file without a sheet and one
 * with more than `maxRows` data rows (read no further than that). `onRows` hears progress.
 */
export async function readCatalogueWorkbook(
  bytes: Uint8Array,
  opts: { maxRows?: number; onRows?: (read: number) => void; deadlineMs?: number } = {},
): Promise<WorkbookRead> {
  // An .xlsx is a zip: anything else is refused before the reader sees it (it waits forever on some).
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 3 || bytes[3] !== 4)
    return { ok: false, error: UNREADABLE };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<WorkbookRead>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: `${UNREADABLE} (đọc quá lâu)` }),
      opts.deadlineMs ?? READ_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([readRows(bytes, opts), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long one workbook may take to read before it is refused as broken. */
const READ_DEADLINE_MS = 60_000;

async function readRows(
  bytes: Uint8Array,
  opts: { maxRows?: number; onRows?: (read: number) => void },
): Promise<WorkbookRead> {
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  const rows: SheetRow[] = [];
  let dataRows = 0;
  let sheets = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = Array.from({ length: Math.min(values.length, 64) }, (_, i) => cellOf(values[i]));
        if (row.number > 1 && !isBlankRow(cells) && ++dataRows > maxRows)
          return { ok: false, error: tooManyRows() };
        rows.push({ number: row.number, cells });
        if (rows.length % 250 === 0) opts.onRows?.(dataRows);
      }
      break;
    }
  } catch {
    return { ok: false, error: UNREADABLE };
  }
  if (sheets === 0) return { ok: false, error: `${UNREADABLE} (tệp không có trang tính nào)` };
  opts.onRows?.(dataRows);
  return { ok: true, rows };
}

/** The workbook of `rows` (header first): the catalogue sheet, then the guide to its columns. */
export async function writeCatalogueWorkbook(rows: readonly Cell[][], createdAt: Date): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Một cửa';
  book.created = createdAt;
  const sheet = book.addWorksheet(CATALOGUE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const cells of rows) sheet.addRow(cells.map((c) => (c !== null && typeof c === 'object' ? null : c)));
  sheet.getRow(1).font = { bold: true };
  COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    column.alignment = { wrapText: true, vertical: 'top' };
  });
  const guide = book.addWorksheet(GUIDE_SHEET);
  guide.addRow(['Cột', 'Cách ghi']).font = { bold: true };
  for (const c of COLUMNS) guide.addRow([c.header, c.guide]);
  guide.addRow([]);
  guide.addRow([
    'Lưu ý',
    'Mỗi dòng là một phiên bản của một thủ tục; dòng phiên bản 1 ghi đủ thông tin thủ tục. Không dùng công thức. Thủ tục không có trong tệp được giữ nguyên.',
  ]);
  guide.getColumn(1).width = 22;
  guide.getColumn(2).width = 100;
  return new Uint8Array(await book.xlsx.writeBuffer());
}
