import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatFees, formatNumber, formatVnd, vietnamDate } from './format';

describe('Vietnamese display formats (whatever the PC time zone)', () => {
  it.each([
    // instant (UTC)                  date          date-time           Vietnam calendar date
    ['2026-11-27T04:30:00.000Z', '27/11/2026', '11:30 27/11/2026', '2026-11-27'],
    ['2026-11-27T17:05:00.000Z', '28/11/2026', '00:05 28/11/2026', '2026-11-28'], // past midnight in Hà Nội
    ['2026-01-01T00:00:00+07:00', '01/01/2026', '00:00 01/01/2026', '2026-01-01'],
  ])('%s → %s, %s', (iso, date, dateTime, day) => {
    expect(formatDate(iso)).toBe(date);
    expect(formatDateTime(iso)).toBe(dateTime);
    expect(vietnamDate(iso)).toBe(day);
  });

  it('formats calendar dates without shifting them', () => {
    expect(formatDate('2026-02-17')).toBe('17/02/2026');
  });

  it('leaves empty and invalid values blank', () => {
    expect(formatDateTime('')).toBe('');
    expect(formatDate('not a date')).toBe('');
  });

  it('groups thousands with dots', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
  });
});

describe('fees at the counter', () => {
  it('says each fee in Vietnamese format, and nothing when the procedure is free', () => {
    expect(formatVnd(50_000)).toBe('50.000 đ');
    expect(
      formatFees([
        { label: 'Lệ phí đăng ký hộ kinh doanh', amountVnd: 100_000 },
        { label: 'Phí chứng thực (mỗi trang)', amountVnd: 2_000 },
      ]),
    ).toBe('Lệ phí đăng ký hộ kinh doanh: 100.000 đ; Phí chứng thực (mỗi trang): 2.000 đ');
    expect(formatFees([])).toBe('');
    expect(formatFees([{ label: 'Lệ phí', amountVnd: 0 }])).toBe('');
  });
});
