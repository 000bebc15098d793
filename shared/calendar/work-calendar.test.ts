import { describe, expect, it } from 'vitest';
import type { LegalTime } from '../domain/procedure';
import { addDays } from './dates';
import { createWorkCalendar, formatDateVi, formatVi, localToIso, toLocalDate, toLocalTime } from './index';

const cal = createWorkCalendar();
/** Vietnam local 'YYYY-MM-DD HH:mm' → ISO instant. */
const at = (local: string): string => localToIso(local.slice(0, 10), local.slice(11, 16));
/** ISO instant → Vietnam local 'YYYY-MM-DD HH:mm'. */
const local = (iso: string): string => `${toLocalDate(iso)} ${toLocalTime(iso)}`;

const days = (value: number): LegalTime => ({ unit: 'working_days', value });
const hours = (value: number): LegalTime => ({ unit: 'working_hours', value });
const calendarDays = (value: number): LegalTime => ({ unit: 'calendar_days', value });
const immediate: LegalTime = { unit: 'immediate' };

// 2026-03-02 is a Monday with no holiday around it.
describe('local time', () => {
  it.each([
    ['2026-03-02T02:15:00.000Z', '2026-03-02', '09:15', '09:15 02/03/2026'],
    ['2026-03-01T17:00:00.000Z', '2026-03-02', '00:00', '00:00 02/03/2026'],
    ['2026-03-01T16:59:59.999Z', '2026-03-01', '23:59', '23:59 01/03/2026'],
    ['2026-03-02T09:30:00+07:00', '2026-03-02', '09:30', '09:30 02/03/2026'],
    ['2025-12-31T17:00:00Z', '2026-01-01', '00:00', '00:00 01/01/2026'],
  ])('%s is %s %s in Vietnam', (iso, date, time, vi) => {
    expect(toLocalDate(iso)).toBe(date);
    expect(toLocalTime(iso)).toBe(time);
    expect(formatVi(iso)).toBe(vi);
  });

  it('builds UTC instants from Vietnam local time', () => {
    expect(localToIso('2026-03-02', '09:15')).toBe('2026-03-02T02:15:00.000Z');
    expect(localToIso('2026-03-02')).toBe('2026-03-01T17:00:00.000Z');
    expect(formatDateVi('2026-04-27')).toBe('27/04/2026');
  });

  it.each(['2026-03-02', 'yesterday', '', '2026-13-01T00:00:00Z'])('refuses %j as an instant', (bad) => {
    expect(() => toLocalDate(bad)).toThrow(RangeError);
    expect(() => cal.effectiveStart(bad)).toThrow(RangeError);
  });
  it.each([
    ['2026-03-02', '7:00'],
    ['2026-03-02', '24:00'],
    ['2026-02-29', '07:00'],
  ])('refuses %s %s', (d, t) => {
    expect(() => localToIso(d, t)).toThrow(RangeError);
  });
});

describe('working days', () => {
  it.each([
    ['2026-02-13', '2026-02-23'], // over Tết
    ['2026-01-09', '2026-01-10'], // make-up Saturday
    ['2026-04-24', '2026-04-28'], // over the weekend and Hùng Kings observed on Monday
    ['2026-04-29', '2026-05-04'],
    ['2026-08-28', '2026-09-03'],
    ['2026-12-31', '2027-01-04'], // into a generated year: 1 Jan 2027 is a Friday holiday
  ])('next working day after %s is %s', (date, next) => {
    expect(cal.nextWorkingDay(date)).toBe(next);
    expect(cal.previousWorkingDay(next)).toBe(date);
  });

  it.each([
    ['2026-01-08', 3, '2026-01-12'], // Fri 9, Sat 10 (worked), Mon 12
    ['2026-02-12', 2, '2026-02-23'],
    ['2026-03-02', 0, '2026-03-02'],
    ['2026-03-02', 5, '2026-03-09'],
    ['2026-02-23', -1, '2026-02-13'],
    ['2026-03-09', -5, '2026-03-02'],
  ])('%s + %i working days = %s', (date, n, expected) => {
    expect(cal.addWorkingDays(date, n)).toBe(expected);
    expect(cal.workingDaysBetween(date, expected)).toBe(n);
  });

  it('counts working days in a range and a year', () => {
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    expect(cal.workingDaysBetween('2026-01-31', '2026-02-28')).toBe(15); // 20 weekdays − 5 Tết days
    expect(cal.workingDaysBetween('2026-02-28', '2026-01-31')).toBe(-15);
    // 2026: 261 weekdays − 13 weekday days off + 2 make-up Saturdays
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(250);
  });
});

