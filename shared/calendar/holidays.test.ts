import { describe, expect, it } from 'vitest';
import { addDays, weekday } from './dates';
import {
  generateSchedule,
  holidayScheduleSchema,
  nationalDayAdjacentDay,
  statutoryHolidays,
} from './holidays';
import { SCHEDULE_2024, SCHEDULE_2025, SCHEDULE_2026, SCHEDULE_2027, SHIPPED_SCHEDULES } from './schedules';
import { createWorkCalendar } from './work-calendar';

const calendar = createWorkCalendar();

/** Every date from `from` to `to` inclusive. */
function span(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Announced breaks, written from the decisions (independently of the shipped data). */
const DAYS_OFF: Record<number, string[]> = {
  2024: [
    '2024-01-01',
    ...span('2024-02-08', '2024-02-14'),
    '2024-04-18',
    ...span('2024-04-27', '2024-05-01'),
    ...span('2024-08-31', '2024-09-03'),
  ],
  2025: [
    '2025-01-01',
    ...span('2025-01-25', '2025-02-02'),
    '2025-04-07',
    ...span('2025-04-30', '2025-05-04'),
    ...span('2025-08-30', '2025-09-02'),
  ],
  2026: [
    ...span('2026-01-01', '2026-01-04'),
    ...span('2026-02-14', '2026-02-22'),
    '2026-04-26',
    '2026-04-27',
    ...span('2026-04-30', '2026-05-03'),
    ...span('2026-08-29', '2026-09-02'),
  ],
  2027: [
    '2027-01-01',
    ...span('2027-02-05', '2027-02-11'),
    '2027-04-16',
    '2027-04-30',
    '2027-05-01',
    '2027-05-03',
    '2027-09-02',
    '2027-09-03',
  ],
};

const MAKE_UP_SATURDAYS: Record<number, string[]> = {
  2024: ['2024-05-04'],
  2025: ['2025-04-26'],
  2026: ['2026-01-10', '2026-08-22'],
  2027: [],
};

describe('shipped schedules', () => {
  it('are valid, sorted, official for 2024–2026 and generated for 2027', () => {
    expect(SHIPPED_SCHEDULES.map((s) => [s.year, s.source])).toEqual([
      [2024, 'official'],
      [2025, 'official'],
      [2026, 'official'],
      [2027, 'generated'],
    ]);
    for (const schedule of SHIPPED_SCHEDULES) {
      expect(holidayScheduleSchema.safeParse(schedule).success).toBe(true);
      const dates = schedule.entries.map((e) => e.date);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it.each(Object.entries(DAYS_OFF).flatMap(([, days]) => days))('%s is a day off', (date) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.holidayOn(date)?.kind).toBe('day_off');
  });

  it.each(Object.entries(MAKE_UP_SATURDAYS).flatMap(([, days]) => days))('Saturday %s is worked', (date) => {
    expect(weekday(date)).toBe(6);
    expect(calendar.isWorkingDay(date)).toBe(true);
    expect(calendar.holidayOn(date)?.kind).toBe('make_up_workday');
  });

  it.each([2024, 2025, 2026, 2027])('%i: the shipped data is exactly the announced days', (year) => {
    const schedule = [SCHEDULE_2024, SCHEDULE_2025, SCHEDULE_2026, SCHEDULE_2027].find(
      (s) => s.year === year,
    );
    const off = schedule?.entries.filter((e) => e.kind === 'day_off').map((e) => e.date);
    const makeUp = schedule?.entries.filter((e) => e.kind === 'make_up_workday').map((e) => e.date);
    expect(off).toEqual(DAYS_OFF[year]);
    expect(makeUp).toEqual(MAKE_UP_SATURDAYS[year]);
  });

  it.each([
    // the working days right around each break
    ['2024-02-07', true],
    ['2024-02-15', true],
    ['2024-04-26', true],
    ['2024-05-02', true],
    ['2025-01-24', true],
    ['2025-02-03', true],
    ['2025-04-29', true],
    ['2025-05-05', true],
    ['2025-05-03', false], // Saturday inside the break
    ['2026-01-05', true],
    ['2026-01-17', false], // an ordinary Saturday
    ['2026-02-13', true],
    ['2026-02-23', true],
    ['2026-04-28', true],
    ['2026-04-29', true],
    ['2026-05-04', true],
    ['2026-08-28', true],
    ['2026-09-03', true],
    ['2026-11-24', true], // 24/11 is announced, not law [check]: not a day off in the data
    ['2026-11-27', true],
    ['2026-11-28', false],
    ['2026-11-29', false],
  ])('%s working day: %s', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it('names days in Vietnamese', () => {
    expect(calendar.holidayOn('2026-02-17')?.name).toBe('Tết Nguyên đán');
    expect(calendar.holidayOn('2026-04-27')?.name).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(calendar.holidayOn('2026-09-02')?.name).toBe('Quốc khánh');
    expect(calendar.holidayOn('2026-01-10')?.name).toBe('Làm bù cho ngày 02/01/2026');
    expect(calendar.holidayOn('2026-03-02')).toBeUndefined();
  });
});

describe('generateSchedule (Labour Code 2019 art. 112, weekend → next working day)', () => {
  const offDays = (year: number): string[] =>
    generateSchedule(year)
      .entries.filter((e) => e.kind === 'day_off')
      .map((e) => e.date);

  it.each([
    [
      2027,
      [
        '2027-01-01',
        // Tết Sat 6 Feb: 5 Feb (29 Tết) … 9 Feb (mùng 4); Sat 6 and Sun 7 → Wed 10, Thu 11
        ...span('2027-02-05', '2027-02-11'),
        '2027-04-16',
        '2027-04-30',
        '2027-05-01', // Saturday → Monday 3 May
        '2027-05-03',
        '2027-09-02', // Thursday: + Friday 3/9
        '2027-09-03',
      ],
    ],
    [
      2028,
      [
        '2028-01-01', // Saturday → Monday 3 Jan
        '2028-01-03',
        // Tết Wed 26 Jan: Tue 25 … Sat 29 → Mon 31 Jan
        ...span('2028-01-25', '2028-01-29'),
        '2028-01-31',
        '2028-04-04',
        '2028-04-30', // Sunday; Monday 1/5 is a holiday itself → Tuesday 2 May
        '2028-05-01',
        '2028-05-02',
        '2028-09-01', // 2/9 Saturday: Friday 1/9 adjacent, 2/9 → Monday 4/9
        '2028-09-02',
        '2028-09-04',
      ],
    ],
    [
      2029,
      [
        '2029-01-01',
        // Tết Tue 13 Feb: Mon 12 … Fri 16
        ...span('2029-02-12', '2029-02-16'),
        '2029-04-23',
        '2029-04-30',
        '2029-05-01',
        '2029-09-02', // Sunday: Monday 3/9 adjacent, 2/9 → Tuesday 4/9
        '2029-09-03',
        '2029-09-04',
      ],
    ],
  ])('%i', (year, expected) => {
    expect(offDays(year)).toEqual(expected);
    expect(generateSchedule(year).source).toBe('generated');
    expect(generateSchedule(year).entries.every((e) => e.kind === 'day_off')).toBe(true);
  });

  it('gives every statutory holiday that falls on a weekend a substitute weekday', () => {
    for (let year = 2020; year <= 2040; year++) {
      const schedule = generateSchedule(year);
      const holidays = statutoryHolidays(year);
      const weekendHolidays = holidays.filter((h) => [0, 6].includes(weekday(h.date))).length;
      const substitutes = schedule.entries.filter((e) => e.name.startsWith('Nghỉ bù '));
      expect(substitutes).toHaveLength(weekendHolidays);
      expect(schedule.entries).toHaveLength(holidays.length + weekendHolidays);
      for (const s of substitutes) expect([1, 2, 3, 4, 5]).toContain(weekday(s.date));
      // 11 statutory days a year: 1/1, 5 Tết, Hùng Kings, 30/4, 1/5, 2/9 + 1.
      expect(holidays).toHaveLength(11);
    }
  });

  it.each([
    [2021, '2021-09-03'], // Thursday
    [2022, '2022-09-01'], // Friday
    [2023, '2023-09-01'], // Saturday
    [2024, '2024-09-03'], // Monday
    [2025, '2025-09-01'], // Tuesday
    [2026, '2026-09-01'], // Wednesday
    [2029, '2029-09-03'], // Sunday
  ])('2/9 %i: adjacent day %s, as the decisions chose', (year, expected) => {
    expect(nationalDayAdjacentDay(year)).toBe(expected);
  });

  it('matches the official 2026 days off on the holidays themselves', () => {
    const official = new Set(SCHEDULE_2026.entries.filter((e) => e.kind === 'day_off').map((e) => e.date));
    for (const h of statutoryHolidays(2026)) expect(official.has(h.date)).toBe(true);
  });
});

describe('schedules are editable data', () => {
  it('an admin schedule replaces the shipped one for its year and can add 24/11', () => {
    const withCultureDay = createWorkCalendar({
      schedules: [
        ...SHIPPED_SCHEDULES,
        {
          ...SCHEDULE_2026,
          entries: [
            ...SCHEDULE_2026.entries,
            { date: '2026-11-24', kind: 'day_off', name: 'Ngày Văn hóa Việt Nam' },
          ],
        },
      ],
    });
    expect(withCultureDay.isWorkingDay('2026-11-24')).toBe(false);
    expect(withCultureDay.isWorkingDay('2026-02-17')).toBe(false);
    expect(calendar.isWorkingDay('2026-11-24')).toBe(true);
  });

  it('a year without a schedule falls back to the generated one', () => {
    const bare = createWorkCalendar({ schedules: [] });
    expect(bare.scheduleFor(2026).source).toBe('generated');
    // The law alone gives 2 Jan 2026 as a working day; the official schedule swaps it.
    expect(bare.isWorkingDay('2026-01-02')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.scheduleFor(2030).source).toBe('generated');
  });

  it.each([
    ['a make-up day on a weekday', { date: '2026-03-03', kind: 'make_up_workday', name: 'x' }],
    ['a date of another year', { date: '2025-12-31', kind: 'day_off', name: 'x' }],
    ['a duplicate date', { date: '2026-01-01', kind: 'day_off', name: 'x' }],
    ['an impossible date', { date: '2026-02-30', kind: 'day_off', name: 'x' }],
    ['an empty name', { date: '2026-03-03', kind: 'day_off', name: '' }],
  ])('rejects %s', (_label, entry) => {
    const schedule = { ...SCHEDULE_2026, entries: [...SCHEDULE_2026.entries, entry] };
    expect(holidayScheduleSchema.safeParse(schedule).success).toBe(false);
    expect(() => createWorkCalendar({ schedules: [schedule as typeof SCHEDULE_2026] })).toThrow();
  });
});
