import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marchView } from '../../../tests/support/report-view';
import { launchPdfPrinter, type PdfPrinter } from '../../../tests/support/print-pdf';
import { formatNumberVi } from '../printing/format';
import { FIGURE_COLUMNS } from './labels';
import { percentVi, renderReportDocument } from './print';

let printer: PdfPrinter;
beforeAll(async () => {
  printer = await launchPdfPrinter();
});
afterAll(() => printer.close());

describe('the printed period report', () => {
  it('prints on A4 landscape, in Vietnamese, with the figures, the indicators and the losing dossiers', async () => {
    const view = marchView();
    const document = renderReportDocument(view);
    expect(document).toContain('size: A4 landscape');
    expect(document).toContain('<html lang="vi">');
    const pdf = await printer.print(document, { pageSize: 'A4', landscape: true });
    const text = pdf.pageTexts.join('\n');
    expect(text).toContain('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).toContain('Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026');
    // The total row: its heading, then each figure in the columns' order.
    const lines = text.split('\n').map((l) => l.trim());
    const at = lines.indexOf('Tổng cộng');
    expect(at).toBeGreaterThan(0);
    const expected = FIGURE_COLUMNS.map((c) => {
      const value = c.value(view.total);
      return c.percent ? percentVi(value) : formatNumberVi(value ?? 0);
    });
    expect(lines.slice(at + 1, at + 1 + expected.length)).toEqual(expected);
    expect(text).toContain('Giải quyết đúng hạn: 66,7% (4/6)');
    expect(text).toContain('Đang giải quyết quá hạn: 66,7% (2/3)');
    expect(text).toContain('Hài lòng: 66,7% (2/3)');
    expect(text).toContain('Hồ sơ bị trừ điểm (5)');
    for (const losing of view.index766.losing) expect(text).toContain(losing.code);
  });

  it('writes shares the Vietnamese way', () => {
    expect(percentVi(2 / 3)).toBe('66,7%');
    expect(percentVi(1)).toBe('100,0%');
    expect(percentVi(null)).toBe('—');
  });
});
