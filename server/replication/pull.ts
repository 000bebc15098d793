import type pg from 'pg';
import { LIMITS, type Checkpoint, type CollectionName } from '../../shared/sync/contract';
import type { Device } from '../devices/device';

/**
 * One page of a pull: the documents as UTF-8 JSON, one per line (the NDJSON body of the page, sent
 * as is), and the next checkpoint.
 */
export interface PullPage {
  count: number;
  lines: Buffer;
  checkpoint: Checkpoint | null;
  /** The page read `limit` changes: more may follow, however few documents it holds. */
  more: boolean;
  /** 1 when the last document is the asking replica's own version (sent for the checkpoint). */
  echoed: number;
}

/** The document of a change the page may send: not read for the asking replica's own ($4). */
const PAGE_DOC = `CASE WHEN $4::text IS NULL OR replica IS DISTINCT FROM $4::text THEN doc END AS doc`;

/**
 * The changes after a checkpoint ($2) of a collection ($1), at most $3 of them, in server order, with
 * the documents of those not the asking replica's own: all of them (province devices), or those of
 * one office ($6) and the catalogue (office_id NULL). Each branch reads documents_office_seq in order
 * and stops at the limit; one condition for both (office or NULL) is planned as a scan of every
 * change after the checkpoint, sorted. PostgreSQL reads the scan only as far as the page needs.
 * The limit is given as a subquery (SCAN_LIMIT), which the planner cannot read: seeing the scan's
 * full limit (ten pages for a replica: ECHO_SCAN_FACTOR), it plans, once the table has statistics
 * and holds fewer changes than that, a sequential scan of every change with its document and a
 * sort, though the page reads a tenth of it.
 */
const SCAN_LIMIT = '(SELECT $3::int)';
const SCAN_ALL = `SELECT id, seq, replica, deleted, ${PAGE_DOC} FROM documents
  WHERE collection = $1 AND seq > $2::bigint ORDER BY seq LIMIT ${SCAN_LIMIT}`;
const SCAN_OFFICE = `(SELECT id, seq, replica, deleted, ${PAGE_DOC} FROM documents
    WHERE collection = $1 AND office_id = $6 AND seq > $2::bigint ORDER BY seq LIMIT ${SCAN_LIMIT})
  UNION ALL
  (SELECT id, seq, replica, deleted, ${PAGE_DOC} FROM documents
    WHERE collection = $1 AND office_id IS NULL AND seq > $2::bigint ORDER BY seq LIMIT ${SCAN_LIMIT})
  ORDER BY seq LIMIT ${SCAN_LIMIT}`;

/**
 * Changes a pull by a replica may look through for each document it sends: past its own pushes
 * (which it leaves out) in one request instead of a request per page of them. The documents of
 * the changes passed over are not read.
 */
const ECHO_SCAN_FACTOR = 10;

/** Bytes of the page per row PostgreSQL sends it in (as base64: 64 KB of text, a small string). */
const PULL_PART_BYTES = 49_152;

/**
 * The page: the first `max` changes not written by the asking replica among those scanned, and the
 * change the checkpoint moves to (the last of those when they fill the page, else the last one
 * scanned), which goes even when it is the replica's own. Its rows reach string_agg in seq order
 * (`wanted` as its ORDER BY left it, then `last`, the highest seq) and are not sorted again: sorting
 * the documents would be half the query, and nothing depends on that order (the checkpoint is given
 * apart, and a page holds each id once).
 * The bytes leave as base64 rows of PULL_PART_BYTES each: as one text, a page of a megabyte is a
 * string far costlier to read than the bytes. `_deleted` is written only when true (absent means
 * false: see pulledDocumentSchema), so a live document is its stored text, which never holds a raw
 * line feed (JSON.stringify's, or jsonb's for documents stored before migration 4).
 */
const pageSql = (scan: string) => `WITH scanned AS (${scan}),
   wanted AS (
     SELECT seq, deleted, doc FROM scanned WHERE $4::text IS NULL OR replica IS DISTINCT FROM $4::text
     ORDER BY seq LIMIT $5),
   filled AS (SELECT count(*) >= $5 AS filled_up, max(seq) AS upto FROM wanted),
   last AS (
     SELECT seq, id, replica, deleted, doc FROM documents
     WHERE collection = $1
       AND seq = (SELECT CASE WHEN filled_up THEN upto ELSE (SELECT max(seq) FROM scanned) END FROM filled)),
   page AS (
     SELECT seq, deleted, doc FROM wanted
     UNION ALL
     SELECT seq, deleted, doc FROM last WHERE replica = $4::text AND NOT (SELECT filled_up FROM filled)),
   whole AS (
     SELECT count(*)::int AS n,
            (SELECT filled_up FROM filled) OR (SELECT count(*) FROM scanned) >= $3 AS more,
            (SELECT seq FROM last) AS last_seq, (SELECT id FROM last) AS last_id,
            (SELECT count(*)::int FROM last WHERE replica = $4::text) AS echoed,
            convert_to(coalesce(string_agg(
              CASE WHEN deleted THEN (doc::jsonb || '{"_deleted": true}')::text ELSE doc::text END,
              E'\\n'), ''), 'UTF8') AS bytes
     FROM page)
   SELECT n, more, echoed, last_seq, last_id, encode(substring(bytes FROM i FOR ${PULL_PART_BYTES}), 'base64') AS part
   FROM whole, generate_series(1, greatest(octet_length(bytes), 1), ${PULL_PART_BYTES}) AS i
   ORDER BY i`;
const PAGE_ALL = pageSql(SCAN_ALL);
const PAGE_OFFICE = pageSql(SCAN_OFFICE);

/**
 * Documents changed after the checkpoint, in server order. Every writer holds the WRITE lock from
 * taking its sequence numbers until it commits, so once a pull sees seq N, every smaller seq is
 * already committed (or rolled back): advancing the checkpoint never skips a late commit.
 * Versions the asking replica pushed itself (see REPLICA_HEADER) are left out, except the last
 * change read, which always goes: RxDB keeps a checkpoint only from a page with documents, and it
 * is the checkpoint (the client would otherwise read the same changes again at every pull).
 * The page leaves PostgreSQL as the UTF-8 bytes of its documents, one per line, and goes out as is:
 * no document is decoded to a JavaScript string, joined and encoded again.
 */
export async function readPullPage(
  pool: pg.Pool,
  device: Device,
  collection: CollectionName,
  checkpoint: Checkpoint | null,
  limit: number,
  replica: string | null,
): Promise<PullPage> {
  const office = device.role === 'province' ? null : device.officeId;
  const max = Math.min(limit, LIMITS.maxPullBatch);
  const res = await pool.query<{
    n: number;
    more: boolean;
    echoed: number;
    part: string;
    last_seq: number | null;
    last_id: string | null;
  }>(office === null ? PAGE_ALL : PAGE_OFFICE, [
    collection,
    checkpoint?.seq ?? 0,
    // A replica's own changes are passed over: look further for the page's documents.
    replica === null ? max : max * ECHO_SCAN_FACTOR,
    replica,
    max,
    ...(office === null ? [] : [office]),
  ]);
  const page = res.rows[0]!;
  return {
    count: page.n,
    // base64 (line breaks every 76 characters, which Buffer skips): a third more text to read than
    // the bytes, where bytea's hex would be twice as much.
    lines: Buffer.concat(res.rows.map((r) => Buffer.from(r.part, 'base64'))),
    checkpoint:
      page.last_seq !== null && page.last_id !== null ? { seq: page.last_seq, id: page.last_id } : checkpoint,
    more: page.more,
    echoed: page.echoed,
  };
}
