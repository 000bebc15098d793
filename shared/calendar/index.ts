export {
  VIETNAM_UTC_OFFSET_HOURS,
  hungKingsDate,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  solarToLunar,
  tetDate,
  type LunarDate,
} from './lunar';
export { addDays, dayNumber, isoDate, isWeekend, weekday } from './dates';
export {
  HOLIDAY_KINDS,
  HOLIDAY_NAMES,
  dayRange,
  generateSchedule,
  holidayEntrySchema,
  holidayScheduleSchema,
  nationalDayAdjacentDay,
  statutoryHolidays,
  substituteName,
  type HolidayEntry,
  type HolidayKind,
  type HolidaySchedule,
} from './holidays';
export { SCHEDULE_2024, SCHEDULE_2025, SCHEDULE_2026, SCHEDULE_2027, SHIPPED_SCHEDULES } from './schedules';
export {
  DEFAULT_WORKING_PERIODS,
  createWorkCalendar,
  formatDateVi,
  formatVi,
  localToIso,
  toLocalDate,
  toLocalTime,
  type ReturnTiming,
  type WorkCalendar,
  type WorkCalendarOptions,
  type WorkingPeriod,
} from './work-calendar';
export { dueDateEffect, scheduleChanges, type DueDateEffect, type DueDateExample } from './schedule-effect';
