import type pg from 'pg';
import type {
  ConflictKind,
  ConflictRecord,
  DuplicateCodeDossier,
  WireDocument,
} from '../../shared/sync/contract';
import type { Device } from '../devices/device';

/** One of a duplicate code's dossiers, as the supervisor tells them apart. */
function duplicateCodeDossier(doc: WireDocument): DuplicateCodeDossier {
  const applicant = doc.applicant as { fullName?: unknown } | undefined;
  return {
    dossierId: doc.id,
    code: String(doc.code ?? ''),
    counterId: String(doc.counterId ?? ''),
    applicantName: String(applicant?.fullName ?? ''),
  };
}

/** Conflicts for the supervisor: those of the device's office (every office for the province). */
export class ConflictStore {
  constructor(private readonly pool: pg.Pool) {}

  async listConflicts(device: Device, includeResolved = false): Promise<ConflictRecord[]> {
    const res = await this.pool.query<{
      id: number;
      doc_id: string;
      office_id: string;
      fields: string[];
      ancestor: WireDocument | null;
      master: WireDocument;
      incoming: WireDocument;
      device_id: string;
      created_at: Date;
      resolved: boolean;
      kind: ConflictKind;
    }>(
      `SELECT id, doc_id, office_id, fields, ancestor, master, incoming, device_id, created_at, resolved_at IS NOT NULL AS resolved, kind
       FROM conflicts WHERE ($1::text IS NULL OR office_id = $1) AND ($2 OR resolved_at IS NULL) ORDER BY id`,
      [device.role === 'province' ? null : device.officeId, includeResolved],
    );
    return res.rows.map((r) => ({
      id: r.id,
      dossierId: r.doc_id,
      officeId: r.office_id,
      fields: r.fields,
      ancestor: r.ancestor,
      master: r.master,
      incoming: r.incoming,
      deviceId: r.device_id,
      createdAt: r.created_at.toISOString(),
      resolved: r.resolved,
      kind: r.kind,
      ...(r.kind === 'duplicate_code'
        ? {
            duplicate: {
              code: String(r.incoming.code ?? ''),
              kept: duplicateCodeDossier(r.master),
              refused: duplicateCodeDossier(r.incoming),
            },
          }
        : {}),
    }));
  }

  async resolveConflict(device: Device, id: number): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE conflicts SET resolved_at = now() WHERE id = $1 AND resolved_at IS NULL AND ($2::text IS NULL OR office_id = $2)`,
      [id, device.role === 'province' ? null : device.officeId],
    );
    return (res.rowCount ?? 0) > 0;
  }
}
