import { describe, expect, it } from 'vitest';
import { DEMO_OFFICE, DEMO_PROCEDURES, DEMO_SECTORS } from '../../../../shared/demo';
import { procedureAsOf } from '../../../../shared/rules';
import { legalTimeVi, publicListingHtml } from './listing';

describe('public listing (niêm yết)', () => {
  const listing = {
    office: DEMO_OFFICE,
    asOf: '2026-03-10',
    sectors: DEMO_SECTORS,
    procedures: DEMO_PROCEDURES.map((p) => procedureAsOf(p, '2026-03-10')),
  };

  it('prints every procedure on A4 with its time, fees and documents, grouped by sector', () => {
    const page = publicListingHtml(listing);
    expect(page).toContain('@page { size: A4;');
    expect(page).toContain('DANH MỤC THỦ TỤC HÀNH CHÍNH NIÊM YẾT CÔNG KHAI');
    expect(page).toContain('Áp dụng từ ngày 10/03/2026');
    for (const p of DEMO_PROCEDURES) expect(page).toContain(p.code);
    expect(page).toContain('Lệ phí hộ tịch: 28.000 đồng');
    expect(page).toContain('Lĩnh vực: Hộ tịch');
    expect(page).toContain('Giấy xác nhận tình trạng hôn nhân của mỗi bên (bản chính, 2 bản)');
  });

  it('escapes what the catalogue says', () => {
    const hostile = {
      ...listing,
      procedures: [{ ...listing.procedures[0]!, name: '<script>alert(1)</script>' }],
    };
    const page = publicListingHtml(hostile);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
  });

  it('words legal times as posted', () => {
    expect(legalTimeVi({ unit: 'immediate' })).toBe('Giải quyết ngay');
    expect(legalTimeVi({ unit: 'working_days', value: 3 })).toBe('3 ngày làm việc');
    expect(legalTimeVi({ unit: 'working_hours', value: 8 })).toBe('8 giờ làm việc');
    expect(legalTimeVi({ unit: 'calendar_days', value: 15 })).toBe('15 ngày');
  });
});
