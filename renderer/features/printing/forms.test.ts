import { beforeEach, describe, expect, it } from 'vitest';
import { createSealPayload, generateDeviceKeyPair, verifySealPayload } from '../../../shared/verification';
import { escapeHtml } from './html';
import { renderForm, type FormDataMap, type FormKind } from './index';
import {
  makeDossier,
  makeEvent,
  office,
  procedure,
  resetEventSeq,
  structureProblems,
  svgMatchesQrOf,
  svgsOf,
  tableRows,
  textOf,
  textOfClass,
} from '../../../tests/support/print';

const receiver = { fullName: 'Trần Thị Bình', title: 'Chuyên viên' };
const device = generateDeviceKeyPair();

function sealedDossier() {
  return makeDossier({
    status: 'returned',
    result: {
      documentType: 'Giấy chứng nhận đăng ký hộ kinh doanh',
      number: '125/GCN-HKD',
      date: '2023-10-31',
      signer: 'Phạm Văn Cường',
    },
    returnedAt: '2023-10-31T08:00:00Z',
  });
}

function sealFor(dossier = sealedDossier()) {
  return createSealPayload(
    {
      code: dossier.code,
      officeAgencyCode: office.agencyCode,
      issuedAt: dossier.result!.date,
      resultNumber: dossier.result!.number,
    },
    device.secretKey,
    device.keyId,
  );
}

/** One valid data set per form, used by the table-driven checks. */
function sampleData(): { [K in FormKind]: FormDataMap[K] } {
  resetEventSeq();
  const dossier = makeDossier();
  const sealed = sealedDossier();
  return {
    '01': {
      office,
      dossier,
      procedure,
      receiver,
      number: '0361/TN',
      place: 'Thái Bình',
      registerRef: 'Quyển số 01, số 0361',
    },
    '02': {
      office,
      dossier: makeDossier({ code: '', status: 'incomplete', dueAt: '' }),
      officer: receiver,
      items: [
        {
          name: 'Hợp đồng thuê địa điểm',
          requirement: 'Nộp bản có chữ ký hai bên',
          copyType: 'copy',
          count: 1,
        },
      ],
      reason: 'Hợp đồng thiếu chữ ký bên cho thuê',
    },
    '03': {
      office,
      dossier: makeDossier({ code: '', status: 'refused_intake', dueAt: '' }),
      officer: receiver,
      reason: 'Không thuộc thẩm quyền giải quyết của huyện',
    },
    '04': {
      office,
      dossier,
      reason: 'Cần xác minh thực địa địa điểm kinh doanh',
      newDueAt: '2023-11-03T09:30:00Z',
      head: { fullName: 'Lê Văn Dũng', title: 'Chủ tịch' },
    },
    '05': {
      office,
      dossier: sealed,
      procedure,
      events: [
        // Payload keys and types as shared/workflow records them (command fields).
        makeEvent('received', null, '2023-10-27T02:15:00Z', 'Trần Thị Bình', 'receiver', {}, 'receive'),
        // An edit keeps the status: it hands nothing over and gets no row.
        makeEvent(
          'received',
          'received',
          '2023-10-27T03:00:00Z',
          'Trần Thị Bình',
          'receiver',
          { notes: 'Đổi số điện thoại' },
          'edit_details',
        ),
        makeEvent(
          'appraised',
          'received',
          '2023-10-30T03:00:00Z',
          'Hoàng Minh Đức',
          'appraiser',
          { notes: 'Đủ điều kiện' },
          'appraise',
        ),
        makeEvent(
          'approved',
          'appraised',
          '2023-11-01T04:00:00Z',
          'Lê Văn Dũng',
          'approver',
          { comment: '' },
          'approve',
        ),
        makeEvent('sealed', 'approved', '2023-11-01T07:00:00Z', 'Vũ Thị Hoa', 'sealer', {}, 'seal'),
        makeEvent(
          'returned',
          'sealed',
          '2023-11-02T02:00:00Z',
          'Trần Thị Bình',
          'receiver',
          {},
          'return_result',
        ),
      ],
    },
    '06': { office, year: 2023, entries: [{ dossier }, { dossier: sealed }] },
    result: { office, dossier: sealed, officer: receiver, sealPayload: sealFor(sealed) },
  };
}

