import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { hungKingsDate, leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar, tetDate } from './lunar';

describe('Tết Nguyên đán (1/1 lunar, Vietnam time)', () => {
  it.each([
    // DOMAIN.md
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    // other known years
    [2000, '2000-02-05'],
    [2010, '2010-02-14'],
    [2015, '2015-02-19'],
    [2019, '2019-02-05'],
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    // The 2030 new moon is at 23:07 Vietnam time on 2 Feb (00:07 on 3 Feb in China): Vietnam's
    // Tết is 2 Feb, China's Spring Festival 3 Feb. Lists giving 2030-02-03 use China's calendar.
    [2030, '2030-02-02'],
    // Years where Vietnam and China differ because of UTC+7.
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
  ])('Tết %i is %s', (year, expected) => {
    expect(tetDate(year)).toBe(expected);
  });

  it.each([
    [1985, '1985-02-20'],
    [2007, '2007-02-18'],
    [2030, '2030-02-03'],
  ])('in China time (UTC+8) the %i new year falls on %s instead', (year, expected) => {
    expect(lunarToSolar(year, 1, 1, false, 8)).toBe(expected);
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
  it.each([
    [2012, '2012-03-31'],
    [2020, '2020-04-02'],
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('%i: %s', (year, expected) => {
    expect(hungKingsDate(year)).toBe(expected);
  });
});

describe('leap months', () => {
  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2028, 5],
    [2024, null],
    [2026, null],
    [2027, null],
  ])('lunar year %i has leap month %s', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it.each([
    [2023, 2, '2023-03-22'],
    [2025, 6, '2025-07-25'],
    [2020, 4, '2020-05-23'],
  ])('leap month %i/%i starts on %s', (year, month, expected) => {
    expect(lunarToSolar(year, month, 1, true)).toBe(expected);
    expect(solarToLunar(expected)).toEqual({ year, month, day: 1, leap: true });
  });

  it('refuses a leap month that does not exist', () => {
    expect(() => lunarToSolar(2024, 3, 1, true)).toThrow(RangeError);
    expect(() => lunarToSolar(2025, 5, 1, true)).toThrow(RangeError);
  });
});

describe('solarToLunar', () => {
  it.each([
    ['2024-09-17', { year: 2024, month: 8, day: 15, leap: false }], // Trung thu
    ['2025-10-06', { year: 2025, month: 8, day: 15, leap: false }],
    ['2026-09-25', { year: 2026, month: 8, day: 15, leap: false }],
    ['2026-02-16', { year: 2025, month: 12, day: 29, leap: false }], // last day of Ất Tỵ
    ['2026-02-17', { year: 2026, month: 1, day: 1, leap: false }],
    ['2024-02-09', { year: 2023, month: 12, day: 30, leap: false }],
    ['2026-11-27', { year: 2026, month: 10, day: 19, leap: false }],
  ])('%s is %o', (date, expected) => {
    expect(solarToLunar(date)).toEqual(expected);
  });

  it('round-trips every day from 2015 to 2035 and numbers days consecutively', () => {
    let date = '2015-01-01';
    let previous = solarToLunar(addDays(date, -1));
    while (date <= '2035-12-31') {
      const lunar = solarToLunar(date);
      expect(lunarToSolar(lunar.year, lunar.month, lunar.day, lunar.leap)).toBe(date);
      if (lunar.day !== 1) expect(lunar.day).toBe(previous.day + 1);
      else expect([29, 30]).toContain(previous.day);
      previous = lunar;
      date = addDays(date, 1);
    }
  });

  it('rejects impossible dates and days', () => {
    expect(() => solarToLunar('2025-02-30')).toThrow(RangeError);
    expect(() => solarToLunar('26/04/2026')).toThrow(RangeError);
    const length = lunarMonthLength(2025, 12);
    expect(length).toBe(29);
    expect(() => lunarToSolar(2025, 12, 30)).toThrow(RangeError);
    expect(lunarToSolar(2023, 12, 30)).toBe('2024-02-09');
  });
});
