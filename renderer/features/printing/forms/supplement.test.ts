import { describe, expect, it } from 'vitest';
import { renderForm } from '../registry';
import { sampleData, tableRows, textOf, textOfClass } from '../../../../tests/support/print';

describe('form 02: supplement request', () => {
  it('02 lists what to add, the reason and whom to contact, once and completely', async () => {
    const data = sampleData()['02'];
    const doc = await renderForm('02', { ...data, reason: 'Hợp đồng thiếu chữ ký\nbên cho thuê' });
    const text = textOf(doc);
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(textOfClass(doc, 'dossier-code')).toBeNull(); // no code is issued for an incomplete intake
    expect(textOfClass(doc, 'applicant-name')).toBe('Người nộp hồ sơ: Nguyễn Văn An');
    expect(tableRows(doc, 'supplement-items')).toEqual([
      ['STT', 'Tên giấy tờ', 'Nội dung cần bổ sung, hoàn thiện', 'Hình thức', 'Số lượng'],
      ['1', 'Hợp đồng thuê địa điểm', 'Nộp bản có chữ ký hai bên', 'Bản sao', '1'],
    ]);
    expect(doc).toContain('Hợp đồng thiếu chữ ký<br>bên cho thuê');
    expect(textOfClass(doc, 'contact')).toContain('liên hệ Trần Thị Bình, 0227 3826 123 để được hướng dẫn');
    expect(text).toContain('NGƯỜI HƯỚNG DẪN');
  });
});
