import { describe, expect, it } from 'vitest';
import { printForm } from '../../../../tests/support/print';
import { expectFields } from '../../../../tests/support/printed-fields';

describe('form 03: refusal', () => {
  it('03 prints the refusal reason and both signatures', async () => {
    const doc = await printForm('03');
    expect(doc.text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expectFields(doc, {
      reason: 'Không thuộc thẩm quyền giải quyết của huyện',
      signatures:
        'NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Văn An NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Thị Bình',
    });
  });
});