describe('effectiveStart: when the clock starts', () => {
  it.each([
    ['during the morning', '2026-03-02 09:15', '2026-03-02 09:15'],
    ['before opening', '2026-03-02 06:30', '2026-03-02 07:00'],
    ['at opening', '2026-03-02 07:00', '2026-03-02 07:00'],
    ['at lunch start', '2026-03-02 11:30', '2026-03-02 13:30'],
    ['during lunch', '2026-03-02 12:10', '2026-03-02 13:30'],
    ['after lunch', '2026-03-02 13:30', '2026-03-02 13:30'],
    ['just before closing', '2026-03-02 16:59', '2026-03-02 16:59'],
    ['at closing', '2026-03-02 17:00', '2026-03-03 07:00'],
    ['in the evening', '2026-03-02 21:00', '2026-03-03 07:00'],
    ['Friday evening', '2026-03-06 17:30', '2026-03-09 07:00'],
    ['on Saturday', '2026-03-07 09:00', '2026-03-09 07:00'],
    ['on Sunday', '2026-03-08 15:00', '2026-03-09 07:00'],
    ['on a holiday (Hùng Kings observed)', '2026-04-27 09:00', '2026-04-28 07:00'],
    ['the evening before Tết', '2026-02-13 17:05', '2026-02-23 07:00'],
    ['during Tết', '2026-02-17 10:00', '2026-02-23 07:00'],
    ['on a make-up Saturday', '2026-01-10 08:00', '2026-01-10 08:00'],
    ['before the 30/4 break', '2026-04-29 18:00', '2026-05-04 07:00'],
  ])('received %s (%s) counts from %s', (_label, received, expected) => {
    expect(local(cal.effectiveStart(at(received)))).toBe(expected);
  });

  it('keeps seconds and answers in UTC', () => {
    expect(cal.effectiveStart('2026-03-02T02:15:30.000Z')).toBe('2026-03-02T02:15:30.000Z');
    expect(cal.effectiveStart('2026-03-02T11:00:00.000Z')).toBe('2026-03-03T00:00:00.000Z');
  });

  it.each([
    ['2026-03-02 09:00', true],
    ['2026-03-02 11:30', false],
    ['2026-03-02 17:00', false],
    ['2026-03-07 09:00', false],
    ['2026-01-10 09:00', true],
  ])('isWorkingTime(%s) = %s', (t, expected) => {
    expect(cal.isWorkingTime(at(t))).toBe(expected);
  });
});

describe('transferDay: paper dossiers after 15:00 go the next working day', () => {
  it.each([
    ['2026-03-02 06:00', '2026-03-02'],
    ['2026-03-02 14:59', '2026-03-02'],
    ['2026-03-02 15:00', '2026-03-02'],
    ['2026-03-02 15:01', '2026-03-03'],
    ['2026-03-02 17:30', '2026-03-03'],
    ['2026-03-06 15:30', '2026-03-09'],
    ['2026-02-13 15:30', '2026-02-23'],
    ['2026-03-07 10:00', '2026-03-09'],
    ['2026-01-10 10:00', '2026-01-10'],
    ['2026-04-27 10:00', '2026-04-28'],
  ])('received %s → agency on %s', (received, expected) => {
    expect(cal.transferDay(at(received))).toBe(expected);
  });

  it('takes the cutoff from the rule set', () => {
    expect(cal.transferDay(at('2026-03-02 15:30'), '16:00')).toBe('2026-03-02');
    expect(cal.transferDay(at('2026-03-02 16:30'), '16:00')).toBe('2026-03-03');
  });
});

