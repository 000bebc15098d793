import type { Dossier, Procedure, ReceivedDocument, RequiredDocument } from '../../../shared/domain';

/** The procedure's documents the dossier has not received yet (what an incomplete intake lacked). */
export function documentsNotReceived(dossier: Dossier, procedure: Procedure | null): RequiredDocument[] {
  const received = new Set(dossier.documents.map((d) => d.documentId));
  return (procedure?.requiredDocuments ?? []).filter((d) => !received.has(d.id));
}

/** The mandatory documents among `ids` still not ticked: completing the intake needs them all. */
export function mandatoryStillMissing(
  missing: readonly RequiredDocument[],
  ids: readonly string[],
): string[] {
  return missing.filter((d) => d.mandatory && !ids.includes(d.id)).map((d) => d.name);
}

/** The dossier's documents once the citizen has brought those ticked (ids of the procedure's list). */
export function withSupplemented(
  dossier: Dossier,
  missing: readonly RequiredDocument[],
  ids: readonly string[],
): ReceivedDocument[] {
  const added = missing
    .filter((d) => ids.includes(d.id))
    .map((d) => ({ documentId: d.id, name: d.name, copyType: d.copyType, count: d.count }));
  return [...dossier.documents, ...added];
}
