import { RESULT_DOCUMENT, type Dossier } from '../domain';
import type { CommandOf } from './commands';

/**
 * Why a scan cannot be attached to this dossier (an error of decide()), or null: a component must
 * be one the dossier lists; the result only once the dossier holds one (sealed, or back from the
 * deciding agency).
 */
export function scanRefusal(
  dossier: Dossier,
  cmd: CommandOf<'attach_scan'>,
): { code: string; message: string; details?: unknown } | null {
  if (cmd.documentId === RESULT_DOCUMENT) {
    if (dossier.result !== null) return null;
    return {
      code: 'workflow.scan_result_not_ready',
      message: 'The result is digitised once the dossier is sealed',
    };
  }
  if (dossier.documents.some((d) => d.documentId === cmd.documentId)) return null;
  return {
    code: 'workflow.scan_document_unknown',
    message: 'The scan names a document the dossier does not list',
    details: { documentId: cmd.documentId },
  };
}
