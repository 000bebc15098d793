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
