/**
 * Vietnamese lunisolar calendar, computed for Vietnam time (UTC+07:00).
 *
 * Classic astronomical method: a lunar month starts on the local day of a new moon; month 11 is the
 * month containing the winter solstice; a lunar year with 13 months (two solstices 13 new moons
 * apart) makes leap the first month after month 11 that contains no major solar term. Computing
 * in UTC+7 (not China's UTC+8) is what makes Vietnam's Tết differ from China's in some years
 * (1985, 2007). New-moon and sun-longitude formulas after J. Meeus, "Astronomical Algorithms"
 * (the precision, well under an hour for these centuries, is what the calendar itself uses).
 */

/** Vietnam has used UTC+7 since 1975 and observes no daylight saving time. */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True for the repeated (leap, "nhuận") month of a 13-month year. */
  leap: boolean;
}

const DEG = Math.PI / 180;
/** Julian day number of the new moon of 1900-01-01, the origin of the lunation count k. */
const NEW_MOON_EPOCH = 2415021.076998695;
const SYNODIC_MONTH = 29.530588853;

/** Julian day number (an integer, noon-based) of a Gregorian date. */
export function julianDayNumber(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** Gregorian date of a Julian day number. */
export function fromJulianDayNumber(jdn: number): { year: number; month: number; day: number } {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** Julian date (UT) of the k-th new moon after 1900-01-01 (Meeus ch. 49, truncated series). */
function newMoonJulianDate(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  const jde = mean + 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * DEG;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * DEG;
  const latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * DEG;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * latitude) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * latitude + sunAnomaly) -
    0.0004 * Math.sin(2 * latitude - sunAnomaly) -
    0.0006 * Math.sin(2 * latitude + moonAnomaly) +
    0.001 * Math.sin(2 * latitude - moonAnomaly) +
    0.0005 * Math.sin(2 * moonAnomaly + sunAnomaly);
  // ΔT (TT − UT) in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jde + correction - deltaT;
}

/** Apparent longitude of the sun in radians [0, 2π) at Julian date jd (UT). */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const anomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * DEG;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) +
    0.00029 * Math.sin(3 * anomaly);
  const longitude = (meanLongitude + centre) * DEG;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** Local (UTC+offset) day number of the k-th new moon. */
function newMoonDay(k: number, offsetHours: number): number {
  return Math.floor(newMoonJulianDate(k) + 0.5 + offsetHours / 24);
}

/** Index 0..11 of the 30° sector the sun is in at the start of local day jdn (major terms). */
function sunSector(jdn: number, offsetHours: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - offsetHours / 24) / Math.PI) * 6);
}

/** Day number of the first day of lunar month 11 (the winter-solstice month) of Gregorian year. */
function lunarMonth11Start(year: number, offsetHours: number): number {
  const k = Math.floor((julianDayNumber(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k, offsetHours);
  // A new moon after the sun reaches 270° (sector ≥ 9) starts month 12: step back one month.
  return sunSector(start, offsetHours) >= 9 ? newMoonDay(k - 1, offsetHours) : start;
}

/** In a 13-month year starting at month 11 (day a11), offset of the leap month from month 11. */
function leapMonthOffset(a11: number, offsetHours: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i, offsetHours), offsetHours);
  let previous: number;
  // The first month in which the sun stays in one sector (no major term) is the leap month.
  do {
    previous = sector;
    i++;
    sector = sunSector(newMoonDay(k + i, offsetHours), offsetHours);
  } while (sector !== previous && i < 14);
  return i - 1;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const back = fromJulianDayNumber(julianDayNumber(year, month, day));
  if (back.year !== year || back.month !== month || back.day !== day) {
    throw new RangeError(`No such date: ${date}`);
  }
  return { year, month, day };
}

