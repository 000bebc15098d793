import type pg from 'pg';
import { COLLECTION_SCHEMAS, type CollectionName, type WireDocument } from '../../shared/sync/contract';
import { mergeThreeWay, sameValue, stripLocal } from '../../shared/sync/merge';
import type { DossierEvent } from '../../shared/domain';
import { recordConflicts, recordDuplicateCodes, type ConflictRow } from '../conflicts/record';
import type { ChangedRow } from './change-notice';
import {
  INSERT_STORED,
  STORED_WRITES,
  UPSERT_DOCUMENTS,
  asText,
  documentBody,
  officeOf,
  storedWritesParams,
  storedWritesParamsOf,
  toWire,
  type DocumentRow,
  type StoredWrite,
  type StoredWriteText,
} from './documents';
import { BRANCH_FIELDS } from './dossier-fold';
import { recordedDifferently, reject, type Accepted } from './push-checks';
import { refuseDuplicateCodes } from './unique-codes';
import type { PreparedGroup, WriteJob, WriteOutcome } from './write-job';

const key = (collection: CollectionName, id: string) => `${collection}/${id}`;

function storedWrite(
  job: Pick<WriteJob, 'collection' | 'device' | 'replica'>,
  doc: Record<string, unknown>,
  deleted: boolean,
  officeId: string | null,
  asPushed: boolean,
): StoredWrite {
  return {
    collection: job.collection,
    id: String(doc.id),
    office_id: officeId,
    deleted,
    doc,
    written_by: job.device.id,
    replica: asPushed ? job.replica : null,
  };
}

/**
 * The refusal of duplicate codes (unique-codes.ts), conflict detection and the write of a checked
 * group, inside the caller's transaction holding WRITE. Fills the group's outcomes; answers the rows
 * written, for the change notices.
 */
export async function writeGroup(client: pg.PoolClient, group: PreparedGroup): Promise<ChangedRow[]> {
  // Before any write: a dossier whose code its office holds is refused.
  const duplicates = await refuseDuplicateCodes(client, group);
  const { jobs, outcomes, checked } = group;
  const fresh = await insertNewDocuments(client, jobs, checked);
  const stored = jobs.map((job, i) => checked[i]!.filter((a) => !fresh.isFresh(job.collection, a)));
  // A dossier the server made from its chain goes back to the counter that pushed it.
  jobs.forEach((job, i) => {
    for (const a of checked[i]!)
      if (a.derived && fresh.isFresh(job.collection, a))
        outcomes[i]!.conflicts.push({ ...a.doc, _deleted: false } as WireDocument);
  });
  const masters = await readMasters(client, jobs, stored);
  const settled: Settled = { writes: new Map(), conflicts: [] };
  jobs.forEach((job, i) => {
    for (const a of stored[i]!) settleDocument(job, a, outcomes[i]!, masters, settled);
  });
  if (settled.writes.size > 0) {
    await client.query(UPSERT_DOCUMENTS, storedWritesParamsOf([...settled.writes.values()]));
  }
  if (settled.conflicts.length > 0) await recordConflicts(client, settled.conflicts);
  if (duplicates.length > 0) await recordDuplicateCodes(client, duplicates);
  return [...fresh.rows, ...settled.writes.values()];
}

/** The documents a group inserted, and which pushed documents they are. */
interface Inserted {
  rows: ChangedRow[];
  isFresh(collection: CollectionName, a: Accepted): boolean;
}

/**
 * Documents new to the server (nearly every push) go in at once, without reading masters first: one
 * round trip less while the WRITE lock is held. Only ids already stored fall through to conflict
 * detection (a skipped row costs a sequence number; gaps are harmless). When two pushes of the group
 * carry one id, the first is the insert and the second meets it as its master.
 */
async function insertNewDocuments(
  client: pg.PoolClient,
  jobs: WriteJob[],
  checked: Accepted[][],
): Promise<Inserted> {
  const first = new Map<string, Accepted>();
  const inserted: (ChangedRow & { key: string })[] = [];
  const inserts: StoredWriteText[] = [];
  jobs.forEach((job, i) => {
    for (const a of checked[i]!) {
      const k = key(job.collection, String(a.doc.id));
      if (first.has(k)) continue;
      first.set(k, a);
      const officeId = officeOf(job.collection, a.doc);
      // The document's JSON made when the push was read.
      inserts.push(asText(storedWrite(job, a.doc, a.deleted, officeId, !a.derived), a.json));
      inserted.push({ key: k, collection: job.collection, office_id: officeId, replica: job.replica });
    }
  });
  // Only the rows that were already stored come back (usually none): returning every inserted id
  // costs more than the insert's bookkeeping.
  const skipped = await client.query<{ collection: CollectionName; id: string }>(
    `WITH u AS (SELECT * FROM ${STORED_WRITES}),
     ins AS (
       ${INSERT_STORED} FROM u
       ON CONFLICT (collection, id) DO NOTHING RETURNING collection, id)
     SELECT u.collection, u.id FROM u
     WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.collection = u.collection AND ins.id = u.id)`,
    storedWritesParams(inserts),
  );
  const skippedKeys = new Set(skipped.rows.map((r) => key(r.collection, r.id)));
  return {
    rows: inserted.filter((r) => !skippedKeys.has(r.key)),
    isFresh(collection, a) {
      const k = key(collection, String(a.doc.id));
      return !skippedKeys.has(k) && first.get(k) === a;
    },
  };
}

