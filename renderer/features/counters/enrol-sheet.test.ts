import { describe, expect, it } from 'vitest';
import { enrolSheetHtml } from './enrol-sheet';

describe('enrolment code sheet', () => {
  it('is an A5 page in Vietnamese with the code, counter and expiry, its values escaped', () => {
    const html = enrolSheetHtml({
      officeName: 'UBND xã <Tân Lập>',
      counterName: 'Quầy số 2',
      code: 'ABCD-EFGH-JKLM',
      expiresAt: '2026-12-08T03:00:00.000Z',
      issuedBy: 'Đỗ Mạnh Cường',
    });
    expect(html).toContain('size:A5');
    expect(html).toContain('MÃ ĐĂNG KÝ MÁY QUẦY');
    expect(html).toContain('ABCD-EFGH-JKLM');
    expect(html).toContain('Quầy số 2');
    expect(html).toContain('UBND xã &#60;Tân Lập&#62;');
    expect(html).not.toContain('<Tân Lập>');
    // Vietnam time (UTC+7).
    expect(html).toMatch(/10:00/);
  });
});
