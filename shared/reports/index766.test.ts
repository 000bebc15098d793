import { describe, expect, it } from 'vitest';
import { MARCH, MARCH_PERIOD, vn } from '../../tests/support/report-fixtures';
import { index766, index766Shares, losingDossiers } from './index766';
import { periodReport } from './period-report';

const code = (id: string) => `000.00.06.H56-260301-00${id.charCodeAt(0)}`;

describe('Index 766 indicators (progress and satisfaction)', () => {
  const figures = periodReport(MARCH, MARCH_PERIOD);
  const index = index766(figures, MARCH, MARCH_PERIOD);

  it('gives the on-time share of the resolved, the overdue share of the open and the satisfied share', () => {
    expect(index.resolved).toBe(6);
    expect(index.resolvedOnTime).toBe(4);
    expect(index.onTimeShare).toBeCloseTo(4 / 6);
    expect(index.inProgress).toBe(3);
    expect(index.overdue).toBe(2);
    expect(index.overdueShare).toBeCloseTo(2 / 3);
    expect(index.ratings).toBe(3);
    expect(index.satisfied).toBe(2);
    expect(index.satisfactionShare).toBeCloseTo(2 / 3);
  });

  it('lists the dossiers that lose points, by reason then code, with the deadline they missed', () => {
    expect(index.losing.map((l) => [l.reason, l.dossierId])).toEqual([
      ['resolved_late', 'C'],
      ['resolved_late', 'I'],
      ['overdue', 'D'],
      ['overdue', 'M'],
      ['dissatisfied', 'C'],
    ]);
    expect(index.losingTotal).toBe(5);
    // I: judged against its deadline of receipt, not the appointment its apology moved.
    expect(index.losing[1]).toMatchObject({
      code: code('I'),
      deadline: vn('03-13 17:00'),
      at: vn('03-18 10:00'),
    });
    // M: overdue at the period's end against the deadline set when its intake was completed.
    expect(index.losing[3]).toMatchObject({ deadline: vn('03-09 17:00'), at: vn('04-01 00:00') });
    expect(index.losing[4]).toMatchObject({ deadline: '', at: vn('03-09 10:00') });
  });

  it('judges a period not yet over at the given moment, and caps the list but not the total', () => {
    const asOf = Date.parse(vn('03-06 12:00'));
    const sofar = losingDossiers(MARCH, MARCH_PERIOD, { asOf });
    // On 03-06 noon D (due 03-02) is overdue; M, due 03-09, is not yet.
    const overdue = sofar.filter((l) => l.reason === 'overdue');
    expect(overdue.map((l) => [l.dossierId, l.at])).toEqual([['D', new Date(asOf).toISOString()]]);
    const capped = index766(figures, MARCH, MARCH_PERIOD, { listLimit: 2 });
    expect(capped.losing).toHaveLength(2);
    expect(capped.losingTotal).toBe(5);
  });

  it('has no share where there is nothing to divide', () => {
    const empty = index766Shares(periodReport([], MARCH_PERIOD));
    expect([empty.onTimeShare, empty.overdueShare, empty.satisfactionShare]).toEqual([null, null, null]);
  });
});
