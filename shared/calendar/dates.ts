/**
 * Plain local-date arithmetic on 'YYYY-MM-DD' strings. Dates are Vietnam calendar dates; a "day
 * number" is the Julian day number, so consecutive dates differ by exactly 1 (no time zones here).
 */
import { fromJulianDayNumber, julianDayNumber } from './lunar';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Julian day number of a 'YYYY-MM-DD' date; throws on malformed or impossible dates. */
export function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const jdn = julianDayNumber(year, month, day);
  const back = fromJulianDayNumber(jdn);
  if (back.year !== year || back.month !== month || back.day !== day) {
    throw new RangeError(`No such date: ${date}`);
  }
  return jdn;
}

/** 'YYYY-MM-DD' of a Julian day number. */
export function dateOfDayNumber(jdn: number): string {
  const { year, month, day } = fromJulianDayNumber(jdn);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return (dayNumber(date) + 1) % 7;
}

export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

export function yearOf(date: string): number {
  dayNumber(date);
  return Number(date.slice(0, 4));
}

/** 'YYYY-MM-DD' from numbers. */
export function isoDate(year: number, month: number, day: number): string {
  return dateOfDayNumber(julianDayNumber(year, month, day));
}