describe('computeDueAt', () => {
  it.each([
    // working days = 8 working hours each, counted over working periods
    ['Mon 09:00 + 3 working days', '2026-03-02 09:00', days(3), '2026-03-05 09:00'],
    ['Mon 07:00 + 1 working day ends at closing', '2026-03-02 07:00', days(1), '2026-03-02 17:00'],
    ['Mon 07:00 + 3 working days', '2026-03-02 07:00', days(3), '2026-03-04 17:00'],
    ['lunch receipt ends exactly at 11:30', '2026-03-02 12:00', days(1), '2026-03-03 11:30'],
    ['after closing', '2026-03-02 17:30', days(1), '2026-03-03 17:00'],
    ['Saturday receipt', '2026-03-07 10:00', days(2), '2026-03-10 17:00'],
    ['across Tết 2026', '2026-02-13 10:00', days(3), '2026-02-25 10:00'],
    ['into Tết 2026', '2026-02-12 09:00', days(2), '2026-02-23 09:00'],
    ['across 30/4–1/5', '2026-04-29 14:00', days(1), '2026-05-04 14:00'],
    ['counts the make-up Saturday', '2026-08-17 08:00', days(15), '2026-09-09 08:00'],
    ['make-up Saturday 10 Jan', '2026-01-09 09:00', days(1), '2026-01-10 09:00'],
    // working hours
    ['4 working hours over lunch', '2026-03-02 10:00', hours(4), '2026-03-02 16:00'],
    ['2 working hours over the night', '2026-03-02 16:00', hours(2), '2026-03-03 08:00'],
    ['1 working hour over the weekend', '2026-03-06 16:30', hours(1), '2026-03-09 07:30'],
    ['8 working hours = 1 working day', '2026-03-02 09:00', hours(8), '2026-03-03 09:00'],
    // calendar days
    ['15 calendar days', '2026-03-02 09:00', calendarDays(15), '2026-03-17 09:00'],
    ['ending on Tết moves after it', '2026-02-02 09:00', calendarDays(15), '2026-02-23 07:00'],
    ['ending on Saturday moves to Monday', '2026-03-04 10:00', calendarDays(3), '2026-03-09 07:00'],
    ['from a Saturday receipt', '2026-03-07 09:00', calendarDays(2), '2026-03-11 07:00'],
    ['ending on Hùng Kings observed', '2026-04-20 09:00', calendarDays(7), '2026-04-28 07:00'],
    // immediate: the end of the working period in which the clock starts
    ['immediate in the morning', '2026-03-02 09:00', immediate, '2026-03-02 11:30'],
    ['immediate at lunch', '2026-03-02 12:00', immediate, '2026-03-02 17:00'],
    ['immediate after closing', '2026-03-02 18:00', immediate, '2026-03-03 11:30'],
    ['immediate on Saturday', '2026-03-07 08:00', immediate, '2026-03-09 11:30'],
  ])('%s', (_label, start, legalTime, expected) => {
    expect(local(cal.computeDueAt(at(start), legalTime))).toBe(expected);
  });

  it('never puts a due date on a day off or outside hours (every half hour of Feb–May 2026)', () => {
    const legalTimes: LegalTime[] = [
      days(1),
      days(2),
      days(3),
      days(5),
      hours(4),
      calendarDays(1),
      calendarDays(3),
      calendarDays(7),
      immediate,
    ];
    let checked = 0;
    const problems: string[] = [];
    for (let date = '2026-02-01'; date <= '2026-05-10'; date = addDays(date, 1)) {
      for (let minute = 0; minute < 24 * 60; minute += 30) {
        const start = localToIso(
          date,
          `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
        );
        let previousDue = '';
        for (const legalTime of legalTimes) {
          const due = cal.computeDueAt(start, legalTime);
          const time = toLocalTime(due);
          const inHours = (time >= '07:00' && time <= '11:30') || (time >= '13:30' && time <= '17:00');
          const what = `${local(start)} ${JSON.stringify(legalTime)} → ${local(due)}`;
          if (!cal.isWorkingDay(toLocalDate(due))) problems.push(`day off: ${what}`);
          if (!inHours) problems.push(`outside hours: ${what}`);
          if (due <= start) problems.push(`not after the start: ${what}`);
          if (legalTime.unit === 'working_days') {
            // a longer legal time never gives an earlier appointment
            if (due < previousDue) problems.push(`earlier than a shorter time: ${what}`);
            previousDue = due;
          }
          checked++;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(20_000);
  });

  it('working days are exactly 8 working hours', () => {
    for (let minute = 0; minute < 24 * 60; minute += 15) {
      const start = new Date(Date.parse(at('2026-02-12 00:00')) + minute * 60_000).toISOString();
      expect(cal.computeDueAt(start, days(2))).toBe(cal.computeDueAt(start, hours(16)));
      expect(cal.addWorkingMinutes(start, 2 * 480)).toBe(cal.computeDueAt(start, days(2)));
    }
  });
});

describe('supplement rule', () => {
  it('restarts the legal time from zero when the complete dossier arrives', () => {
    const receivedAt = at('2026-03-02 09:00');
    const firstDue = cal.computeDueAt(receivedAt, days(3));
    expect(local(firstDue)).toBe('2026-03-05 09:00');
    const completedAt = at('2026-03-04 14:00');
    const restarted = cal.restartClock(completedAt, days(3));
    expect(restarted.clockStartAt).toBe(completedAt);
    // three full working days again, not the remainder of the first three
    expect(local(restarted.dueAt)).toBe('2026-03-09 14:00');
    expect(restarted.dueAt > firstDue).toBe(true);
  });

  it.each([
    ['after closing', '2026-03-04 18:00', days(3), '2026-03-09 17:00'],
    ['before Tết', '2026-02-13 16:00', days(2), '2026-02-24 16:00'],
    ['calendar days', '2026-03-02 10:00', calendarDays(15), '2026-03-17 10:00'],
  ])('completed %s', (_label, completed, legalTime, expected) => {
    expect(local(cal.restartClock(at(completed), legalTime).dueAt)).toBe(expected);
  });

  it.each([
    ['2026-03-02 09:00', 3, '2026-03-05 09:00'],
    ['2026-03-02 17:30', 3, '2026-03-05 17:00'],
    ['2026-02-13 10:00', 3, '2026-02-25 10:00'],
    ['2026-03-02 09:00', 2, '2026-03-04 09:00'],
  ])(
    'a supplement for a dossier received %s may be asked within %i working days: until %s',
    (r, n, expected) => {
      expect(local(cal.supplementRequestDeadline(at(r), n))).toBe(expected);
    },
  );
  it('defaults to 3 working days', () => {
    expect(local(cal.supplementRequestDeadline(at('2026-03-02 09:00')))).toBe('2026-03-05 09:00');
  });
});

describe('apology letter (form 04): at least 1 working day before the due date', () => {
  it.each([
    ['2026-03-05 09:00', 1, '2026-03-04'],
    ['2026-03-02 09:00', 1, '2026-02-27'],
    ['2026-02-23 09:00', 1, '2026-02-13'], // due right after Tết
    ['2026-05-04 10:00', 1, '2026-04-29'],
    ['2026-01-12 10:00', 1, '2026-01-10'], // the make-up Saturday is a working day
    ['2026-03-05 09:00', 2, '2026-03-03'],
  ])('due %s, lead %i → send by %s', (due, lead, expected) => {
    expect(cal.apologyDeadline(at(due), lead)).toBe(expected);
  });
  it('defaults to 1 working day and refuses less', () => {
    expect(cal.apologyDeadline(at('2026-03-05 09:00'))).toBe('2026-03-04');
    expect(() => cal.apologyDeadline(at('2026-03-05 09:00'), 0)).toThrow(RangeError);
  });
});

describe('classifyReturn compares local dates', () => {
  const due = at('2026-03-05 09:00');
  it.each([
    ['the day before', at('2026-03-04 16:00'), 'early'],
    ['the same day, earlier', at('2026-03-05 07:30'), 'on_time'],
    ['the same day, later hour', at('2026-03-05 16:45'), 'on_time'],
    ['the next day', at('2026-03-06 07:10'), 'late'],
    ['00:30 the next day (still 5 March in UTC)', '2026-03-05T17:30:00.000Z', 'late'],
    ['01:00 on the day (still 4 March in UTC)', '2026-03-04T18:00:00.000Z', 'on_time'],
    ['a week early', at('2026-02-26 10:00'), 'early'],
  ])('returned %s → %s', (_label, returnedAt, expected) => {
    expect(cal.classifyReturn(returnedAt, due)).toBe(expected);
  });
});

describe('configurable working periods', () => {
  it('uses the configured hours and day length', () => {
    const oneShift = createWorkCalendar({ workingPeriods: [{ start: '08:00', end: '16:00' }] });
    expect(oneShift.workingMinutesPerDay).toBe(480);
    expect(local(oneShift.computeDueAt(at('2026-03-02 09:00'), days(1)))).toBe('2026-03-03 09:00');
    expect(local(oneShift.effectiveStart(at('2026-03-02 12:00')))).toBe('2026-03-02 12:00');
    expect(local(oneShift.effectiveStart(at('2026-03-02 16:00')))).toBe('2026-03-03 08:00');
    const short = createWorkCalendar({ workingPeriods: [{ start: '08:00', end: '12:00' }] });
    expect(short.workingMinutesPerDay).toBe(240);
    expect(local(short.computeDueAt(at('2026-03-02 08:00'), days(2)))).toBe('2026-03-03 12:00');
    expect(cal.workingMinutesPerDay).toBe(480);
  });

  it.each([
    [[]],
    [[{ start: '11:00', end: '09:00' }]],
    [
      [
        { start: '07:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ],
    ],
    [[{ start: '7h', end: '11:30' }]],
  ])('refuses %j', (periods) => {
    expect(() => createWorkCalendar({ workingPeriods: periods })).toThrow(RangeError);
  });
});
