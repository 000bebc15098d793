import { describe, expect, it } from 'vitest';
import {
  makeDossier,
  office,
  printForm,
  resetEventSeq,
  sampleData,
  transferredAndBack,
} from '../../../../tests/support/print';

describe('form 06: register', () => {
  it('is an A4 landscape table, one numbered row per dossier with all 13 columns', async () => {
    resetEventSeq();
    const transferred = makeDossier({
      id: 'dossier-2',
      code: '000.00.06.H56-231027-0362',
      status: 'transferred',
    });
    const events = transferredAndBack('2023-10-27T02:30:00Z', '2023-10-31T03:00:00Z');
    const doc = await printForm('06', {
      office,
      year: 2023,
      entries: [
        { dossier: sampleData().result.dossier },
        // No leadAgency given: the transfer event names the deciding agency.
        { dossier: transferred, events, sets: 2, notes: 'Liên thông' },
      ],
    });
    expect(doc.html).toContain('@page { size: A4 landscape;');
    expect(doc.field('subtitle')).toBe('Năm 2023');
    const rows = doc.rows('register');
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
    const doc = await printForm('06', { office, year: 2023, entries, firstNumber: 101 });
    const rows = doc.rows('register');
    expect(rows).toHaveLength(1235);
    expect(rows[1]![0]).toBe('101');
    expect(rows[1234]![0]).toBe('1334');
    expect(doc.field('total')).toBe('Tổng số: 1.234 hồ sơ');
  });
});
