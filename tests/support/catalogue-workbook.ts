import ExcelJS from 'exceljs';
import { CATALOGUE_SHEET, COLUMNS, type ColumnKey } from '../../shared/catalogue';

/** One row of the catalogue sheet by column key; a column left out is an empty cell. */
export type CatalogueRow = Partial<Record<ColumnKey, string | number>>;

/**
 * A catalogue workbook as an office's IT staff would fill it in Excel (shared/catalogue/layout.ts):
 * the sheet "Thủ tục", the layout's header in row 1, then the rows given, as typed values.
 */
export async function catalogueWorkbook(rows: readonly CatalogueRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(CATALOGUE_SHEET);
  sheet.addRow(COLUMNS.map((c) => c.header));
  for (const row of rows) sheet.addRow(COLUMNS.map((c) => row[c.key] ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}
