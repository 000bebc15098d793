import { describe, expect, it } from 'vitest';
import { life } from '../../tests/support/chain-fixtures';
import { MARCH, MARCH_PERIOD, vn } from '../../tests/support/report-fixtures';
import { periodReport, periodReportBy, satisfactionShares } from './period-report';
import { reportRecord } from './record';
import { dailyCounts } from './daily';

describe('period report (form 06a figures)', () => {
  const march = periodReport(MARCH, MARCH_PERIOD);

  it('counts what there was to process: carried over plus newly received by channel', () => {
    expect(march.carriedOver).toBe(1);
    expect(march.received).toEqual({ total: 10, counter: 8, online: 1, post: 1 });
    expect(march.toProcess).toBe(11);
  });

  it('splits the resolved into early, on time (exactly at the deadline included) and late', () => {
    expect(march.resolved).toEqual({ total: 6, early: 3, onTime: 1, late: 2 });
    expect(march.refused).toBe(1);
    expect(march.onTimeRate).toBeCloseTo(4 / 6);
  });

  it('judges what is still open at the end of the period', () => {
    expect(march.inProgress).toEqual({ total: 3, withinDeadline: 1, overdue: 2 });
  });

  it('counts supplements, withdrawals, stops, returns and ratings', () => {
    expect(march.supplementRequested).toBe(1);
    expect(march.withdrawn).toBe(1);
    expect(march.stopped).toBe(1);
    expect(march.returned).toBe(3);
    expect(march.satisfaction).toEqual({ very_satisfied: 1, satisfied: 1, dissatisfied: 1, total: 3 });
    expect(satisfactionShares(march).dissatisfied).toBeCloseTo(1 / 3);
  });

  it('balances: everything to process is resolved, in progress, withdrawn or stopped', () => {
    const accounted = march.resolved.total + march.inProgress.total + march.withdrawn + march.stopped;
    expect(accounted).toBe(march.toProcess);
  });

  it('judges a period not yet over at the given moment', () => {
    // On 03-10 noon: D and M are overdue; F is within its (first) deadline.
    const sofar = periodReport(MARCH, MARCH_PERIOD, { asOf: Date.parse(vn('03-10 12:00')) });
    expect(sofar.inProgress).toEqual({ total: 3, withinDeadline: 1, overdue: 2 });
  });

  it('groups by sector with a total equal to the whole report', () => {
    const bySector = periodReportBy(MARCH, MARCH_PERIOD, 'sectorId');
    expect([...bySector.rows.keys()]).toEqual(['sector-hotich']);
    expect(bySector.total).toEqual(march);
  });
});

describe('report record from a real chain', () => {
  it('keeps the deadline of receipt after an apology letter, and reads the milestones', () => {
    const record = reportRecord(life.dossier, life.events);
    expect(record.receivedAt).toBe(life.events[0]?.at);
    expect(record.deadlineAtResolution).toBe(life.dossier.originalDueAt);
    expect(record.deadlineAtResolution).not.toBe(life.dossier.dueAt);
    expect(record.resolution).toBe('result');
    expect(record.returnedAt).toBe(life.dossier.returnedAt);
    expect(record.rating).toBe('very_satisfied');
  });
});

describe('daily counts', () => {
  it('gives every day of the period, with what was received and resolved on it', () => {
    const days = dailyCounts(MARCH, MARCH_PERIOD);
    expect(days).toHaveLength(31);
    expect(days.find((d) => d.date === '2026-03-02')).toEqual({
      date: '2026-03-02',
      received: 2,
      resolved: 0,
    });
    expect(days.find((d) => d.date === '2026-03-05')).toEqual({
      date: '2026-03-05',
      received: 1,
      resolved: 1,
    });
    expect(days.reduce((n, d) => n + d.resolved, 0)).toBe(6);
  });
});
