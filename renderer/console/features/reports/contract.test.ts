import { describe, expect, it } from 'vitest';
import { periodOf, reportPath } from './contract';

describe('console report periods', () => {
  it('gives the month, quarter and year holding a date', () => {
    expect(periodOf('month', '2028-02-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('month', '2026-12-07')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodOf('quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodOf('quarter', '2026-12-07')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('year', '2026-07-01')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('asks for one office or, without one, the whole province', () => {
    const period = { from: '2026-12-01', to: '2026-12-31' };
    expect(reportPath({ period, dimension: 'sectorId', officeId: 'office-1' })).toBe(
      '/reports/period?from=2026-12-01&to=2026-12-31&by=sectorId&office=office-1',
    );
    expect(reportPath({ period, dimension: 'officeId', officeId: null })).toBe(
      '/reports/period?from=2026-12-01&to=2026-12-31&by=officeId',
    );
  });
});
