import type { Dossier, DossierEvent } from '../domain';
import { MAX_SCAN_BYTES, RESULT_DOCUMENT, SCAN_MIMES, scanAttachmentSchema } from '../domain';
import type { ScanAttachmentFields, ScanMime } from '../domain';

/** An attached file as the dossier's chain records it, with the officer who attached it. */
export interface ScanAttachment extends ScanAttachmentFields {
  officerId: string;
  /** The attach_scan event that recorded it. */
  eventId: string;
}

/** The attachments a dossier's events record, in chain order (the latest per document last). */
export function attachmentsOf(events: readonly DossierEvent[]): ScanAttachment[] {
  const out: ScanAttachment[] = [];
  const ordered = [...events].sort((a, b) => a.seq - b.seq || a.at.localeCompare(b.at));
  for (const event of ordered) {
    if (event.type !== 'attach_scan') continue;
    const parsed = scanAttachmentSchema.safeParse(withoutChanges(event.payload));
    if (parsed.success) out.push({ ...parsed.data, officerId: event.actorId, eventId: event.id });
  }
  return out;
}

function withoutChanges(payload: Record<string, unknown>): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) if (key !== 'changes') rest[key] = value;
  return rest;
}

/** The dossier's components that count as digitised: those with a file attached. */
export function digitisedDocuments(
  dossier: Pick<Dossier, 'documents'>,
  attachments: readonly ScanAttachment[],
) {
  const attached = new Set(attachments.map((a) => a.documentId));
  return dossier.documents.filter((d) => attached.has(d.documentId)).map((d) => d.documentId);
}

/** Whether the dossier's result has been digitised. */
export function resultDigitised(attachments: readonly ScanAttachment[]): boolean {
  return attachments.some((a) => a.documentId === RESULT_DOCUMENT);
}

/** Why a file cannot be attached (an i18n key under `scan.`), or null when it can. */
export type ScanFileProblem = 'scan.empty' | 'scan.too_large' | 'scan.type_not_allowed';

export function scanFileProblem(file: { size: number; type: string }): ScanFileProblem | null {
  if (!(SCAN_MIMES as readonly string[]).includes(file.type)) return 'scan.type_not_allowed';
  if (file.size <= 0) return 'scan.empty';
  if (file.size > MAX_SCAN_BYTES) return 'scan.too_large';
  return null;
}

export function isScanMime(type: string): type is ScanMime {
  return (SCAN_MIMES as readonly string[]).includes(type);
}
