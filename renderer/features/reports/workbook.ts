/**
 * The report as an Excel workbook: a title, the period, one row per office/sector/procedure/officer
 * and the total, with number and percentage formats; a second sheet with the daily counts, a third
 * with the Index 766 indicators (digitisation among them). Always
 * Vietnamese (it is filed and sent on like the printed report).
 */
import ExcelJS from 'exceljs';
import { DIMENSION_HEADINGS_VI, FIGURE_COLUMNS, indicatorLines } from './labels';
import type { ReportView } from './service';

const vnDate = (iso: string) => iso.split('-').reverse().join('/');

export async function reportWorkbook(view: ReportView): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Một cửa';
  book.created = new Date(view.builtAt);
  const sheet = book.addWorksheet('Báo cáo', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = FIGURE_COLUMNS.length + 2;
  sheet.addRow([`TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — ${view.officeName}`]);
  sheet.addRow([`Kỳ báo cáo: từ ngày ${vnDate(view.period.from)} đến ngày ${vnDate(view.period.to)}`]);
  sheet.mergeCells(1, 1, 1, width);
  sheet.mergeCells(2, 1, 2, width);
  sheet.getRow(1).font = { bold: true, size: 13 };
  sheet.addRow([]);
  const header = sheet.addRow([
    'STT',
    DIMENSION_HEADINGS_VI[view.dimension],
    ...FIGURE_COLUMNS.map((c) => c.vi),
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.height = 48;
  const figureRow = (no: number | string, name: string, figures: ReportView['total']) =>
    sheet.addRow([no, name, ...FIGURE_COLUMNS.map((c) => c.value(figures))]);
  view.rows.forEach((row, i) => figureRow(i + 1, row.name, row.figures));
  const total = figureRow('', 'Tổng cộng', view.total);
  total.font = { bold: true };

  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 36;
  FIGURE_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 3);
    column.width = 12;
    column.numFmt = c.percent ? '0.0%' : '#,##0';
  });

  const days = book.addWorksheet('Theo ngày');
  days.addRow(['Ngày', 'Tiếp nhận', 'Giải quyết']).font = { bold: true };
  for (const d of view.days) days.addRow([vnDate(d.date), d.received, d.resolved]);
  days.getColumn(1).width = 14;

  const index = book.addWorksheet('Chỉ số 766');
  index.addRow(['Chỉ số', 'Số hồ sơ đạt', 'Trên tổng số', 'Tỷ lệ']).font = { bold: true };
  for (const line of indicatorLines(view.index766))
    index.addRow([line.vi, line.part, line.whole, line.share]);
  index.getColumn(1).width = 36;
  index.getColumn(4).numFmt = '0.0%';

  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The name the workbook is offered under: the office's period, sortable. */
export function workbookName(view: ReportView): string {
  return `bao-cao-${view.period.from}-${view.period.to}.xlsx`;
}
