import { describe, expect, it } from 'vitest';
import { procedureSchema, type Procedure } from '../domain';
import { householdBusiness } from '../../tests/support/procedure-fields';
import { procedureAsOf, procedureForDossier, procedureTermsOf, procedureTermsOn } from './procedure-versions';

const doc = (id: string) => ({
  id,
  name: `Giấy ${id}`,
  copyType: 'original' as const,
  count: 1,
  mandatory: true,
});

/** Three working days until 31 Dec 2026; five from 1 Jan 2027 (a new decision of the province). */
const PROCEDURE: Procedure = householdBusiness({
  sectorId: 'sec-hkd',
  requiredDocuments: [doc('d1')],
  onSiteSteps: ['receive'],
  versions: [
    {
      version: 2,
      effectiveFrom: '2027-01-01',
      legalTime: { unit: 'working_days', value: 5 },
      fees: [{ label: 'Lệ phí', amountVnd: 150_000 }],
      requiredDocuments: [doc('d1'), doc('d2')],
      basis: 'Quyết định 12/2026/QĐ-UBND',
    },
  ],
  updatedAt: '2026-12-01T00:00:00.000Z',
});

describe('the procedure version in force', () => {
  it.each([
    ['2026-12-31', 1, 3],
    ['2026-12-31T16:59:59.000Z', 1, 3], // 23:59 on 31 Dec in Vietnam
    ['2026-12-31T17:00:00.000Z', 2, 5], // midnight on 1 Jan in Vietnam
    ['2027-03-01', 2, 5],
  ])('on %s is version %i (%i working days)', (date, version, days) => {
    const terms = procedureTermsOn(PROCEDURE, date);
    expect(terms.version).toBe(version);
    expect(terms.legalTime).toEqual({ unit: 'working_days', value: days });
  });

  it('a procedure without versions is version 1', () => {
    const { versions: _v, ...plain } = PROCEDURE;
    expect(procedureTermsOn(plain, '2030-01-01')).toMatchObject({ version: 1, effectiveFrom: null });
  });

  it('the intake screen sees the version in force, with its documents and fees', () => {
    const later = procedureAsOf(PROCEDURE, '2027-01-02T02:00:00.000Z');
    expect(later.requiredDocuments.map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(later.fees[0]?.amountVnd).toBe(150_000);
    expect(procedureAsOf(PROCEDURE, '2026-12-02T02:00:00.000Z').requiredDocuments).toHaveLength(1);
  });
});

describe('a dossier keeps the version recorded at its receipt', () => {
  it('even once a later version is in force', () => {
    const earlier = { receivedAt: '2026-12-30T02:00:00.000Z', procedureVersion: 1 };
    expect(procedureTermsOf(PROCEDURE, earlier).legalTime).toEqual({ unit: 'working_days', value: 3 });
    expect(procedureForDossier(PROCEDURE, earlier).fees[0]?.amountVnd).toBe(100_000);
    const later = { receivedAt: '2027-01-04T02:00:00.000Z', procedureVersion: 2 };
    expect(procedureTermsOf(PROCEDURE, later).version).toBe(2);
  });

  it.each([
    ['recorded before versions existed', { receivedAt: '2026-12-30T02:00:00.000Z' }, 1],
    [
      'recorded before versions, received after one took effect',
      { receivedAt: '2027-01-04T02:00:00.000Z' },
      2,
    ],
    [
      'naming a version the catalogue lost',
      { receivedAt: '2026-12-30T02:00:00.000Z', procedureVersion: 7 },
      1,
    ],
  ])('%s: the version in force at receipt', (_, dossier, version) => {
    expect(procedureTermsOf(PROCEDURE, dossier).version).toBe(version);
  });
});

describe('procedure versions in the catalogue', () => {
  it('must be in order of number and effective date', () => {
    const swapped = {
      ...PROCEDURE,
      versions: [
        { ...PROCEDURE.versions![0]!, version: 3 },
        { ...PROCEDURE.versions![0]!, version: 2, effectiveFrom: '2027-06-01' },
      ],
    };
    const parsed = procedureSchema.safeParse(swapped);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('validation.procedure_versions_order');
  });
});
