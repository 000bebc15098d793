import { describe, expect, it } from 'vitest';
import { formatDateTimeVn, formatDateVn, formatNumberVi, formatSequence, vietnamDate } from './format';
import { timingOf } from './timing';

describe('print formats', () => {
  it.each([
    ['2023-10-27T02:15:00Z', '09:15 27/10/2023'],
    // 17:30 UTC is already the next day in Vietnam; month and year roll over too.
    ['2023-12-31T17:30:00Z', '00:30 01/01/2024'],
    ['2024-02-28T20:00:00.000Z', '03:00 29/02/2024'],
    ['2023-10-27T09:15:00+07:00', '09:15 27/10/2023'],
    ['2023-10-27', '27/10/2023'],
    ['', ''],
    ['not a date', ''],
  ])('formatDateTimeVn(%s) = %s', (iso, text) => {
    expect(formatDateTimeVn(iso)).toBe(text);
  });

  it('formats dates and Vietnam calendar dates', () => {
    expect(formatDateVn('2023-12-31T17:30:00Z')).toBe('01/01/2024');
    expect(vietnamDate('2023-12-31T16:59:00Z')).toBe('2023-12-31');
    expect(vietnamDate('2023-12-31T17:00:00Z')).toBe('2024-01-01');
  });

  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1.000'],
    [1234567, '1.234.567'],
    [-1250000, '-1.250.000'],
    [1234.5, '1.234,5'],
  ])('formatNumberVi(%d) = %s', (n, text) => {
    expect(formatNumberVi(n)).toBe(text);
  });

  it('numbers register rows from 01', () => {
    expect([1, 9, 10, 123].map(formatSequence)).toEqual(['01', '09', '10', '123']);
  });

  it.each([
    ['2023-10-31T10:00:00Z', 'early'],
    // Same Vietnam day as the 16:30 appointment, even later in the evening.
    ['2023-11-01T01:00:00Z', 'on_time'],
    ['2023-11-01T16:59:00Z', 'on_time'],
    ['2023-11-01T17:00:00Z', 'late'],
  ] as const)('a hand-over at %s is %s against 16:30 01/11/2023', (at, timing) => {
    expect(timingOf(at, '2023-11-01T09:30:00Z')).toBe(timing);
  });

  it('has no timing without an appointment', () => {
    expect(timingOf('2023-11-01T01:00:00Z', '')).toBeNull();
  });
});
