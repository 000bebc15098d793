/**
 * Working-day calendar of a one-stop counter: working days (Mon–Fri minus holidays plus make-up
 * Saturdays), working hours, and the deadlines derived from them.
 *
 * Instants are ISO strings (we output UTC `…Z`); dates are Vietnam calendar dates 'YYYY-MM-DD'.
 * Vietnam is UTC+07:00 all year (no DST), so local time is plain arithmetic: no time-zone database
 * and the same result on every machine, whatever its own zone.
 */
import type { LegalTime } from '../domain/procedure';
import { dateOfDayNumber, dayNumber, weekday } from './dates';
import { generateSchedule, holidayScheduleSchema, type HolidayEntry, type HolidaySchedule } from './holidays';
import { SHIPPED_SCHEDULES } from './schedules';

const MINUTE = 60_000;
const DAY = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 60 * MINUTE;
/** Julian day number of 1970-01-01: converts between epoch days and our day numbers. */
const EPOCH_JDN = 2440588;

export interface WorkingPeriod {
  /** 'HH:mm' local time. */
  start: string;
  end: string;
}

/** Practice in one-stop centres: 07:00–11:30 and 13:30–17:00, i.e. 8 hours [practice, configurable]. */
export const DEFAULT_WORKING_PERIODS: readonly WorkingPeriod[] = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

export type ReturnTiming = 'early' | 'on_time' | 'late';

export interface WorkCalendarOptions {
  /** Holiday schedules by year (editable data). Defaults to the shipped ones. */
  schedules?: readonly HolidaySchedule[];
  workingPeriods?: readonly WorkingPeriod[];
}

export interface WorkCalendar {
  readonly workingPeriods: readonly WorkingPeriod[];
  /** Length of a working day in minutes (the sum of the working periods; 480 by default). */
  readonly workingMinutesPerDay: number;
  /** The schedule in force for a year: the given one, or generateSchedule(year). */
  scheduleFor(year: number): HolidaySchedule;
  /** The holiday entry of a date (day off or make-up workday), if any. */
  holidayOn(date: string): HolidayEntry | undefined;
  isWorkingDay(date: string): boolean;
  /** First working day strictly after `date`. */
  nextWorkingDay(date: string): string;
  /** Last working day strictly before `date`. */
  previousWorkingDay(date: string): string;
  /** The n-th working day after `date` (n < 0: before it; n = 0: `date` itself). */
  addWorkingDays(date: string, n: number): string;
  /** Working days d with a < d ≤ b (negative when b < a): addWorkingDays(a, n) = b ⇒ n. */
  workingDaysBetween(a: string, b: string): number;
  /** True during a working period of a working day (start inclusive, end exclusive). */
  isWorkingTime(iso: string): boolean;
  /** When the clock really starts for something received at `receivedAtIso`. */
  effectiveStart(receivedAtIso: string): string;
  /** Date a paper dossier moves to the deciding agency (after the cutoff: next working day). */
  transferDay(receivedAtIso: string, cutoff?: string): string;
  /** Adds working time (minutes counted only inside working periods) from the effective start. */
  addWorkingMinutes(startIso: string, minutes: number): string;
  /** Appointment for a legal processing time whose clock starts at `clockStartIso`. */
  computeDueAt(clockStartIso: string, legalTime: LegalTime): string;
  /** Supplement completed: the legal time restarts from zero at that moment. */
  restartClock(
    supplementCompletedAtIso: string,
    legalTime: LegalTime,
  ): { clockStartAt: string; dueAt: string };
  /** Last instant appraisal may still ask for a supplement (N working days after receipt). */
  supplementRequestDeadline(receivedAtIso: string, workingDays?: number): string;
  /** Last working day (date) on which the apology letter (form 04) may be sent. */
  apologyDeadline(dueAtIso: string, leadWorkingDays?: number): string;
  /** Early / on time / late by comparing local dates of return and appointment. */
  classifyReturn(returnedAtIso: string, dueAtIso: string): ReturnTiming;
}

// ---------------------------------------------------------------------------------------------
// Local time conversions (module-level: they do not depend on holidays or hours)

/** Milliseconds since the epoch in Vietnam local time ("local ms"). */
function localMs(iso: string): number {
  const utc = Date.parse(iso);
  // Only full instants: a bare date would be read as UTC midnight and silently shift by 7 hours.
  if (Number.isNaN(utc) || !/T\d{2}:\d{2}/.test(iso)) throw new RangeError(`Not an ISO instant: ${iso}`);
  return utc + VIETNAM_OFFSET_MS;
}

