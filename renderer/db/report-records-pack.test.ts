import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../shared/reports';
import { packText, unpackRecords, unpackText } from './report-records-pack';
import type { StoredReportRecord } from './report-records-store';

/** Every field a value of its own, so a value read back into another field shows. */
const record: ReportRecord = {
  dossierId: 'd1',
  code: '000.00.01.H56-260302-0001',
  procedureName: 'Đăng ký khai sinh 😀',
  officeId: 'o1',
  sectorId: 's1',
  procedureId: 'p1',
  channel: 'online',
  receiverId: 'u1',
  receivedAt: '2026-03-02T02:00:00.000Z',
  resolvedAt: '2026-03-05T03:00:00.000Z',
  resolution: 'result',
  deadlineAtResolution: '2026-03-06T10:00:00.000Z',
  returnedAt: '2026-03-05T04:00:00.000Z',
  withdrawnAt: '2026-03-07T04:00:00.000Z',
  stoppedAt: '2026-03-08T04:00:00.000Z',
  supplementRequests: ['2026-03-03T02:00:00.000Z'],
  deadlines: [{ at: '2026-03-02T02:00:00.000Z', dueAt: '2026-03-06T10:00:00.000Z' }],
  rating: 'satisfied',
  componentsDigitisedAt: '2026-03-02T03:00:00.000Z',
  resultDigitisedAt: '2026-03-05T03:00:00.000Z',
};
const entry: StoredReportRecord = {
  id: 'd1',
  lastAt: '2026-03-05T03:00:00.000Z',
  receivedOn: '2026-03-02T02:00:00.000Z',
  record,
};

describe('report records pack text', () => {
  it('gives back every field of every record, the text staying ASCII', () => {
    const text = packText([entry, { ...entry, id: 'd2', record: { ...record, dossierId: 'd2' } }]);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(text).not.toContain('procedureName');
    // The procedure name, the same in both, is written once.
    expect(text.split('\\u0110\\u0103ng').length - 1).toBe(1);
    expect(unpackText(text)).toEqual([entry, { ...entry, id: 'd2', record: { ...record, dossierId: 'd2' } }]);
  });

  it('keeps the records whose instants pass the filter', () => {
    const later = {
      ...entry,
      id: 'd2',
      lastAt: '2026-03-05T09:00:00.000Z',
      record: { ...record, dossierId: 'd2' },
    };
    const out: ReportRecord[] = [];
    unpackRecords(packText([entry, later]), (lastAt) => lastAt >= '2026-03-05T04:00:00.000Z', out);
    expect(out).toEqual([later.record]);
  });
});
