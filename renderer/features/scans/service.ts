import type { Dossier, DossierEvent, ScanMime } from '../../../shared/domain';
import type { ScanAttachment } from '../../../shared/scans';
import type { Session } from '../session/service';
import { serviceContext, useRequired } from '../service-context';
import type { ScanQueueState } from './uploader';
import type { Observable } from 'rxjs';

/** What the scan screens need: attach a file to a dossier's document, list and open attachments. */
export interface ScansService {
  /** The dossier's events (its attachments are read from them). */
  listEvents(dossierId: string): Promise<DossierEvent[]>;
  /** The dossier's attachments, from its events. */
  attachmentsOf(events: readonly DossierEvent[]): ScanAttachment[];
  /**
   * Checks the file (type, size), stores it encrypted and records the attach_scan step. Throws an
   * Error whose message is translated.
   */
  attach(dossier: Dossier, documentId: string, file: File, session: Session): Promise<void>;
  /** The file's bytes when this counter holds it, else null (never fetches). */
  local(attachment: Pick<ScanAttachment, 'sha256'>): Promise<Uint8Array | null>;
  /** The file's bytes: from this counter, else fetched from the provincial server (then kept). */
  open(attachment: Pick<ScanAttachment, 'sha256' | 'mime'>): Promise<Uint8Array>;
  /** The upload queue (null while the device has no server connection). */
  queue$: Observable<ScanQueueState | null>;
}

export type { ScanMime };
export const ScansServiceContext = serviceContext<ScansService>();
export const useScansService = (): ScansService => useRequired(ScansServiceContext, 'ScansService');