const KINDS: FormKind[] = ['01', '02', '03', '04', '05', '06', 'result'];

describe('every form', () => {
  it.each(KINDS)(
    'form %s is a complete, well-formed, self-contained document in Vietnamese',
    async (kind) => {
      const doc = await renderForm(kind, sampleData()[kind]);
      expect(doc.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(doc).toContain('<html lang="vi">');
      expect(doc).toContain('<meta charset="utf-8" />');
      expect(doc).toContain(`<meta name="motcua-form" content="${kind}" />`);
      expect(structureProblems(doc)).toEqual([]);
      // Self-contained: nothing fetched, no script.
      expect(doc).not.toMatch(/<script|<link|\bsrc=|url\(/i);
      expect(doc).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/);
      const page = kind === '06' ? '@page { size: A4 landscape;' : '@page { size: A5;';
      expect(doc).toContain(page);
      expect(textOf(doc)).toContain(office.name);
    },
  );

  it.each(KINDS)('form %s has an English variant with the same data', async (kind) => {
    const vi = await renderForm(kind, sampleData()[kind], 'vi');
    const en = await renderForm(kind, sampleData()[kind], 'en');
    expect(en).toContain('<html lang="en">');
    expect(en).not.toBe(vi);
    expect(textOf(en)).toContain(kind === '06' ? 'DOSSIER REGISTER' : 'SOCIALIST REPUBLIC OF VIET NAM');
    expect(textOf(en)).not.toMatch(/Độc lập|Mã hồ sơ|Người nộp/);
    expect(textOf(en)).toContain('Nguyễn Văn An');
  });

  const attacks = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '</style><script>alert(1)</script>',
    '</title><iframe src=javascript:alert(1)>',
    '&lt;b&gt; already escaped & more',
  ];

  it.each(KINDS.flatMap((kind) => attacks.map((attack) => [kind, attack] as const)))(
    'form %s prints hostile text %s as text',
    async (kind, attack) => {
      const data = sampleData();
      const applicant = { ...makeDossier().applicant, fullName: `An ${attack}`, address: `Thôn ${attack}` };
      const hostile = (d: ReturnType<typeof makeDossier>) => ({
        ...d,
        applicant,
        procedureName: attack,
        notes: attack,
      });
      const forms: { [K in FormKind]: FormDataMap[K] } = {
        '01': {
          ...data['01'],
          dossier: hostile(data['01'].dossier),
          registerRef: attack,
          collectAt: attack,
          place: attack,
        },
        '02': {
          ...data['02'],
          dossier: hostile(data['02'].dossier),
          reason: attack,
          contact: attack,
          items: [{ name: attack, requirement: attack }],
        },
        '03': {
          ...data['03'],
          dossier: hostile(data['03'].dossier),
          reason: attack,
          officer: { fullName: attack },
        },
        '04': {
          ...data['04'],
          dossier: hostile(data['04'].dossier),
          reason: attack,
          head: { fullName: attack, title: attack },
        },
        '05': {
          ...data['05'],
          dossier: hostile(data['05'].dossier),
          events: data['05'].events.map((e) => ({ ...e, actorName: attack, payload: { note: attack } })),
        },
        '06': {
          ...data['06'],
          entries: data['06'].entries.map((e) => ({
            ...e,
            dossier: hostile(e.dossier),
            notes: attack,
            leadAgency: attack,
          })),
        },
        result: { ...data.result, dossier: hostile(data.result.dossier), officer: { fullName: attack } },
      };
      const doc = await renderForm(kind, forms[kind]);
      expect(doc).not.toMatch(/<script|<img|<iframe|<svg onload/i);
      // No element gained an event-handler attribute.
      expect(doc).not.toMatch(/<[a-z][^>]*\son\w+=/i);
      expect(structureProblems(doc)).toEqual([]);
      expect(doc).toContain(escapeHtml(attack));
      expect(textOf(doc)).toContain(attack);
    },
  );
});

