import { procedureSchema, type Procedure } from '../../shared/domain';

/** The procedure fields a dossier (and its receive step) copies from its procedure. */
export function procedureFields(procedure: Pick<Procedure, 'id' | 'code' | 'name' | 'sectorId'>) {
  return {
    procedureId: procedure.id,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    sectorId: procedure.sectorId,
  };
}

/** The documents a dossier receives: one of each the procedure requires. */
export function requiredDocumentsOf(procedure: Pick<Procedure, 'requiredDocuments'>) {
  return procedure.requiredDocuments.map((d) => ({
    documentId: d.id,
    name: d.name,
    copyType: d.copyType,
    count: d.count,
  }));
}

/**
 * Household business registration (2.000720): three working days, every on-site step, one fee.
 * `overrides` gives what a test's case turns on.
 */
export function householdBusiness(overrides: Partial<Procedure> = {}): Procedure {
  return procedureSchema.parse({
    id: 'proc-hkd',
    code: '2.000720',
    name: 'Đăng ký thành lập hộ kinh doanh',
    sectorId: 'sector-hkd',
    legalTime: { unit: 'working_days', value: 3 },
    fees: [{ label: 'Lệ phí', amountVnd: 100_000 }],
    requiredDocuments: [],
    onSiteSteps: ['receive', 'appraise', 'approve', 'seal', 'return'],
    leadAgency: '',
    active: true,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  });
}
