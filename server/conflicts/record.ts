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