function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Supported range: the formulas are good for centuries; keep well inside them. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Year outside the supported lunar range ${MIN_YEAR}–${MAX_YEAR}: ${year}`);
  }
}

/** Lunar date of a solar date 'YYYY-MM-DD' (Vietnam time). */
export function solarToLunar(date: string, offsetHours = VIETNAM_UTC_OFFSET_HOURS): LunarDate {
  const { year, month, day } = parseIsoDate(date);
  checkYear(year);
  const dayNumber = julianDayNumber(year, month, day);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, offsetHours);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, offsetHours);
  let a11 = lunarMonth11Start(year, offsetHours);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11Start(year - 1, offsetHours);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11Start(year + 1, offsetHours);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, offsetHours);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month: lunarMonth, day: lunarDay, leap };
}

/** Day number of the first day of a lunar month, or null when that (leap) month does not exist. */
function lunarMonthStart(
  lunarYear: number,
  lunarMonth: number,
  leap: boolean,
  offsetHours: number,
): number | null {
  const a11 =
    lunarMonth < 11
      ? lunarMonth11Start(lunarYear - 1, offsetHours)
      : lunarMonth11Start(lunarYear, offsetHours);
  const b11 =
    lunarMonth < 11
      ? lunarMonth11Start(lunarYear, offsetHours)
      : lunarMonth11Start(lunarYear + 1, offsetHours);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = lunarMonth - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, offsetHours);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && lunarMonth !== leapMonth) return null;
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    return null;
  }
  return newMoonDay(k + offset, offsetHours);
}

/** Number of days (29 or 30) of a lunar month; throws if the (leap) month does not exist. */
export function lunarMonthLength(
  lunarYear: number,
  lunarMonth: number,
  leap = false,
  offsetHours = VIETNAM_UTC_OFFSET_HOURS,
): number {
  checkYear(lunarYear);
  const start = lunarMonthStart(lunarYear, lunarMonth, leap, offsetHours);
  if (start === null) throw new RangeError(`Lunar year ${lunarYear} has no leap month ${lunarMonth}`);
  const k = Math.floor((start - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  // The next new moon after this month's start.
  for (let next = k; next <= k + 2; next++) {
    const day = newMoonDay(next, offsetHours);
    if (day > start) return day - start;
  }
  throw new Error('unreachable: no next new moon');
}

/** Solar date 'YYYY-MM-DD' of a lunar date; throws for a day or leap month that does not exist. */
export function lunarToSolar(
  lunarYear: number,
  lunarMonth: number,
  lunarDay: number,
  leap = false,
  offsetHours = VIETNAM_UTC_OFFSET_HOURS,
): string {
  checkYear(lunarYear);
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new RangeError(`Lunar month must be 1–12: ${lunarMonth}`);
  }
  const length = lunarMonthLength(lunarYear, lunarMonth, leap, offsetHours);
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > length) {
    throw new RangeError(`Lunar month ${lunarMonth}/${lunarYear} has ${length} days, not ${lunarDay}`);
  }
  const start = lunarMonthStart(lunarYear, lunarMonth, leap, offsetHours);
  if (start === null) throw new RangeError(`Lunar year ${lunarYear} has no leap month ${lunarMonth}`);
  const { year, month, day } = fromJulianDayNumber(start + lunarDay - 1);
  return formatIsoDate(year, month, day);
}

/** The leap month (1–12) of a lunar year, or null when the year has twelve months. */
export function leapMonthOf(lunarYear: number, offsetHours = VIETNAM_UTC_OFFSET_HOURS): number | null {
  checkYear(lunarYear);
  for (let month = 1; month <= 12; month++) {
    if (lunarMonthStart(lunarYear, month, true, offsetHours) !== null) return month;
  }
  return null;
}

/** Tết Nguyên đán: 1st day of the 1st lunar month of the lunar year starting in solar `year`. */
export function tetDate(year: number): string {
  return lunarToSolar(year, 1, 1);
}

/** Giỗ Tổ Hùng Vương: 10th day of the 3rd lunar month. */
export function hungKingsDate(year: number): string {
  return lunarToSolar(year, 3, 10);
}
