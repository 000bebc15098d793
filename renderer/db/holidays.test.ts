import { describe, expect, it } from 'vitest';
import { createWorkCalendar, SHIPPED_SCHEDULES } from '../../shared/calendar';
import { demoHolidaySchedules } from '../../shared/demo';
import type { SyncedHolidaySchedule } from '../../shared/sync/contract';
import { calendarSchedules, fromSyncedSchedule } from './holidays';
import { createCounterRepository } from '.';
import { openMemoryDb } from '../../tests/support/db-fixtures';

const AT = '2026-06-01T00:00:00.000Z';

/** A province decision for 2026: National Day extended to Thu 3 Sep, Sat 12 Sep worked instead. */
const province2026: SyncedHolidaySchedule = {
  id: 'holidays-2026',
  year: 2026,
  daysOff: [
    ...(demoHolidaySchedules().find((s) => s.year === 2026)?.daysOff ?? []),
    { date: '2026-09-03', name: 'Nghỉ bù Quốc khánh (quyết định của tỉnh)' },
  ],
  workingDays: [
    ...(demoHolidaySchedules().find((s) => s.year === 2026)?.workingDays ?? []),
    { date: '2026-09-12', name: 'Làm bù' },
  ],
  updatedAt: AT,
};

describe('synced holiday schedules', () => {
  it('round-trip the shipped schedules through the wire form', () => {
    for (const wire of demoHolidaySchedules()) {
      const shipped = SHIPPED_SCHEDULES.find((s) => s.year === wire.year)!;
      expect(fromSyncedSchedule(wire).entries).toEqual(
        [...shipped.entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      );
    }
  });

  it('a synced year replaces the shipped one; other years keep the shipped schedule', () => {
    const calendar = createWorkCalendar({ schedules: calendarSchedules(SHIPPED_SCHEDULES, [province2026]) });
    const shippedOnly = createWorkCalendar({ schedules: calendarSchedules(SHIPPED_SCHEDULES, []) });
    const cases: [string, boolean, boolean][] = [
      // date, working with the province's 2026, working with the shipped 2026
      ['2026-09-03', false, true],
      ['2026-09-12', true, false],
      ['2026-09-02', false, false],
      ['2026-08-22', true, true], // shipped make-up Saturday, kept by the province
      ['2025-01-29', false, false], // 2025 Tết: shipped, untouched
    ];
    for (const [date, withProvince, shipped] of cases) {
      expect(calendar.isWorkingDay(date), date).toBe(withProvince);
      expect(shippedOnly.isWorkingDay(date), date).toBe(shipped);
    }
  });

  it('leaves out a schedule the calendar refuses, and says so', () => {
    const broken: SyncedHolidaySchedule = {
      ...province2026,
      id: 'holidays-2027',
      year: 2027,
      workingDays: [{ date: '2027-03-03', name: 'không phải cuối tuần' }],
    };
    const refused: string[] = [];
    const schedules = calendarSchedules(SHIPPED_SCHEDULES, [broken, province2026], (doc) =>
      refused.push(doc.id),
    );
    expect(refused).toEqual(['holidays-2027']);
    expect(schedules.filter((s) => s.year === 2027)).toEqual(
      SHIPPED_SCHEDULES.filter((s) => s.year === 2027),
    );
    expect(() => createWorkCalendar({ schedules })).not.toThrow();
  });
});

describe('holidays collection of the replica', () => {
  it('holds the schedules the server sends (validated against the wire schema) and reports changes', async () => {
    const db = await openMemoryDb();
    const repo = await createCounterRepository(db);
    const changes: string[] = [];
    const sub = db.holidays.$.subscribe((ev) => changes.push(ev.documentId));
    // What a pull writes: the server's documents as they are (shared/demo seeds the same ones).
    await db.holidays.bulkUpsert(demoHolidaySchedules());
    await db.holidays.upsert(province2026);
    await expect(db.holidays.insert({ ...province2026, id: 'holidays-bad', year: 1800 })).rejects.toThrow();
    const stored = await repo.listHolidaySchedules();
    expect(stored.map((s) => s.year).sort()).toEqual(SHIPPED_SCHEDULES.map((s) => s.year).sort());
    expect(stored.find((s) => s.year === 2026)?.daysOff).toContainEqual({
      date: '2026-09-03',
      name: 'Nghỉ bù Quốc khánh (quyết định của tỉnh)',
    });
    expect(changes).toContain('holidays-2026');
    const calendar = createWorkCalendar({ schedules: calendarSchedules(SHIPPED_SCHEDULES, stored) });
    expect(calendar.isWorkingDay('2026-09-03')).toBe(false);
    sub.unsubscribe();
    await repo.close();
    await db.close();
  });
});
