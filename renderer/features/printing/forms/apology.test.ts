import { describe, expect, it } from 'vitest';
import { makeDossier, printForm, sampleData } from '../../../../tests/support/print';
import { expectFields } from '../../../../tests/support/printed-fields';

describe('form 04: apology and new date', () => {
  it('04 prints the missed and the new appointment, the reason and the head who seals', async () => {
    const doc = await printForm('04');
    expect(doc.text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expectFields(doc, {
      addressee: 'Kính gửi: Nguyễn Văn An',
      intro: 'Ngày 27/10/2023, Bộ phận Tiếp nhận và Trả kết quả huyện Vũ Thư tiếp nhận giải quyết hồ sơ của:',
      'dossier-code': 'Mã hồ sơ: 000.00.06.H56-231027-0361',
      'original-due-at': 'Thời hạn trả kết quả đã hẹn: 16:30 01/11/2023',
      reason: 'Lý do: Cần xác minh thực địa địa điểm kinh doanh',
      'new-due-at': 'Thời gian hẹn trả kết quả mới: 16:30 03/11/2023',
      signatures: 'CHỦ TỊCH (Ký, ghi rõ họ tên và đóng dấu) Lê Văn Dũng',
    });
  });

  it('04 keeps the first appointment when the dossier already carries the new one', async () => {
    const data = sampleData()['04'];
    const dossier = makeDossier({ originalDueAt: '2023-11-01T09:30:00Z', dueAt: '2023-11-03T09:30:00Z' });
    const doc = await printForm('04', { ...data, dossier });
    expect(doc.field('original-due-at')).toBe('Thời hạn trả kết quả đã hẹn: 16:30 01/11/2023');
  });
});
