import type pg from 'pg';
import type { CollectionName } from '../../shared/sync/contract';

/** A conflict a push left for the supervisor: the three versions and the fields that clash. */
export interface ConflictRow {
  collection: CollectionName;
  doc_id: string;
  office_id: string;
  fields: string[];
  ancestor: unknown;
  master: unknown;
  incoming: unknown;
  device_id: string;
}

/** Records conflicts inside the caller's transaction (the push that met them). */
export async function recordConflicts(client: pg.PoolClient, rows: ConflictRow[]): Promise<void> {
  await client.query(
    `INSERT INTO conflicts (collection, doc_id, office_id, fields, ancestor, master, incoming, device_id)
     SELECT c.collection, c.doc_id, c.office_id, ARRAY(SELECT jsonb_array_elements_text(c.fields)), c.ancestor, c.master, c.incoming, c.device_id
     FROM jsonb_to_recordset($1::jsonb) AS c(collection text, doc_id text, office_id text, fields jsonb,
       ancestor jsonb, master jsonb, incoming jsonb, device_id text)`,
    [JSON.stringify(rows)],
  );
}

/** A dossier refused for a code its office holds: the holder (master) and the refused one (incoming). */
export interface DuplicateCodeRow {
  doc_id: string;
  office_id: string;
  master: unknown;
  incoming: unknown;
  device_id: string;
}

/**
 * Records refused duplicate codes inside the caller's transaction. A dossier already waiting for the
 * supervisor keeps one open record, updated to the latest version pushed (the last one wins when a
 * group holds it twice: one statement may not update a row twice).
 */
export async function recordDuplicateCodes(client: pg.PoolClient, rows: DuplicateCodeRow[]): Promise<void> {
  const latest = [...new Map(rows.map((r) => [r.doc_id, r])).values()];
  await client.query(
    `INSERT INTO conflicts (collection, doc_id, office_id, fields, ancestor, master, incoming, device_id, kind)
     SELECT 'dossiers', c.doc_id, c.office_id, ARRAY['code'], NULL, c.master, c.incoming, c.device_id, 'duplicate_code'
     FROM jsonb_to_recordset($1::jsonb) AS c(doc_id text, office_id text, master jsonb, incoming jsonb, device_id text)
     ON CONFLICT (doc_id) WHERE kind = 'duplicate_code' AND resolved_at IS NULL
     DO UPDATE SET master = excluded.master, incoming = excluded.incoming, device_id = excluded.device_id`,
    [JSON.stringify(latest)],
  );
}
