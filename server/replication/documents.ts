import type { CollectionName, WireDocument } from '../../shared/sync/contract';
import { stripLocal } from '../../shared/sync/merge';
import { boolArrayParam, intArrayParam, jsonArrayParam, textArrayParam } from '../db/pg-json';

/** A row of the documents table: one replicated document, under its place in server order. */
export interface DocumentRow {
  id: string;
  office_id: string | null;
  seq: number;
  deleted: boolean;
  doc: Record<string, unknown>;
}

/** A stored document as the wire carries it. */
export function toWire(row: Pick<DocumentRow, 'doc' | 'deleted'>): WireDocument {
  return { ...row.doc, _deleted: row.deleted } as WireDocument;
}

/** A wire document as stored: without `_deleted` (a column) and the client's local fields. */
export function documentBody(doc: WireDocument): Record<string, unknown> {
  const { _deleted: _d, ...rest } = stripLocal(doc as Record<string, unknown>);
  return rest;
}

/** Which office a document belongs to; null = catalogue visible to every office. */
export function officeOf(collection: CollectionName, doc: Record<string, unknown>): string | null {
  if (
    collection === 'dossiers' ||
    collection === 'dossier_events' ||
    collection === 'officers' ||
    collection === 'counters'
  ) {
    return typeof doc.officeId === 'string' ? doc.officeId : null;
  }
  return null;
}

/** A row for the documents table, with its document (the INSERTs read it as StoredWriteText). */
export interface StoredWrite {
  collection: CollectionName;
  id: string;
  office_id: string | null;
  deleted: boolean;
  doc: Record<string, unknown>;
  written_by: string;
  /** The replica whose pushed version this is; null when the server made it (a merge). */
  replica: string | null;
}

/**
 * A StoredWrite with its document as JSON text, as the INSERTs read it, and for an event the dossier
 * and the place in its chain (columns: the push checks look events up by them).
 */
export type StoredWriteText = Omit<StoredWrite, 'doc'> & { json: string } & ChainPlace;

interface ChainPlace {
  dossier_id: string | null;
  chain_seq: number | null;
  chain_hash: string | null;
  /** The status the event leads to. */
  chain_to: string | null;
}

const NO_CHAIN_PLACE: ChainPlace = { dossier_id: null, chain_seq: null, chain_hash: null, chain_to: null };

/** An event's dossier, seq, hash and resulting status; nulls for the documents of other collections. */
function chainPlace(collection: CollectionName, doc: Record<string, unknown>): ChainPlace {
  return collection === 'dossier_events'
    ? {
        dossier_id: String(doc.dossierId),
        chain_seq: Number(doc.seq),
        chain_hash: String(doc.hash),
        chain_to: String(doc.to),
      }
    : NO_CHAIN_PLACE;
}

/** A StoredWrite as the INSERTs read it; `json` is its document's JSON when already made. */
export function asText({ doc, ...row }: StoredWrite, json = JSON.stringify(doc)): StoredWriteText {
  return { ...row, json, ...chainPlace(row.collection, doc) };
}

/** The parameters of STORED_WRITES: one array per column. */
export function storedWritesParams(rows: readonly StoredWriteText[]): Buffer[] {
  return [
    textArrayParam(rows.map((r) => r.collection)),
    textArrayParam(rows.map((r) => r.id)),
    textArrayParam(rows.map((r) => r.office_id)),
    boolArrayParam(rows.map((r) => r.deleted)),
    jsonArrayParam(rows.map((r) => r.json)),
    textArrayParam(rows.map((r) => r.written_by)),
    textArrayParam(rows.map((r) => r.replica)),
    textArrayParam(rows.map((r) => r.dossier_id)),
    intArrayParam(rows.map((r) => r.chain_seq)),
    textArrayParam(rows.map((r) => r.chain_hash)),
    textArrayParam(rows.map((r) => r.chain_to)),
  ];
}

/** storedWritesParams of rows holding their documents (serialised here). */
export function storedWritesParamsOf(rows: readonly StoredWrite[]): Buffer[] {
  return storedWritesParams(rows.map((row) => asText(row)));
}

/**
 * StoredWrite rows, one array per column ($1 to $11: storedWritesParams), as the INSERTs below read
 * them. Each document goes to PostgreSQL as its own JSON text and is stored as such (documents.doc
 * is json): not parsed into jsonb on the way in nor printed from it on the way out of a pull.
 */
export const STORED_WRITES = `unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::json[], $6::text[], $7::text[],
    $8::text[], $9::int[], $10::text[], $11::text[])
  AS u(collection, id, office_id, deleted, doc, written_by, replica, dossier_id, chain_seq, chain_hash, chain_to)`;

/** Inserting STORED_WRITES rows (as `u`), each under a new sequence number. */
export const INSERT_STORED = `INSERT INTO documents (collection, id, office_id, seq, deleted, doc, written_by, replica,
    dossier_id, chain_seq, chain_hash, chain_to)
  SELECT u.collection, u.id, u.office_id, nextval('change_seq'), u.deleted, u.doc, u.written_by, u.replica,
    u.dossier_id, u.chain_seq, u.chain_hash, u.chain_to`;

/** Writes StoredWrite rows (STORED_WRITES), each under a new sequence number, replacing what is stored. */
export const UPSERT_DOCUMENTS = `${INSERT_STORED}
  FROM ${STORED_WRITES}
  ON CONFLICT (collection, id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, doc = excluded.doc,
    office_id = excluded.office_id, written_by = excluded.written_by, replica = excluded.replica, written_at = now(),
    dossier_id = excluded.dossier_id, chain_seq = excluded.chain_seq, chain_hash = excluded.chain_hash,
    chain_to = excluded.chain_to`;
