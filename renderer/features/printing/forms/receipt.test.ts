import { describe, expect, it } from 'vitest';
import {
  makeDossier,
  office,
  printForm,
  procedure,
  receiver,
  sampleData,
  svgMatchesQrOf,
} from '../../../../tests/support/print';
import { expectFields } from '../../../../tests/support/printed-fields';

describe('form 01: receipt and appointment', () => {
  it('prints what the citizen reads: code, applicant, documents, times, place, QR of the code', async () => {
    const doc = await printForm('01');
    const text = doc.text;
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('UBND huyện Vũ Thư');
    expectFields(doc, {
      number: 'Số: 0361/TN',
      'place-date': 'Thái Bình, ngày 27 tháng 10 năm 2023',
    });
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expectFields(doc, {
      'dossier-code': 'Mã hồ sơ: 000.00.06.H56-231027-0361',
      'applicant-name': 'Người nộp hồ sơ: Nguyễn Văn An',
      'id-number': 'Số CCCD/CMND: 034085001234',
      address: 'Địa chỉ: Số 5, thôn Đông, xã Tự Tân, huyện Vũ Thư',
      phone: 'Số điện thoại: 0912345678',
      email: 'Email: an.nguyen@example.vn',
      request: 'Nội dung yêu cầu giải quyết: Đăng ký thành lập hộ kinh doanh',
    });
    expect(doc.rows('documents')).toEqual([
      ['STT', 'Tên giấy tờ', 'Hình thức', 'Số lượng'],
      ['1', 'Giấy đề nghị đăng ký hộ kinh doanh', 'Bản chính', '1'],
      ['2', 'Bản sao CCCD của chủ hộ', 'Bản sao chứng thực', '2'],
      ['3', 'Hợp đồng thuê địa điểm', 'Bản sao', '1'],
    ]);
    expectFields(doc, {
      sets: '2. Số lượng hồ sơ: 01 (bộ)',
      'legal-time': '3. Thời gian giải quyết theo quy định: 3 ngày làm việc',
      fees: 'Phí, lệ phí: Lệ phí đăng ký: 1.250.000 đồng',
      'received-at': '4. Thời gian nhận hồ sơ: 09:15 27/10/2023',
      'due-at': '5. Thời gian trả kết quả: 16:30 01/11/2023',
      'collect-at':
        '6. Nơi nhận kết quả: Bộ phận Tiếp nhận và Trả kết quả huyện Vũ Thư, Thị trấn Vũ Thư, tỉnh Thái Bình',
      'register-ref': 'Vào Sổ theo dõi hồ sơ: Quyển số 01, số 0361',
    });
    expect(doc.rows('signatures')).toEqual([
      [
        'NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Văn An',
        'NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Thị Bình',
      ],
    ]);
    const svgs = doc.svgs;
    expect(svgs).toHaveLength(1);
    expect(svgMatchesQrOf(svgs[0]!, '000.00.06.H56-231027-0361')).toBe(true);
    expect(svgMatchesQrOf(svgs[0]!, '000.00.06.H56-231027-0362')).toBe(false);
  });

  it('says when the result is returned at once, and encodes a tracking URL when given', async () => {
    const data = sampleData()['01'];
    const doc = await printForm('01', {
      ...data,
      dossier: makeDossier({ dueAt: '' }),
      procedure: { ...procedure, legalTime: { unit: 'immediate' }, fees: [] },
      trackingText: 'https://dichvucong.example.vn/tra-cuu?ma=000.00.06.H56-231027-0361',
    });
    expectFields(doc, {
      'due-at': '5. Thời gian trả kết quả: Trả ngay khi giải quyết xong',
      'legal-time': '3. Thời gian giải quyết theo quy định: Giải quyết ngay',
      fees: null,
    });
    expect(
      svgMatchesQrOf(doc.svgs[0]!, 'https://dichvucong.example.vn/tra-cuu?ma=000.00.06.H56-231027-0361'),
    ).toBe(true);
  });

  it('leaves the number and date to fill by hand when unknown, and prints organisations by tax code', async () => {
    const dossier = makeDossier({
      applicant: {
        kind: 'organisation',
        fullName: 'Công ty TNHH Minh Phát',
        idNumber: '',
        taxCode: '1000123456',
        phone: '',
        email: 'lienhe@minhphat.vn',
        address: 'Khu công nghiệp Phúc Khánh',
      },
    });
    const doc = await printForm('01', { office, dossier, receiver });
    expectFields(doc, {
      number: 'Số: ………',
      'applicant-name': 'Tổ chức: Công ty TNHH Minh Phát',
      'tax-code': 'Mã số thuế: 1000123456',
      phone: 'Số điện thoại: —',
      'legal-time': null,
    });
  });

  it('previews English labels with the same Vietnamese data', async () => {
    const doc = await printForm('01', sampleData()['01'], 'en');
    expectFields(doc, {
      'dossier-code': 'Dossier code: 000.00.06.H56-231027-0361',
      'legal-time': '3. Legal processing time: 3 working days',
      'due-at': '5. Result returned at: 16:30 01/11/2023',
      'place-date': 'Thái Bình, 27/10/2023',
    });
    expect(doc.rows('documents')[2]).toEqual(['2', 'Bản sao CCCD của chủ hộ', 'Certified copy', '2']);
  });
});
