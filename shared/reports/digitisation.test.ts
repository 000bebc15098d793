import { describe, expect, it } from 'vitest';
import { DIGITISED_RECORDS, MARCH_PERIOD } from '../../tests/support/digitisation-fixtures';
import { vn } from '../../tests/support/report-fixtures';
import { index766 } from './index766';
import { periodReport } from './period-report';

describe('Index 766 digitisation figures', () => {
  const byId = new Map(DIGITISED_RECORDS.map((r) => [r.dossierId, r]));

  it('records when every component and when the result were digitised', () => {
    expect(byId.get('P')).toMatchObject({
      componentsDigitisedAt: vn('03-02 08:06'),
      resultDigitisedAt: vn('03-05 10:05'),
    });
    expect(byId.get('Q')?.componentsDigitisedAt).toBe(vn('03-20 09:00'));
    expect(byId.get('R')).toMatchObject({ componentsDigitisedAt: null, resultDigitisedAt: null });
    expect(byId.get('S')?.componentsDigitisedAt).toBe(vn('04-02 08:00'));
    expect(byId.get('T')).toMatchObject({
      componentsDigitisedAt: null,
      resultDigitisedAt: vn('04-01 09:00'),
    });
  });

  it('counts the month by hand: 2 of 5 received digitised, 1 of 3 results', () => {
    const figures = periodReport(DIGITISED_RECORDS, MARCH_PERIOD);
    expect(figures.received.total).toBe(5);
    expect(figures.digitisation).toEqual({ componentsDigitised: 2, resultsIssued: 3, resultsDigitised: 1 });
    const index = index766(figures, DIGITISED_RECORDS, MARCH_PERIOD);
    expect(index).toMatchObject({
      received: 5,
      componentsDigitised: 2,
      componentsDigitisedShare: 2 / 5,
      resultsIssued: 3,
      resultsDigitised: 1,
      resultsDigitisedShare: 1 / 3,
    });
  });

  it('counts April: S and T digitised then, but received and resolved in March', () => {
    const april = periodReport(DIGITISED_RECORDS, { from: '2026-04-01', to: '2026-04-30' });
    expect(april.digitisation).toEqual({ componentsDigitised: 0, resultsIssued: 0, resultsDigitised: 0 });
    const index = index766(april, DIGITISED_RECORDS, { from: '2026-04-01', to: '2026-04-30' });
    expect([index.componentsDigitisedShare, index.resultsDigitisedShare]).toEqual([null, null]);
  });
});
