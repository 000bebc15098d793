import { describe, expect, it } from 'vitest';
import { dossierCodeSchema } from '../domain/dossier';
import { addDays, formatDossierCode, localDateVn, parseDossierCode } from './dossier-code';

describe('localDateVn', () => {
  it.each([
    ['2023-10-27T03:00:00Z', '2023-10-27'],
    ['2023-10-26T16:59:59.999Z', '2023-10-26'], // 23:59:59 in Hà Nội
    ['2023-10-26T17:00:00Z', '2023-10-27'], // midnight in Hà Nội
    ['2023-10-27T00:30:00+07:00', '2023-10-27'],
    ['2023-12-31T17:00:00Z', '2024-01-01'],
    ['2024-02-28T18:00:00Z', '2024-02-29'],
  ])('%s → %s', (iso, date) => {
    expect(localDateVn(iso)).toBe(date);
  });

  it.each(['2023-10-27T10:00:00', 'yesterday', ''])('refuses %j (no offset or not an instant)', (iso) => {
    expect(() => localDateVn(iso)).toThrow(RangeError);
  });
});

describe('formatDossierCode', () => {
  it.each([
    ['000.00.06.H56', '2023-10-27T02:15:00Z', 361, '000.00.06.H56-231027-0361'],
    ['000.17.22.H56', '2023-10-26T17:05:00Z', 1, '000.17.22.H56-231027-0001'],
    ['000.17.22.H56', '2023-10-26T16:55:00Z', 9999, '000.17.22.H56-231026-9999'],
    ['000.00.06.H56', '2026-01-01T00:00:00+07:00', 42, '000.00.06.H56-260101-0042'],
  ])('%s at %s seq %i → %s', (agency, at, seq, code) => {
    const formatted = formatDossierCode(agency, at, seq);
    expect(formatted).toBe(code);
    expect(dossierCodeSchema.safeParse(formatted).success).toBe(true);
  });

  it.each([
    ['00.00.06.H56', '2023-10-27T02:15:00Z', 1],
    ['000.00.06.H56', '2023-10-27T02:15:00Z', 0],
    ['000.00.06.H56', '2023-10-27T02:15:00Z', 10000],
    ['000.00.06.H56', '2023-10-27T02:15:00Z', 1.5],
    ['000.00.06.H56', '1999-10-27T02:15:00Z', 1],
  ])('refuses %s %s %s', (agency, at, seq) => {
    expect(() => formatDossierCode(agency, at, seq)).toThrow(RangeError);
  });
});

describe('parseDossierCode', () => {
  it.each([
    ['000.00.06.H56-231027-0361', { agencyCode: '000.00.06.H56', date: '2023-10-27', seq: 361 }],
    ['000.17.22.H56-240229-9999', { agencyCode: '000.17.22.H56', date: '2024-02-29', seq: 9999 }],
  ])('%s', (code, parts) => {
    expect(parseDossierCode(code)).toEqual(parts);
  });

  it.each([
    '000.00.06.H56-231027-0000', // sequences start at 0001
    '000.00.06.H56-230229-0001', // 29 Feb 2023 does not exist
    '000.00.06.H56-231327-0001',
    '000.00.06.H56-231027-361',
    '000.00.06.h56-231027-0361',
    '000.00.06.H56231027-0361',
    ' 000.00.06.H56-231027-0361',
    '',
  ])('rejects %j', (code) => {
    expect(parseDossierCode(code)).toBeNull();
  });

  it('round-trips every hour of a day across midnight in Vietnam', () => {
    for (let h = 0; h < 48; h++) {
      const at = new Date(Date.UTC(2025, 11, 31, h)).toISOString();
      const code = formatDossierCode('000.00.06.H56', at, h + 1);
      expect(parseDossierCode(code)).toEqual({
        agencyCode: '000.00.06.H56',
        date: localDateVn(at),
        seq: h + 1,
      });
    }
  });
});

describe('addDays', () => {
  it.each([
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-11-27', 0, '2026-11-27'],
  ])('%s + %i = %s', (date, n, out) => {
    expect(addDays(date, n)).toBe(out);
  });
});
