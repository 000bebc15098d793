import type pg from 'pg';
import type { WireDocument } from '../../shared/sync/contract';
import type { DuplicateCodeRow } from '../conflicts/record';
import { officeOf } from './documents';
import { reject, type Accepted } from './push-checks';
import type { PreparedGroup } from './write-job';

/** A stored or pushed dossier holding a code in its office. */
interface Holder {
  id: string;
  doc: Record<string, unknown>;
}

const claimKey = (officeId: string, code: string) => `${officeId}|${code}`;

/** The office and code a pushed dossier claims; null when it claims none (no code, a tombstone). */
function claimOf(a: Accepted): { officeId: string; code: string } | null {
  const code = a.doc.code;
  const officeId = officeOf('dossiers', a.doc);
  if (a.deleted || typeof code !== 'string' || code === '' || officeId === null) return null;
  return { officeId, code };
}

/**
 * Refuses the pushed dossiers of a group whose code another dossier of their office holds: stored
 * already, or pushed earlier in the group (the first one stands). Runs inside the group's
 * transaction holding WRITE, so no other writer of the server can store a code between this read
 * and the write; the unique index dossiers_office_code (migration 7) holds the rule for any other.
 * A refused dossier leaves the group's checked documents, gets `duplicate_code` in its push's
 * outcome and is answered for the supervisor (the rows to record). A dossier claiming a code earlier
 * in the group counts as its holder even if its own write then turns out a merge: the later one is
 * refused rather than risk two.
 */
export async function refuseDuplicateCodes(
  client: pg.PoolClient,
  group: PreparedGroup,
): Promise<DuplicateCodeRow[]> {
  const { jobs, checked, outcomes } = group;
  const claims: { officeId: string; code: string }[] = [];
  jobs.forEach((job, i) => {
    if (job.collection !== 'dossiers') return;
    for (const a of checked[i]!) {
      const claim = claimOf(a);
      if (claim) claims.push(claim);
    }
  });
  if (claims.length === 0) return [];
  // Read through the unique index: its predicate is repeated so the planner can use it.
  const stored = await client.query<{
    id: string;
    office_id: string;
    code: string;
    doc: Record<string, unknown>;
  }>(
    `SELECT id, office_id, doc->>'code' AS code, doc FROM documents
     WHERE collection = 'dossiers' AND NOT deleted AND doc->>'code' <> ''
       AND (office_id, doc->>'code') IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [claims.map((c) => c.officeId), claims.map((c) => c.code)],
  );
  const holders = new Map<string, Holder>(
    stored.rows.map((r) => [claimKey(r.office_id, r.code), { id: r.id, doc: r.doc }]),
  );
  const refused: DuplicateCodeRow[] = [];
  jobs.forEach((job, i) => {
    if (job.collection !== 'dossiers') return;
    checked[i] = checked[i]!.filter((a) => {
      const claim = claimOf(a);
      if (!claim) return true;
      const key = claimKey(claim.officeId, claim.code);
      const id = String(a.doc.id);
      const holder = holders.get(key);
      if (!holder || holder.id === id) {
        holders.set(key, { id, doc: a.doc });
        return true;
      }
      outcomes[i]!.rejected.push(
        reject(
          id,
          409,
          'duplicate_code',
          `dossier code ${claim.code} is already held by dossier ${holder.id} of office ${claim.officeId}`,
        ),
      );
      refused.push({
        doc_id: id,
        office_id: claim.officeId,
        master: { ...holder.doc, _deleted: false } as WireDocument,
        incoming: { ...a.doc, _deleted: false } as WireDocument,
        device_id: job.device.id,
      });
      return false;
    });
  });
  return refused;
}
