import { describe, expect, it } from 'vitest';
import { renderForm } from '../registry';
import { sampleData, textOf, textOfClass } from '../../../../tests/support/print';

describe('form 03: refusal', () => {
  it('03 prints the refusal reason and both signatures', async () => {
    const doc = await renderForm('03', sampleData()['03']);
    expect(textOf(doc)).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(textOfClass(doc, 'reason')).toBe('Không thuộc thẩm quyền giải quyết của huyện');
    expect(textOfClass(doc, 'signatures')).toBe(
      'NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Văn An NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Thị Bình',
    );
  });
});
