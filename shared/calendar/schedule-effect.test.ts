import { describe, expect, it } from 'vitest';
import { SCHEDULE_2026, SHIPPED_SCHEDULES } from './schedules';
import { dueDateEffect, scheduleChanges } from './schedule-effect';
import type { HolidaySchedule } from './holidays';
import { formatVi } from './work-calendar';

describe('due-date effect of a schedule edit', () => {
  // Received Monday 20 Apr 2026 at 09:00 (Vietnam), 5 working days: Hùng Kings observed Mon 27 Apr.
  const example = {
    receivedAt: '2026-04-20T02:00:00.000Z',
    legalTime: { unit: 'working_days', value: 5 } as const,
  };

  it('moves the due date a day earlier when an observed day off is removed', () => {
    const edited: HolidaySchedule = {
      ...SCHEDULE_2026,
      entries: SCHEDULE_2026.entries.filter((e) => e.date !== '2026-04-27'),
    };
    const effect = dueDateEffect(example, SHIPPED_SCHEDULES, edited);
    expect(formatVi(effect.before)).toBe('09:00 28/04/2026');
    expect(formatVi(effect.after)).toBe('09:00 27/04/2026');
    expect(effect.shiftDays).toBe(-1);
  });

  it('moves it later when a day off is added, and not at all for an unchanged schedule', () => {
    const edited: HolidaySchedule = {
      ...SCHEDULE_2026,
      entries: [...SCHEDULE_2026.entries, { date: '2026-04-22', kind: 'day_off', name: 'Nghỉ địa phương' }],
    };
    expect(dueDateEffect(example, SHIPPED_SCHEDULES, edited).shiftDays).toBe(1);
    expect(dueDateEffect(example, SHIPPED_SCHEDULES, SCHEDULE_2026).shiftDays).toBe(0);
  });

  it('lists the days an edit changes', () => {
    const edited: HolidaySchedule = {
      ...SCHEDULE_2026,
      entries: [
        ...SCHEDULE_2026.entries.filter((e) => e.date !== '2026-01-10'),
        { date: '2026-04-22', kind: 'day_off', name: 'Nghỉ địa phương' },
      ],
    };
    expect(scheduleChanges(SCHEDULE_2026, edited)).toEqual([
      { date: '2026-01-10', before: 'make_up_workday:Làm bù cho ngày 02/01/2026', after: 'work' },
      { date: '2026-04-22', before: 'work', after: 'day_off:Nghỉ địa phương' },
    ]);
  });
});
