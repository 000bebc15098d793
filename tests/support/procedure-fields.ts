import type { Procedure } from '../../shared/domain';

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
