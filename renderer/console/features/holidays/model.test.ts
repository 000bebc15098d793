import { describe, expect, it } from 'vitest';
import { SCHEDULE_2026, holidayScheduleSchema } from '../../../../shared/calendar';
import { choicesFor, dayState, setDay } from './model';

describe('holiday schedule editing', () => {
  it('reads days off, observed days, make-up days and ordinary days', () => {
    expect(dayState(SCHEDULE_2026, '2026-02-17')).toMatchObject({ choice: 'day_off', working: false });
    expect(dayState(SCHEDULE_2026, '2026-04-27')).toMatchObject({ choice: 'observed', working: false });
    expect(dayState(SCHEDULE_2026, '2026-01-10')).toMatchObject({ choice: 'make_up_workday', working: true });
    expect(dayState(SCHEDULE_2026, '2026-03-10')).toEqual({ choice: 'ordinary', name: '', working: true });
    expect(dayState(SCHEDULE_2026, '2026-03-14')).toEqual({ choice: 'ordinary', name: '', working: false });
  });

  it('sets a day and keeps a schedule the calendar accepts', () => {
    let edited = setDay(SCHEDULE_2026, '2026-11-24', 'day_off', 'Ngày Văn hóa Việt Nam');
    edited = setDay(edited, '2026-04-27', 'ordinary', '');
    edited = setDay(edited, '2026-11-28', 'make_up_workday', '');
    edited = setDay(edited, '2026-11-25', 'observed', 'Ngày Văn hóa Việt Nam');
    expect(holidayScheduleSchema.safeParse(edited).success).toBe(true);
    expect(dayState(edited, '2026-04-27').choice).toBe('ordinary');
    expect(dayState(edited, '2026-11-25')).toMatchObject({
      choice: 'observed',
      name: 'Nghỉ bù Ngày Văn hóa Việt Nam',
    });
    expect(dayState(edited, '2026-11-28')).toMatchObject({ choice: 'make_up_workday', name: 'Làm bù' });
    expect(edited.entries.map((e) => e.date)).toEqual([...edited.entries.map((e) => e.date)].sort());
  });

  it('offers a make-up working day only on weekends', () => {
    expect(choicesFor('2026-11-28')).toContain('make_up_workday');
    expect(choicesFor('2026-11-25')).not.toContain('make_up_workday');
  });
});