/** The stored versions (masters) of the documents that were not new, by key. */
async function readMasters(
  client: pg.PoolClient,
  jobs: WriteJob[],
  stored: Accepted[][],
): Promise<Map<string, DocumentRow>> {
  const keys = jobs.flatMap((job, i) => stored[i]!.map((a) => [job.collection, String(a.doc.id)]));
  if (keys.length === 0) return new Map();
  const masters = await client.query<DocumentRow & { collection: CollectionName }>(
    `SELECT collection, id, office_id, seq, deleted, doc FROM documents
     WHERE (collection, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [keys.map((k) => k[0]), keys.map((k) => k[1])],
  );
  return new Map(masters.rows.map((r) => [key(r.collection, r.id), r as DocumentRow]));
}

/** What settling a group's already stored documents writes. */
interface Settled {
  writes: Map<string, StoredWrite>;
  conflicts: ConflictRow[];
}

/**
 * One pushed document whose id was stored: written over its master, refused, skipped (a retried
 * batch) or merged. `masters` holds, for each later push of the group, what an earlier one wrote.
 */
function settleDocument(
  job: WriteJob,
  a: Accepted,
  outcome: WriteOutcome,
  masters: Map<string, DocumentRow>,
  settled: Settled,
): void {
  const { device, collection } = job;
  const id = String(a.doc.id);
  const k = key(collection, id);
  const master = masters.get(k);
  const put = (doc: Record<string, unknown>, deleted: boolean, officeId: string | null, asPushed = true) => {
    settled.writes.set(k, storedWrite(job, doc, deleted, officeId, asPushed));
    masters.set(k, { id, office_id: officeId, seq: 0, deleted, doc });
  };
  if (!master) {
    put(a.doc, a.deleted, officeOf(collection, a.doc), !a.derived);
    if (a.derived) outcome.conflicts.push({ ...a.doc, _deleted: a.deleted } as WireDocument);
    return;
  }
  if (device.role !== 'province' && master.office_id !== device.officeId) {
    outcome.rejected.push(reject(id, 403, 'wrong_office', `document ${id} belongs to another office`));
    return;
  }
  if (collection === 'dossier_events') {
    // Checked before the lock against what was stored then; another server process may have
    // stored the same event id since. The first one recorded stays.
    if (master.deleted || a.deleted || !sameValue(master.doc, a.doc))
      outcome.rejected.push(recordedDifferently(a.doc as unknown as DossierEvent));
    return;
  }
  const masterWire = toWire(master);
  const incoming = { ...a.doc, _deleted: a.deleted } as WireDocument;
  // Versions of a dossier follow its chain: an older one never goes over a newer one, and a newer
  // fold of a chain without forks replaces the stored one whatever the counter last saw.
  const behind = Number(master.doc.eventCount ?? 0) - Number(a.doc.eventCount ?? 0);
  if (behind > 0) {
    outcome.conflicts.push(masterWire);
    return;
  }
  if (behind < 0 && !a.forced) {
    put(a.doc, a.deleted, officeOf(collection, a.doc), !a.derived);
    return;
  }
  const assumed = a.row.assumedMasterState
    ? (stripLocal(a.row.assumedMasterState as Record<string, unknown>) as WireDocument)
    : null;
  if (sameValue(masterWire, incoming)) return; // retried batch: already stored
  if (assumed && sameValue(assumed, masterWire)) {
    put(a.doc, a.deleted, officeOf(collection, a.doc), !a.derived);
    if (a.derived) outcome.conflicts.push(incoming);
    return;
  }
  const merge = mergeWithMaster(assumed, masterWire, incoming, a.forced ? a.doc : null);
  // A merge is the server's version: the pushing replica pulls it too.
  if (!sameValue(merge.next, masterWire))
    put(documentBody(merge.next), merge.next._deleted === true, master.office_id, false);
  outcome.conflicts.push(merge.next);
  if (merge.clashes.length === 0) {
    outcome.merged.push(id);
    return;
  }
  outcome.unresolved.push(id);
  settled.conflicts.push({
    collection,
    doc_id: id,
    office_id: master.office_id ?? device.officeId,
    fields: merge.clashes,
    ancestor: assumed,
    master: masterWire,
    incoming,
    device_id: device.id,
  });
}

function withoutBranchFields(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!BRANCH_FIELDS.has(key)) out[key] = value;
  return out;
}

/**
 * The client edited an older version: merge field by field against what it last saw. `next` is
 * the version to keep (the master when the merge is not a valid dossier of the same office);
 * `clashes` the fields left for the supervisor ('*' for an unusable merge).
 */
function mergeWithMaster(
  assumed: WireDocument | null,
  masterWire: WireDocument,
  incoming: WireDocument,
  fold: Record<string, unknown> | null,
): { next: WireDocument; clashes: string[] } {
  const result = mergeThreeWay(
    assumed as Record<string, unknown> | null,
    masterWire as Record<string, unknown>,
    incoming as Record<string, unknown>,
  );
  // A forked chain: what its fold decides is the fold's, only the branch fields are merged.
  const mergedWire = (
    fold ? { ...result.merged, ...withoutBranchFields(fold) } : result.merged
  ) as WireDocument;
  if (fold) result.conflicts = result.conflicts.filter((f) => BRANCH_FIELDS.has(f.split('.')[0]!));
  const parsed = COLLECTION_SCHEMAS.dossiers.safeParse(documentBody(mergedWire));
  const usable = parsed.success && sameValue(mergedWire.officeId, masterWire.officeId);
  return { next: usable ? mergedWire : masterWire, clashes: usable ? result.conflicts : ['*'] };
}