describe('form 01: receipt and appointment', () => {
  it('prints what the citizen reads: code, applicant, documents, times, place, QR of the code', async () => {
    const doc = await renderForm('01', sampleData()['01']);
    const text = textOf(doc);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('UBND huyện Vũ Thư');
    expect(textOfClass(doc, 'number')).toBe('Số: 0361/TN');
    expect(textOfClass(doc, 'place-date')).toBe('Thái Bình, ngày 27 tháng 10 năm 2023');
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(textOfClass(doc, 'dossier-code')).toBe('Mã hồ sơ: 000.00.06.H56-231027-0361');
    expect(textOfClass(doc, 'applicant-name')).toBe('Người nộp hồ sơ: Nguyễn Văn An');
    expect(textOfClass(doc, 'id-number')).toBe('Số CCCD/CMND: 034085001234');
    expect(textOfClass(doc, 'address')).toBe('Địa chỉ: Số 5, thôn Đông, xã Tự Tân, huyện Vũ Thư');
    expect(textOfClass(doc, 'phone')).toBe('Số điện thoại: 0912345678');
    expect(textOfClass(doc, 'email')).toBe('Email: an.nguyen@example.vn');
    expect(textOfClass(doc, 'request')).toBe('Nội dung yêu cầu giải quyết: Đăng ký thành lập hộ kinh doanh');
    expect(tableRows(doc, 'documents')).toEqual([
      ['STT', 'Tên giấy tờ', 'Hình thức', 'Số lượng'],
      ['1', 'Giấy đề nghị đăng ký hộ kinh doanh', 'Bản chính', '1'],
      ['2', 'Bản sao CCCD của chủ hộ', 'Bản sao chứng thực', '2'],
      ['3', 'Hợp đồng thuê địa điểm', 'Bản sao', '1'],
    ]);
    expect(textOfClass(doc, 'sets')).toBe('2. Số lượng hồ sơ: 01 (bộ)');
    expect(textOfClass(doc, 'legal-time')).toBe('3. Thời gian giải quyết theo quy định: 3 ngày làm việc');
    expect(textOfClass(doc, 'fees')).toBe('Phí, lệ phí: Lệ phí đăng ký: 1.250.000 đồng');
    expect(textOfClass(doc, 'received-at')).toBe('4. Thời gian nhận hồ sơ: 09:15 27/10/2023');
    expect(textOfClass(doc, 'due-at')).toBe('5. Thời gian trả kết quả: 16:30 01/11/2023');
    expect(textOfClass(doc, 'collect-at')).toBe(
      '6. Nơi nhận kết quả: Bộ phận Tiếp nhận và Trả kết quả huyện Vũ Thư, Thị trấn Vũ Thư, tỉnh Thái Bình',
    );
    expect(textOfClass(doc, 'register-ref')).toBe('Vào Sổ theo dõi hồ sơ: Quyển số 01, số 0361');
    expect(tableRows(doc, 'signatures')).toEqual([
      [
        'NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Văn An',
        'NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Thị Bình',
      ],
    ]);
    const svgs = svgsOf(doc);
    expect(svgs).toHaveLength(1);
    expect(svgMatchesQrOf(svgs[0]!, '000.00.06.H56-231027-0361')).toBe(true);
    expect(svgMatchesQrOf(svgs[0]!, '000.00.06.H56-231027-0362')).toBe(false);
  });

  it('says when the result is returned at once, and encodes a tracking URL when given', async () => {
    const data = sampleData()['01'];
    const doc = await renderForm('01', {
      ...data,
      dossier: makeDossier({ dueAt: '' }),
      procedure: { ...procedure, legalTime: { unit: 'immediate' }, fees: [] },
      trackingText: 'https://dichvucong.example.vn/tra-cuu?ma=000.00.06.H56-231027-0361',
    });
    expect(textOfClass(doc, 'due-at')).toBe('5. Thời gian trả kết quả: Trả ngay khi giải quyết xong');
    expect(textOfClass(doc, 'legal-time')).toBe('3. Thời gian giải quyết theo quy định: Giải quyết ngay');
    expect(textOfClass(doc, 'fees')).toBeNull();
    expect(
      svgMatchesQrOf(svgsOf(doc)[0]!, 'https://dichvucong.example.vn/tra-cuu?ma=000.00.06.H56-231027-0361'),
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
    const doc = await renderForm('01', { office, dossier, receiver });
    expect(textOfClass(doc, 'number')).toBe('Số: ………');
    expect(textOfClass(doc, 'applicant-name')).toBe('Tổ chức: Công ty TNHH Minh Phát');
    expect(textOfClass(doc, 'tax-code')).toBe('Mã số thuế: 1000123456');
    expect(textOfClass(doc, 'phone')).toBe('Số điện thoại: —');
    expect(textOfClass(doc, 'legal-time')).toBeNull();
  });

  it('prints English labels with the same Vietnamese data', async () => {
    const doc = await renderForm('01', sampleData()['01'], 'en');
    expect(textOfClass(doc, 'dossier-code')).toBe('Dossier code: 000.00.06.H56-231027-0361');
    expect(textOfClass(doc, 'legal-time')).toBe('3. Legal processing time: 3 working days');
    expect(textOfClass(doc, 'due-at')).toBe('5. Result returned at: 16:30 01/11/2023');
    expect(textOfClass(doc, 'place-date')).toBe('Thái Bình, 27/10/2023');
    expect(tableRows(doc, 'documents')[2]).toEqual(['2', 'Bản sao CCCD của chủ hộ', 'Certified copy', '2']);
  });
});

describe('forms 02, 03, 04', () => {
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

  it('03 prints the refusal reason and both signatures', async () => {
    const doc = await renderForm('03', sampleData()['03']);
    expect(textOf(doc)).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(textOfClass(doc, 'reason')).toBe('Không thuộc thẩm quyền giải quyết của huyện');
    expect(textOfClass(doc, 'signatures')).toBe(
      'NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Văn An NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Thị Bình',
    );
  });

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

describe('form 05: control sheet', () => {
  beforeEach(resetEventSeq);

  it('has one row per hand-over with who, when and early / on time / late', async () => {
    const doc = await renderForm('05', sampleData()['05']);
    expect(textOf(doc)).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(textOfClass(doc, 'lead-agency')).toBe('Cơ quan chủ trì giải quyết: Phòng Tài chính - Kế hoạch');
    expect(textOfClass(doc, 'received-at')).toBe('Thời gian nhận hồ sơ: 09:15 27/10/2023');
    expect(textOfClass(doc, 'due-at')).toBe('Hẹn trả kết quả: 16:30 01/11/2023');
    const rows = tableRows(doc, 'handovers');
    expect(rows[0]).toEqual([
      'STT',
      'Nội dung',
      'Bên giao',
      'Bên nhận',
      'Thời gian giao, nhận',
      'Kết quả',
      'Ký giao',
      'Ký nhận',
    ]);
    // The step's note prints under the step; early / on time / late against 16:30 01/11/2023.
    expect(rows.slice(1)).toEqual([
      [
        '1',
        'Tiếp nhận hồ sơ',
        'Nguyễn Văn An',
        'Trần Thị Bình (Cán bộ tiếp nhận)',
        '09:15 27/10/2023',
        'Trước hạn',
        '',
        '',
      ],
      [
        '2',
        'Thẩm định Đủ điều kiện',
        'Trần Thị Bình (Cán bộ tiếp nhận)',
        'Hoàng Minh Đức (Cán bộ thẩm định)',
        '10:00 30/10/2023',
        'Trước hạn',
        '',
        '',
      ],
      [
        '3',
        'Phê duyệt',
        'Hoàng Minh Đức (Cán bộ thẩm định)',
        'Lê Văn Dũng (Lãnh đạo phê duyệt)',
        '11:00 01/11/2023',
        'Đúng hạn',
        '',
        '',
      ],
      [
        '4',
        'Đóng dấu, ký số kết quả',
        'Lê Văn Dũng (Lãnh đạo phê duyệt)',
        'Vũ Thị Hoa (Văn thư đóng dấu)',
        '14:00 01/11/2023',
        'Đúng hạn',
        '',
        '',
      ],
      [
        '5',
        'Trả kết quả',
        'Trần Thị Bình (Cán bộ tiếp nhận)',
        'Nguyễn Văn An',
        '09:00 02/11/2023',
        'Quá hạn',
        '',
        '',
      ],
    ]);
  });

  it('shows the deciding agency on a transfer and back, in event order whatever the input order', async () => {
    const events = [
      makeEvent('received', null, '2023-10-27T02:15:00Z', 'Trần Thị Bình', 'receiver', {}, 'receive'),
      makeEvent(
        'transferred',
        'received',
        '2023-10-27T08:00:00Z',
        'Trần Thị Bình',
        'receiver',
        { toAgency: 'Chi cục Thuế', note: 'Liên thông thuế' },
        'transfer',
      ),
      makeEvent(
        'sealed',
        'transferred',
        '2023-10-30T08:00:00Z',
        'Trần Thị Bình',
        'receiver',
        {},
        'transfer_back',
      ),
      // A type this sheet does not know is named by the status it reached.
      makeEvent('stopped', 'sealed', '2023-10-30T09:00:00Z', 'Lê Văn Dũng', 'approver', {}, 'future_command'),
    ];
    const doc = await renderForm('05', { office, dossier: makeDossier(), events: [...events].reverse() });
    const rows = tableRows(doc, 'handovers').slice(1);
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['Tiếp nhận hồ sơ', 'Nguyễn Văn An', 'Trần Thị Bình (Cán bộ tiếp nhận)'],
      ['Chuyển cơ quan giải quyết Liên thông thuế', 'Trần Thị Bình (Cán bộ tiếp nhận)', 'Chi cục Thuế'],
      ['Nhận kết quả từ cơ quan giải quyết', 'Chi cục Thuế', 'Trần Thị Bình (Cán bộ tiếp nhận)'],
      ['Dừng giải quyết', 'Trần Thị Bình (Cán bộ tiếp nhận)', 'Lê Văn Dũng (Lãnh đạo phê duyệt)'],
    ]);
  });

  it('says so when nothing was handed over yet', async () => {
    const doc = await renderForm('05', { office, dossier: makeDossier(), events: [] });
    expect(tableRows(doc, 'handovers')[1]).toEqual(['Chưa có lần giao, nhận nào.']);
  });
});

describe('form 06: register', () => {
  it('is an A4 landscape table, one numbered row per dossier with all 13 columns', async () => {
    resetEventSeq();
    const transferred = makeDossier({
      id: 'dossier-2',
      code: '000.00.06.H56-231027-0362',
      status: 'transferred',
    });
    const events = [
      makeEvent('received', null, '2023-10-27T02:30:00Z', 'Trần Thị Bình', 'receiver', {}, 'receive'),
      makeEvent(
        'transferred',
        'received',
        '2023-10-27T08:00:00Z',
        'Trần Thị Bình',
        'receiver',
        { toAgency: 'Chi cục Thuế' },
        'transfer',
      ),
      makeEvent(
        'sealed',
        'transferred',
        '2023-10-31T03:00:00Z',
        'Trần Thị Bình',
        'receiver',
        {},
        'transfer_back',
      ),
    ];
    const doc = await renderForm('06', {
      office,
      year: 2023,
      entries: [
        { dossier: sampleData().result.dossier },
        // No leadAgency given: the transfer event names the deciding agency.
        { dossier: transferred, events, sets: 2, notes: 'Liên thông' },
      ],
    });
    expect(doc).toContain('@page { size: A4 landscape;');
    expect(textOfClass(doc, 'subtitle')).toBe('Năm 2023');
    const rows = tableRows(doc, 'register');
    expect(rows[0]).toEqual([
      'STT',
      'Mã hồ sơ',
      'Tên thủ tục hành chính',
      'Số lượng hồ sơ',
      'Tên cá nhân, tổ chức',
      'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết',
      'Nhận hồ sơ',
      'Hẹn trả kết quả',
      'Chuyển hồ sơ đến cơ quan giải quyết',
      'Nhận kết quả từ cơ quan giải quyết',
      'Trả kết quả cho cá nhân, tổ chức',
      'Ghi chú',
    ]);
    expect(rows[1]).toEqual([
      '01',
      '000.00.06.H56-231027-0361',
      'Đăng ký thành lập hộ kinh doanh',
      '1',
      'Nguyễn Văn An',
      'Số 5, thôn Đông, xã Tự Tân, huyện Vũ Thư; 0912345678',
      'Bộ phận Tiếp nhận và Trả kết quả huyện Vũ Thư',
      '09:15 27/10/2023',
      '16:30 01/11/2023',
      '',
      '',
      '15:00 31/10/2023',
      '',
    ]);
    expect(rows[2]).toEqual([
      '02',
      '000.00.06.H56-231027-0362',
      'Đăng ký thành lập hộ kinh doanh',
      '2',
      'Nguyễn Văn An',
      'Số 5, thôn Đông, xã Tự Tân, huyện Vũ Thư; 0912345678',
      'Chi cục Thuế',
      '09:15 27/10/2023',
      '16:30 01/11/2023',
      '15:00 27/10/2023',
      '10:00 31/10/2023',
      '',
      'Liên thông. Chuyển cơ quan giải quyết',
    ]);
  });

  it('counts with Vietnamese grouping and continues numbering across pages of a year', async () => {
    const dossier = makeDossier();
    const entries = Array.from({ length: 1234 }, () => ({ dossier }));
    const doc = await renderForm('06', { office, year: 2023, entries, firstNumber: 101 });
    const rows = tableRows(doc, 'register');
    expect(rows).toHaveLength(1235);
    expect(rows[1]![0]).toBe('101');
    expect(rows[1234]![0]).toBe('1334');
    expect(textOfClass(doc, 'total')).toBe('Tổng số: 1.234 hồ sơ');
  });
});

describe('result slip', () => {
  it('prints the result and a QR that scans as the signed seal, which verifies', async () => {
    const data = sampleData().result;
    const doc = await renderForm('result', data);
    expect(textOf(doc)).toContain('PHIẾU KẾT QUẢ GIẢI QUYẾT HỒ SƠ');
    expect(textOfClass(doc, 'dossier-code')).toBe('Mã hồ sơ: 000.00.06.H56-231027-0361');
    expect(textOfClass(doc, 'result-type')).toBe('Kết quả giải quyết: Giấy chứng nhận đăng ký hộ kinh doanh');
    expect(textOfClass(doc, 'result-number')).toBe('Số, ký hiệu: 125/GCN-HKD');
    expect(textOfClass(doc, 'result-date')).toBe('Ngày ban hành: 31/10/2023');
    expect(textOfClass(doc, 'result-signer')).toBe('Người ký: Phạm Văn Cường');
    expect(textOfClass(doc, 'due-at')).toBe('Hẹn trả kết quả: 16:30 01/11/2023');
    expect(textOfClass(doc, 'returned-at')).toBe('Thời gian trả kết quả: 15:00 31/10/2023');
    expect(textOfClass(doc, 'qr-note')).toContain(`Khóa xác thực: ${device.keyId}`);
    const svgs = svgsOf(doc);
    expect(svgs).toHaveLength(1);
    expect(svgMatchesQrOf(svgs[0]!, data.sealPayload)).toBe(true);
    const verified = await verifySealPayload(data.sealPayload, (id) =>
      id === device.keyId ? { publicKey: device.publicKey, officeAgencyCode: office.agencyCode } : null,
    );
    expect(verified).toMatchObject({
      ok: true,
      code: '000.00.06.H56-231027-0361',
      resultNumber: '125/GCN-HKD',
    });
  });

  it('refuses a seal of another dossier or result number, and a dossier without result', async () => {
    const data = sampleData().result;
    const other = sealFor(sealedDossier());
    await expect(
      renderForm('result', {
        ...data,
        dossier: { ...data.dossier, code: '000.00.06.H56-231027-0999' },
        sealPayload: other,
      }),
    ).rejects.toThrow(/does not match/);
    await expect(
      renderForm('result', {
        ...data,
        dossier: { ...data.dossier, result: { ...data.dossier.result!, number: '126/GCN-HKD' } },
      }),
    ).rejects.toThrow(/does not match/);
    await expect(renderForm('result', { ...data, dossier: makeDossier() })).rejects.toThrow(/no result/);
    await expect(renderForm('result', { ...data, sealPayload: 'garbage' })).rejects.toThrow();
  });
});
