import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { marchView } from '../../../tests/support/report-view';
import { FIGURE_COLUMNS } from './labels';
import type { ReportView } from './service';
import { reportWorkbook } from './workbook';

describe('report workbook', () => {
  it('reads back with the figures of the report, the period and the formats', async () => {
    const view = marchView();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportWorkbook(view)).buffer as ArrayBuffer);
    const sheet = book.getWorksheet('Báo cáo');
    if (!sheet) throw new Error('no report sheet');
    expect(String(sheet.getCell('A2').value)).toBe('Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(sheet.getRow(4).getCell(2).value).toBe('Lĩnh vực');
    const rowValues = (n: number) => FIGURE_COLUMNS.map((_, i) => sheet.getRow(n).getCell(i + 3).value);
    const expected = (f: ReportView['total']) => FIGURE_COLUMNS.map((c) => c.value(f));
    expect(sheet.getRow(5).getCell(2).value).toBe('Hộ tịch');
    expect(rowValues(5)).toEqual(expected(view.rows[0]!.figures));
    expect(sheet.getRow(6).getCell(2).value).toBe('Tổng cộng');
    expect(rowValues(6)).toEqual(expected(view.total));
    const rate = FIGURE_COLUMNS.findIndex((c) => c.key === 'on_time_rate');
    expect(sheet.getRow(6).getCell(rate + 3).numFmt).toBe('0.0%');

    const days = book.getWorksheet('Theo ngày');
    expect(days?.rowCount).toBe(32);
    expect(days?.getRow(3).values).toEqual([undefined, '02/03/2026', 2, 0]);
  });
});