function isoOfLocalMs(local: number): string {
  return new Date(local - VIETNAM_OFFSET_MS).toISOString();
}

function dateOfLocalMs(local: number): string {
  return dateOfDayNumber(Math.floor(local / DAY) + EPOCH_JDN);
}

function localMsOfDate(date: string): number {
  return (dayNumber(date) - EPOCH_JDN) * DAY;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:mm' → milliseconds since local midnight. */
function timeOfDayMs(time: string): number {
  const match = TIME.exec(time);
  if (!match) throw new RangeError(`Not an HH:mm time: ${time}`);
  return (Number(match[1]) * 60 + Number(match[2])) * MINUTE;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Vietnam local date 'YYYY-MM-DD' of an instant. */
export function toLocalDate(iso: string): string {
  return dateOfLocalMs(localMs(iso));
}

/** Vietnam local time 'HH:mm' of an instant. */
export function toLocalTime(iso: string): string {
  const ofDay = localMs(iso) - Math.floor(localMs(iso) / DAY) * DAY;
  return `${pad2(Math.floor(ofDay / (60 * MINUTE)))}:${pad2(Math.floor(ofDay / MINUTE) % 60)}`;
}

/** The UTC ISO instant of a Vietnam local date and time ('HH:mm', default midnight). */
export function localToIso(date: string, time = '00:00'): string {
  return isoOfLocalMs(localMsOfDate(date) + timeOfDayMs(time));
}

/** 'dd/mm/yyyy' of a 'YYYY-MM-DD' date. */
export function formatDateVi(date: string): string {
  dayNumber(date);
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** 'hh:mm dd/mm/yyyy' (24-hour) in Vietnam time, as printed on receipts and control sheets. */
export function formatVi(iso: string): string {
  return `${toLocalTime(iso)} ${formatDateVi(toLocalDate(iso))}`;
}

// ---------------------------------------------------------------------------------------------

interface Period {
  start: number;
  end: number;
}

function parsePeriods(periods: readonly WorkingPeriod[]): Period[] {
  if (periods.length === 0) throw new RangeError('At least one working period is needed');
  const parsed = periods.map((p) => ({ start: timeOfDayMs(p.start), end: timeOfDayMs(p.end) }));
  parsed.forEach((p, i) => {
    const previous = parsed[i - 1];
    if (p.end <= p.start)
      throw new RangeError(`Working period ends before it starts: ${JSON.stringify(periods[i])}`);
    if (previous && p.start < previous.end)
      throw new RangeError('Working periods must be in order and not overlap');
  });
  return parsed;
}

/** Safety net: no configuration may leave two years without a working day. */
const MAX_SCAN_DAYS = 800;

/**
 * What the deadline helpers below need of a calendar: its parsed working periods and its
 * working-day test (memoised per calendar, since schedules are fixed once it is created).
 */
interface CalendarCore {
  periods: readonly Period[];
  firstPeriod: Period;
  workingMsPerDay: number;
  isWorkingJdn(jdn: number): boolean;
}

/** Working-day test by Julian day number: a holiday entry decides, else Monday to Friday. */
function workingDayTest(holidayOn: (date: string) => HolidayEntry | undefined): (jdn: number) => boolean {
  // Deadlines walk day by day: memoise per Julian day number.
  const workingByJdn = new Map<number, boolean>();
  return (jdn) => {
    let working = workingByJdn.get(jdn);
    if (working === undefined) {
      const date = dateOfDayNumber(jdn);
      const entry = holidayOn(date);
      const day = weekday(date);
      working = entry ? entry.kind === 'make_up_workday' : day !== 0 && day !== 6;
      workingByJdn.set(jdn, working);
    }
    return working;
  };
}

/** The nearest working day strictly after (1) or before (-1) `date`. */
function step(core: CalendarCore, date: string, direction: 1 | -1): string {
  let jdn = dayNumber(date);
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    jdn += direction;
    if (core.isWorkingJdn(jdn)) return dateOfDayNumber(jdn);
  }
  throw new Error(`No working day within ${MAX_SCAN_DAYS} days of ${date}: check the holiday schedules`);
}

function addWorkingDaysWith(core: CalendarCore, date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be an integer: ${n}`);
  let current = date;
  dayNumber(date);
  for (let i = 0; i < Math.abs(n); i++) current = step(core, current, n > 0 ? 1 : -1);
  return current;
}

function workingDaysBetweenWith(core: CalendarCore, a: string, b: string): number {
  const from = dayNumber(a);
  const to = dayNumber(b);
  const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let jdn = low + 1; jdn <= high; jdn++) if (core.isWorkingJdn(jdn)) count++;
  return sign * count;
}

/** Local ms → the same instant if inside a working period, else the next period start. */
function effectiveStartMs(core: CalendarCore, local: number): number {
  const day = Math.floor(local / DAY);
  if (core.isWorkingJdn(day + EPOCH_JDN)) {
    const ofDay = local - day * DAY;
    for (const p of core.periods) {
      if (ofDay < p.start) return day * DAY + p.start;
      if (ofDay < p.end) return local;
    }
  }
  return localMsOfDate(step(core, dateOfLocalMs(local), 1)) + core.firstPeriod.start;
}

/** The working period (as local ms bounds) containing an effective start. */
function periodAt(core: CalendarCore, local: number): Period {
  const day = Math.floor(local / DAY);
  const ofDay = local - day * DAY;
  const p = core.periods.find((q) => ofDay >= q.start && ofDay < q.end);
  if (!p) throw new Error('unreachable: effective start outside working periods');
  return { start: day * DAY + p.start, end: day * DAY + p.end };
}

/** Adds working time from an effective start; an end exactly at a period end stays there. */
function addWorkingMs(core: CalendarCore, start: number, duration: number): number {
  let remaining = duration;
  let day = Math.floor(start / DAY);
  let ofDay = start - day * DAY;
  for (let i = 0; i < MAX_SCAN_DAYS * 2; i++) {
    if (core.isWorkingJdn(day + EPOCH_JDN)) {
      for (const p of core.periods) {
        if (ofDay >= p.end) continue;
        const from = Math.max(ofDay, p.start);
        const available = p.end - from;
        if (remaining <= available) return day * DAY + from + remaining;
        remaining -= available;
        ofDay = p.end;
      }
    }
    day++;
    ofDay = 0;
  }
  throw new Error('Working time runs past the supported range: check the holiday schedules');
}

/**
 * Inside working hours of a working day. Start inclusive; the end is inclusive only when asked
 * (an appointment may be 17:00 sharp, but 17:00 is no longer working time).
 */
function isWorkingLocalMs(core: CalendarCore, local: number, endInclusive: boolean): boolean {
  const day = Math.floor(local / DAY);
  if (!core.isWorkingJdn(day + EPOCH_JDN)) return false;
  const ofDay = local - day * DAY;
  return core.periods.some((p) => ofDay >= p.start && (endInclusive ? ofDay <= p.end : ofDay < p.end));
}

function transferDayWith(core: CalendarCore, receivedAtIso: string, cutoff: string): string {
  const local = localMs(receivedAtIso);
  const date = dateOfLocalMs(local);
  const ofDay = local - Math.floor(local / DAY) * DAY;
  // "After 15:00" is strictly after: 15:00:00 still goes the same day.
  const working = core.isWorkingJdn(dayNumber(date));
  return working && ofDay <= timeOfDayMs(cutoff) ? date : step(core, date, 1);
}

function computeDueAtWith(core: CalendarCore, clockStartIso: string, legalTime: LegalTime): string {
  const start = effectiveStartMs(core, localMs(clockStartIso));
  switch (legalTime.unit) {
    case 'working_days':
      // A working day is the length of the configured working periods (8 h by default), so
      // 09:00 Monday + 3 working days = 09:00 Thursday.
      return isoOfLocalMs(addWorkingMs(core, start, legalTime.value * core.workingMsPerDay));
    case 'working_hours':
      return isoOfLocalMs(addWorkingMs(core, start, legalTime.value * 60 * MINUTE));
    case 'calendar_days': {
      // N × 24 h from the effective start; an appointment never falls on a day off or outside
      // hours, so it then moves to the next working time.
      const end = start + legalTime.value * DAY;
      return isoOfLocalMs(isWorkingLocalMs(core, end, true) ? end : effectiveStartMs(core, end));
    }
    case 'immediate':
      // "Immediately" = before the working period in which the clock starts closes: the
      // counter may hand the result over any time until then (e.g. 09:00 → 11:30, 12:00 → 17:00).
      return isoOfLocalMs(periodAt(core, start).end);
  }
}

function supplementRequestDeadlineWith(
  core: CalendarCore,
  receivedAtIso: string,
  workingDays: number,
): string {
  if (!Number.isInteger(workingDays) || workingDays < 0)
    throw new RangeError(`Bad working days: ${workingDays}`);
  const start = effectiveStartMs(core, localMs(receivedAtIso));
  return isoOfLocalMs(addWorkingMs(core, start, workingDays * core.workingMsPerDay));
}

function apologyDeadlineWith(core: CalendarCore, dueAtIso: string, leadWorkingDays: number): string {
  // "At least 1 working day before the due date": the working day(s) before the appointment's date.
  if (!Number.isInteger(leadWorkingDays) || leadWorkingDays < 1) {
    throw new RangeError(`The apology lead must be at least 1 working day: ${leadWorkingDays}`);
  }
  return addWorkingDaysWith(core, toLocalDate(dueAtIso), -leadWorkingDays);
}

function classifyReturn(returnedAtIso: string, dueAtIso: string): ReturnTiming {
  const returned = toLocalDate(returnedAtIso);
  const due = toLocalDate(dueAtIso);
  if (returned < due) return 'early';
  return returned === due ? 'on_time' : 'late';
}

export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const workingPeriods = [...(options.workingPeriods ?? DEFAULT_WORKING_PERIODS)];
  const periods = parsePeriods(workingPeriods);
  const workingMsPerDay = periods.reduce((sum, p) => sum + p.end - p.start, 0);

  // Later schedules for the same year replace earlier ones (an admin's edit wins over shipped data).
  const schedules = new Map<number, HolidaySchedule>();
  for (const schedule of options.schedules ?? SHIPPED_SCHEDULES) {
    schedules.set(schedule.year, holidayScheduleSchema.parse(schedule));
  }
  const entriesByYear = new Map<number, Map<string, HolidayEntry>>();

  function scheduleFor(year: number): HolidaySchedule {
    let schedule = schedules.get(year);
    if (!schedule) {
      schedule = generateSchedule(year);
      schedules.set(year, schedule);
    }
    return schedule;
  }

  function holidayOn(date: string): HolidayEntry | undefined {
    const year = Number(date.slice(0, 4));
    let entries = entriesByYear.get(year);
    if (!entries) {
      entries = new Map(scheduleFor(year).entries.map((e) => [e.date, e]));
      entriesByYear.set(year, entries);
    }
    return entries.get(date);
  }

  const core: CalendarCore = {
    periods,
    firstPeriod: periods[0] as Period,
    workingMsPerDay,
    isWorkingJdn: workingDayTest(holidayOn),
  };

  return {
    workingPeriods,
    workingMinutesPerDay: workingMsPerDay / MINUTE,
    scheduleFor,
    holidayOn,
    isWorkingDay: (date) => core.isWorkingJdn(dayNumber(date)),
    nextWorkingDay: (date) => step(core, date, 1),
    previousWorkingDay: (date) => step(core, date, -1),
    addWorkingDays: (date, n) => addWorkingDaysWith(core, date, n),
    workingDaysBetween: (a, b) => workingDaysBetweenWith(core, a, b),
    isWorkingTime: (iso) => isWorkingLocalMs(core, localMs(iso), false),
    effectiveStart: (receivedAtIso) => isoOfLocalMs(effectiveStartMs(core, localMs(receivedAtIso))),
    transferDay: (receivedAtIso, cutoff = '15:00') => transferDayWith(core, receivedAtIso, cutoff),
    addWorkingMinutes: (startIso, minutes) => {
      if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Minutes must be ≥ 0: ${minutes}`);
      return isoOfLocalMs(addWorkingMs(core, effectiveStartMs(core, localMs(startIso)), minutes * MINUTE));
    },
    computeDueAt: (clockStartIso, legalTime) => computeDueAtWith(core, clockStartIso, legalTime),
    restartClock: (supplementCompletedAtIso, legalTime) => {
      // The whole legal time is granted again from the moment the complete dossier arrives.
      const clockStartAt = isoOfLocalMs(localMs(supplementCompletedAtIso));
      return { clockStartAt, dueAt: computeDueAtWith(core, clockStartAt, legalTime) };
    },
    supplementRequestDeadline: (receivedAtIso, workingDays = 3) =>
      supplementRequestDeadlineWith(core, receivedAtIso, workingDays),
    apologyDeadline: (dueAtIso, leadWorkingDays = 1) => apologyDeadlineWith(core, dueAtIso, leadWorkingDays),
    classifyReturn,
  };
}
