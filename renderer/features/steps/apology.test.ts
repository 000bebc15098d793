import { describe, expect, it } from 'vitest';
import { apologyDateProblem, apologyEarliestDay, type WorkingDays } from './apology';

/** Monday to Friday, no holidays: enough to see which day form 04 offers. */
const weekdays: WorkingDays = {
  isWorkingDay: (date) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay()),
  nextWorkingDay(date) {
    const d = new Date(`${date}T12:00:00Z`);
    do d.setUTCDate(d.getUTCDate() + 1);
    while (!this.isWorkingDay(d.toISOString().slice(0, 10)));
    return d.toISOString().slice(0, 10);
  },
};

// Monday 7 December 2026, 10:00 in Vietnam.
const NOW = '2026-12-07T03:00:00.000Z';

describe('form 04: the new appointment date', () => {
  it('offers the working day after the due date when the dossier is not yet late', () => {
    // Due Wednesday 9 December at 17:00.
    expect(apologyEarliestDay('2026-12-09T10:00:00.000Z', NOW, weekdays)).toBe('2026-12-10');
  });

  it('offers a day after today, never a past one, when the due date has already passed', () => {
    // Due Wednesday 2 December: the day after it (3 December) is already past.
    expect(apologyEarliestDay('2026-12-02T10:00:00.000Z', NOW, weekdays)).toBe('2026-12-08');
    // Due Friday 4 December, today is Saturday 5: the next working day is Monday 7.
    expect(apologyEarliestDay('2026-12-04T10:00:00.000Z', '2026-12-05T03:00:00.000Z', weekdays)).toBe(
      '2026-12-07',
    );
  });

  it('refuses a date already past, one not after the old date, and a day off', () => {
    const overdue = '2026-12-02T10:00:00.000Z';
    expect(apologyDateProblem('2026-12-03', overdue, NOW, weekdays)).toBe('step.apology_date_past');
    expect(apologyDateProblem('2026-12-09', '2026-12-09T10:00:00.000Z', NOW, weekdays)).toBe(
      'workflow.new_due_not_later',
    );
    expect(apologyDateProblem('2026-12-12', overdue, NOW, weekdays)).toBe('step.apology_not_working_day');
    expect(apologyDateProblem('2026-12-08', overdue, NOW, weekdays)).toBeNull();
  });
});
