import { beforeEach, describe, expect, it } from 'vitest';
import {
  makeDossier,
  makeEvent,
  office,
  printForm,
  resetEventSeq,
  transferredAndBack,
} from '../../../../tests/support/print';
import { expectFields } from '../../../../tests/support/printed-fields';

describe('form 05: control sheet', () => {
  beforeEach(resetEventSeq);

  it('has one row per hand-over with who, when and early / on time / late', async () => {
    const doc = await printForm('05');
    expect(doc.text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expectFields(doc, {
      'lead-agency': 'Cơ quan chủ trì giải quyết: Phòng Tài chính - Kế hoạch',
      'received-at': 'Thời gian nhận hồ sơ: 09:15 27/10/2023',
      'due-at': 'Hẹn trả kết quả: 16:30 01/11/2023',
    });
    const rows = doc.rows('handovers');
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
      ...transferredAndBack('2023-10-27T02:15:00Z', '2023-10-30T08:00:00Z', {
        toAgency: 'Chi cục Thuế',
        note: 'Liên thông thuế',
      }),
      // A type this sheet does not know is named by the status it reached.
      makeEvent('stopped', 'sealed', '2023-10-30T09:00:00Z', 'Lê Văn Dũng', 'approver', {}, 'future_command'),
    ];
    const doc = await printForm('05', { office, dossier: makeDossier(), events: [...events].reverse() });
    const rows = doc.rows('handovers').slice(1);
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['Tiếp nhận hồ sơ', 'Nguyễn Văn An', 'Trần Thị Bình (Cán bộ tiếp nhận)'],
      ['Chuyển cơ quan giải quyết Liên thông thuế', 'Trần Thị Bình (Cán bộ tiếp nhận)', 'Chi cục Thuế'],
      ['Nhận kết quả từ cơ quan giải quyết', 'Chi cục Thuế', 'Trần Thị Bình (Cán bộ tiếp nhận)'],
      ['Dừng giải quyết', 'Trần Thị Bình (Cán bộ tiếp nhận)', 'Lê Văn Dũng (Lãnh đạo phê duyệt)'],
    ]);
  });

  it('says so when nothing was handed over yet', async () => {
    const doc = await printForm('05', { office, dossier: makeDossier(), events: [] });
    expect(doc.rows('handovers')[1]).toEqual(['Chưa có lần giao, nhận nào.']);
  });
});
