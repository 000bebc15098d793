import { describe, expect, it } from 'vitest';
import { renderForm } from '../registry';
import { makeDossier, sampleData, textOf, textOfClass } from '../../../../tests/support/print';

describe('form 04: apology and new date', () => {
  it('04 prints the missed and the new appointment, the reason and the head who seals', async () => {
    const doc = await renderForm('04', sampleData()['04']);
    expect(textOf(doc)).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(textOfClass(doc, 'addressee')).toBe('Kính gửi: Nguyễn Văn An');
    expect(textOfClass(doc, 'intro')).toBe(
      'Ngày 27/10/2023, Bộ phận Tiếp nhận và Trả kết quả huyện Vũ Thư tiếp nhận giải quyết hồ sơ của:',
    );
    expect(textOfClass(doc, 'dossier-code')).toBe('Mã hồ sơ: 000.00.06.H56-231027-0361');
    expect(textOfClass(doc, 'original-due-at')).toBe('Thời hạn trả kết quả đã hẹn: 16:30 01/11/2023');
    expect(textOfClass(doc, 'reason')).toBe('Lý do: Cần xác minh thực địa địa điểm kinh doanh');
    expect(textOfClass(doc, 'new-due-at')).toBe('Thời gian hẹn trả kết quả mới: 16:30 03/11/2023');
    expect(textOfClass(doc, 'signatures')).toBe('CHỦ TỊCH (Ký, ghi rõ họ tên và đóng dấu) Lê Văn Dũng');
  });

  it('04 keeps the first appointment when the dossier already carries the new one', async () => {
    const data = sampleData()['04'];
    const dossier = makeDossier({ originalDueAt: '2023-11-01T09:30:00Z', dueAt: '2023-11-03T09:30:00Z' });
    const doc = await renderForm('04', { ...data, dossier });
    expect(textOfClass(doc, 'original-due-at')).toBe('Thời hạn trả kết quả đã hẹn: 16:30 01/11/2023');
  });
});
