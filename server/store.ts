import { createHash, hash, randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { z } from 'zod';
import {
  COLLECTION_SCHEMAS,
  LIMITS,
  collectionNameSchema,
  isSyncedCollection,
  type Checkpoint,
  type CollectionName,
  type ConflictRecord,
  type DeviceRole,
  type PushResponse,
  type PushRow,
  type RejectedDocument,
  type WireDocument,
} from '../shared/sync/contract';
import { canonicalJson, mergeThreeWay, sameValue, stripLocal } from '../shared/sync/merge';
import type { DossierEvent } from '../shared/domain';
import { useSha256 } from '../shared/workflow/hash';
import { CodeLeaseStore } from './codes/store';
import { boolArrayParam, intArrayParam, jsonArrayParam, textArrayParam } from './db/pg-json';
import {
  addNeeds,
  checkDossiers,
  checkEvents,
  emptyNeeds,
  loadCheckContext,
  recordedDifferently,
  reject,
  rememberStored,
  type Accepted,
} from './replication/push-checks';

// Every pushed event is hashed when its chain is verified: node:crypto's one-shot sha256 instead of
// the portable one the counters use (same digests, pinned by the audit-format test vector).
useSha256((text) => hash('sha256', text, 'hex'));

export interface Device {
  id: string;
  officeId: string;
  counterId: string;
  role: DeviceRole;
  name: string;
}

/** A `devices` row as the queries below select it (DEVICE_COLUMNS). */
interface DeviceRow {
  id: string;
  office_id: string;
  counter_id: string;
  role: DeviceRole;
  name: string;
  revoked: boolean;
}
const DEVICE_COLUMNS = 'id, office_id, counter_id, role, name, revoked_at IS NOT NULL AS revoked';
const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  officeId: r.office_id,
  counterId: r.counter_id,
  role: r.role,
  name: r.name,
});

export interface ChangeNotice {
  collection: CollectionName;
  /** Offices whose documents changed; null inside means a document visible to all. */
  officeIds: (string | null)[];
  /**
   * The replicas whose pushes the changed versions are (REPLICA_HEADER); null inside means one the
   * server wrote or whose writer is unknown. A replica whose own pushes are all of it has nothing to
   * pull.
   */
  replicas: (string | null)[];
}

/** NOTIFY channel telling every server process that a device was revoked. */
const REVOCATION_CHANNEL = 'motcua_device_revoked';
/**
 * NOTIFY channel telling every server process which collections and offices a commit changed, so
 * the live streams of devices connected to any of them say "resync" (a ChangeNotice and the
 * sender, as JSON).
 */
const CHANGES_CHANNEL = 'motcua_changes';
const changeNoticeSchema = z.object({
  collection: collectionNameSchema,
  officeIds: z.array(z.string().nullable()),
  replicas: z.array(z.string().nullable()).default([null]),
  sender: z.string(),
});
/**
 * PostgreSQL refuses NOTIFY payloads from 8000 bytes; a larger notice names every office and an
 * unknown writer (null).
 */
const MAX_NOTICE_BYTES = 7000;

/** The SQL of a COMMIT with the NOTIFYs of what it changed, delivered by it (one round trip). */
function commitNotifyingSql(client: pg.PoolClient, notices: ChangeNotice[], sender: string): string {
  const notify = notices.map((notice) => {
    let payload = JSON.stringify({ ...notice, sender });
    if (Buffer.byteLength(payload) > MAX_NOTICE_BYTES)
      payload = JSON.stringify({
        collection: notice.collection,
        officeIds: [null],
        replicas: [null],
        sender,
      });
    return `SELECT pg_notify('${CHANGES_CHANNEL}', ${client.escapeLiteral(payload)});`;
  });
  return `${notify.join(' ')} COMMIT`;
}

/** A written row as a ChangeNotice tells of it. */
type ChangedRow = Pick<StoredWrite, 'collection' | 'office_id' | 'replica'>;

/** What changed, by collection: the offices of the rows written and the replicas that wrote them. */
function noticesOf(rows: ChangedRow[]): ChangeNotice[] {
  const changed = new Map<CollectionName, { offices: Set<string | null>; replicas: Set<string | null> }>();
  for (const r of rows) {
    let c = changed.get(r.collection);
    if (!c) changed.set(r.collection, (c = { offices: new Set(), replicas: new Set() }));
    c.offices.add(r.office_id);
    c.replicas.add(r.replica);
  }
  return [...changed].map(([collection, c]) => ({
    collection,
    officeIds: [...c.offices],
    replicas: [...c.replicas],
  }));
}

/**
 * Advisory lock WRITE (keys 1, 0): held from reading masters to commit, so sequence order = commit
 * order. Taken together with BEGIN in one round trip: every hop made while holding it is paid by
 * every waiting writer.
 */
const BEGIN_WRITE = 'BEGIN; SELECT pg_advisory_xact_lock(1, 0)';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newEnrolCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 12; i++) {
    out += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
    if (i === 3 || i === 7) out += '-';
  }
  return out;
}

function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

type Row = {
  id: string;
  office_id: string | null;
  seq: number;
  deleted: boolean;
  doc: Record<string, unknown>;
};

function toWire(row: Pick<Row, 'doc' | 'deleted'>): WireDocument {
  return { ...row.doc, _deleted: row.deleted } as WireDocument;
}

function body(doc: WireDocument): Record<string, unknown> {
  const { _deleted: _d, ...rest } = stripLocal(doc as Record<string, unknown>);
  return rest;
}

/** Which office a document belongs to; null = catalogue visible to every office. */
function officeOf(collection: CollectionName, doc: Record<string, unknown>): string | null {
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
 * and stops at the limit; one condition for both (office or NULL) was planned as a scan of every
 * change after the checkpoint, sorted. PostgreSQL reads the scan only as far as the page needs.
 * The limit is given as a subquery (SCAN_LIMIT), which the planner cannot read: seeing the scan's
 * full limit (ten pages for a replica: ECHO_SCAN_FACTOR), it planned, once the table had statistics
 * and held fewer changes than that, a sequential scan of every change with its document and a sort,
 * though the page reads a tenth of it (1,000 of 9,000 events: 21 ms instead of 4.4 ms).
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

/** What the write stage answers for one push: conflicts, and refusals made by the checks. */
type WriteOutcome = Omit<PushResponse, 'serverTime'>;

/** One push waiting for the group commit: documents that passed the schema, not yet the checks. */
interface WriteJob {
  device: Device;
  /** The pushing replica (REPLICA_HEADER), if it named itself. */
  replica: string | null;
  collection: CollectionName;
  candidates: Accepted[];
  done: (outcome: WriteOutcome) => void;
  fail: (err: unknown) => void;
}

/** A row for the documents table, with its document (the INSERTs read it as StoredWriteText). */
interface StoredWrite {
  collection: CollectionName;
  id: string;
  office_id: string | null;
  deleted: boolean;
  doc: Record<string, unknown>;
  written_by: string;
  /** The replica whose pushed version this is; null when the server made it (a merge). */
  replica: string | null;
}

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
 * A StoredWrite with its document as JSON text, as the INSERTs read it, and for an event the dossier
 * and the place in its chain (columns: the push checks look events up by them).
 */
type StoredWriteText = Omit<StoredWrite, 'doc'> & { json: string } & ChainPlace;

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
function asText({ doc, ...row }: StoredWrite, json = JSON.stringify(doc)): StoredWriteText {
  return { ...row, json, ...chainPlace(row.collection, doc) };
}

/** The parameters of STORED_WRITES: one array per column. */
function storedWritesParams(rows: readonly StoredWriteText[]): Buffer[] {
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
function storedWritesParamsOf(rows: readonly StoredWrite[]): Buffer[] {
  return storedWritesParams(rows.map((row) => asText(row)));
}

interface ConflictRow {
  collection: CollectionName;
  doc_id: string;
  office_id: string;
  fields: string[];
  ancestor: unknown;
  master: unknown;
  incoming: unknown;
  device_id: string;
}

/**
 * Text PostgreSQL's JSON processing refuses, as JSON.stringify escapes it: NUL, and UTF-16 surrogates
 * without their pair (a well-formed pair is never escaped). The json column would take it, but not
 * jsonb (a conflict's copies, a deleted document's pull line) nor `->>` on it. The escape must not
 * itself be escaped (`\\u…`).
 */
const UNSTORABLE_TEXT = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** A group of pushes checked and ready to write; `events` are the events it accepted. */
interface PreparedGroup {
  jobs: WriteJob[];
  outcomes: WriteOutcome[];
  checked: Accepted[][];
  events: DossierEvent[];
}

/**
 * StoredWrite rows, one array per column ($1 to $11: storedWritesParams), as the INSERTs below read
 * them. Each document goes to PostgreSQL as its own JSON text and is stored as such (documents.doc
 * is json): not parsed into jsonb on the way in nor printed from it on the way out of a pull.
 */
const STORED_WRITES = `unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::json[], $6::text[], $7::text[],
    $8::text[], $9::int[], $10::text[], $11::text[])
  AS u(collection, id, office_id, deleted, doc, written_by, replica, dossier_id, chain_seq, chain_hash, chain_to)`;

/** Inserting STORED_WRITES rows (as `u`), each under a new sequence number. */
const INSERT_STORED = `INSERT INTO documents (collection, id, office_id, seq, deleted, doc, written_by, replica,
    dossier_id, chain_seq, chain_hash, chain_to)
  SELECT u.collection, u.id, u.office_id, nextval('change_seq'), u.deleted, u.doc, u.written_by, u.replica,
    u.dossier_id, u.chain_seq, u.chain_hash, u.chain_to`;

/** Writes StoredWrite rows (STORED_WRITES), each under a new sequence number, replacing what is stored. */
const UPSERT_DOCUMENTS = `${INSERT_STORED}
  FROM ${STORED_WRITES}
  ON CONFLICT (collection, id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, doc = excluded.doc,
    office_id = excluded.office_id, written_by = excluded.written_by, replica = excluded.replica, written_at = now(),
    dossier_id = excluded.dossier_id, chain_seq = excluded.chain_seq, chain_hash = excluded.chain_hash,
    chain_to = excluded.chain_to`;

/** A group taken from the queue whose checks are running. */
interface CheckingGroup {
  jobs: WriteJob[];
  prepared: Promise<PreparedGroup>;
}

/** Rows one group commit takes at most (pushes are up to LIMITS.maxPushRows each). */
const MAX_GROUP_ROWS = 5000;

export class SyncStore {
  readonly changes = new EventEmitter<{ change: [ChangeNotice]; revoked: [string] }>();
  /** Test hook: runs inside the write transaction just before COMMIT, given how many pushes it holds. */
  beforeCommit?: (pushes: number) => Promise<void>;

  /**
   * Writers of this process queue here for WRITE before taking a pool connection: otherwise every
   * concurrent push parks a connection waiting on the advisory lock and starves the reads (device
   * checks, validation, pulls) of the pool. Released once the lock is held, so the ordering still
   * rests on the advisory lock alone (and holds across server processes).
   */
  private writeQueue: Promise<void> = Promise.resolve();
  /** Pushes waiting for the next group commit, and whether one is running (see write). */
  private readonly writeJobs: WriteJob[] = [];
  private writing = false;
  /** Active devices by token hash, kept only while `revocations` listens. */
  private readonly devices = new Map<string, Device>();
  private revocations: pg.PoolClient | null = null;
  private stopped = false;

  /** Tells this process's NOTIFYs from other processes' (see CHANGES_CHANNEL). */
  private readonly sender = randomUUID();

  constructor(readonly pool: pg.Pool) {
    this.changes.setMaxListeners(0);
  }

  /** A connection inside a transaction that holds WRITE. */
  private async beginWrite(): Promise<pg.PoolClient> {
    let release!: () => void;
    const previous = this.writeQueue;
    this.writeQueue = new Promise<void>((r) => (release = r));
    await previous;
    try {
      const client = await this.pool.connect();
      try {
        await client.query(BEGIN_WRITE);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
        throw err;
      }
      return client;
    } finally {
      release();
    }
  }

  // ---------------------------------------------------------------- devices and enrolment

  async issueEnrolCode(
    officeId: string,
    role: DeviceRole,
    ttlMinutes: number,
  ): Promise<{ code: string; expiresAt: string }> {
    const code = newEnrolCode();
    const expires = new Date(Date.now() + ttlMinutes * 60_000);
    await this.pool.query(
      'INSERT INTO enrol_codes (code_hash, office_id, role, expires_at) VALUES ($1, $2, $3, $4)',
      [hashSecret(normaliseCode(code)), officeId, role, expires],
    );
    return { code, expiresAt: expires.toISOString() };
  }

  /** Uses the code once; returns the device and its bearer token (only its hash is stored). */
  async enrol(
    code: string,
    counterId: string,
    name: string,
  ): Promise<{ device: Device; token: string } | { error: 'enrol_code_invalid' | 'not_found' }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const found = await client.query<{ office_id: string; role: DeviceRole }>(
        `UPDATE enrol_codes SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING office_id, role`,
        [hashSecret(normaliseCode(code))],
      );
      const grant = found.rows[0];
      if (!grant) {
        await client.query('ROLLBACK');
        return { error: 'enrol_code_invalid' };
      }
      if (grant.role === 'counter') {
        const counter = await client.query(
          `SELECT 1 FROM documents WHERE collection = 'counters' AND id = $1 AND office_id = $2 AND NOT deleted`,
          [counterId, grant.office_id],
        );
        if (counter.rowCount === 0) {
          await client.query('ROLLBACK');
          return { error: 'not_found' };
        }
      }
      const token = `mc1_${randomBytes(32).toString('base64url')}`;
      const device: Device = {
        id: randomUUID(),
        officeId: grant.office_id,
        counterId,
        role: grant.role,
        name,
      };
      await client.query(
        'INSERT INTO devices (id, office_id, counter_id, role, name, token_hash) VALUES ($1, $2, $3, $4, $5, $6)',
        [device.id, device.officeId, device.counterId, device.role, device.name, hashSecret(token)],
      );
      await client.query('UPDATE enrol_codes SET used_by = $2 WHERE code_hash = $1', [
        hashSecret(normaliseCode(code)),
        device.id,
      ]);
      await client.query('COMMIT');
      return { device, token };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** Looked up on every request (primary-key read), so a revocation applies at once. */
  async authenticate(token: string): Promise<Device | 'revoked' | null> {
    const tokenHash = hashSecret(token);
    const cached = this.devices.get(tokenHash);
    if (cached) return cached;
    const res = await this.pool.query<DeviceRow>(
      `SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = $1`,
      [tokenHash],
    );
    const row = res.rows[0];
    if (!row) return null;
    if (row.revoked) return 'revoked';
    const device = toDevice(row);
    // Remembered only while revocations reach this process (see listenForNotices).
    if (this.revocations) this.devices.set(tokenHash, device);
    return device;
  }

  /**
   * Every request authenticates its device; a database round trip each time is a large share of a
   * small push. Active devices are remembered in memory while this process LISTENs for revocations
   * (made by any server process or the CLI: revokeDevice NOTIFYs on commit). If the listening
   * connection drops, the memory is cleared and not used until it listens again. The same
   * connection hears what other server processes commit (CHANGES_CHANNEL), for the live streams.
   */
  async listenForNotices(): Promise<void> {
    if (this.stopped) return;
    let client: pg.PoolClient | null = null;
    try {
      client = await this.pool.connect();
      const listener = client;
      const lost = () => {
        if (this.revocations !== listener) return;
        this.revocations = null;
        this.devices.clear();
        listener.release(true);
        if (!this.stopped) setTimeout(() => void this.listenForNotices(), 1000).unref();
      };
      listener.on('notification', (msg) => {
        if (msg.channel === REVOCATION_CHANNEL) {
          this.devices.clear();
          if (msg.payload) this.changes.emit('revoked', msg.payload);
        } else if (msg.channel === CHANGES_CHANNEL) this.noticeFromElsewhere(msg.payload);
      });
      listener.on('error', lost);
      listener.on('end', lost);
      await listener.query(`LISTEN ${REVOCATION_CHANNEL}; LISTEN ${CHANGES_CHANNEL}`);
      this.devices.clear();
      this.revocations = listener;
    } catch {
      client?.release(true);
      if (!this.stopped) setTimeout(() => void this.listenForNotices(), 1000).unref();
    }
  }

  /**
   * COMMITs a write transaction with the NOTIFY of what its rows changed (to every server process,
   * in the same round trip, while the WRITE lock is held), then tells this process's live streams.
   */
  private async commitAnnouncing(client: pg.PoolClient, rows: ChangedRow[]): Promise<void> {
    const notices = noticesOf(rows);
    await client.query(commitNotifyingSql(client, notices, this.sender));
    for (const notice of notices) this.changes.emit('change', notice);
  }

  /** A change another server process committed (its own ones are emitted as they commit). */
  private noticeFromElsewhere(payload: string | undefined): void {
    let parsed: ReturnType<typeof changeNoticeSchema.safeParse>;
    try {
      parsed = changeNoticeSchema.safeParse(JSON.parse(payload ?? ''));
    } catch {
      return; // not a notice of ours
    }
    if (!parsed.success || parsed.data.sender === this.sender) return;
    const { collection, officeIds, replicas } = parsed.data;
    this.changes.emit('change', { collection, officeIds, replicas });
  }

  /** Ends listening (server shutdown): the pool can then close. */
  stopListening(): void {
    this.stopped = true;
    const listener = this.revocations;
    this.revocations = null;
    this.devices.clear();
    listener?.release();
  }

  /**
   * Refuses the device from now on and, when no other active device serves its counter, retires
   * the counter's dossier-code slot: the slot can go to a new counter, and the revoked PC (stolen,
   * broken, reinstalled) can never collide with it since none of its pushes is accepted any more.
   */
  async revokeDevice(deviceId: string): Promise<boolean> {
    // The NOTIFY goes out on commit, to every server process remembering devices.
    const res = await this.pool.query<{ office_id: string; counter_id: string; role: DeviceRole }>(
      `WITH r AS (UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL
                  RETURNING id, office_id, counter_id, role)
       SELECT office_id, counter_id, role, pg_notify('${REVOCATION_CHANNEL}', id) FROM r`,
      [deviceId],
    );
    const revoked = res.rows[0];
    if (!revoked) return false;
    this.devices.clear();
    this.changes.emit('revoked', deviceId);
    if (revoked.role === 'counter') {
      const others = await this.pool.query(
        `SELECT 1 FROM devices WHERE office_id = $1 AND counter_id = $2 AND role = 'counter' AND revoked_at IS NULL LIMIT 1`,
        [revoked.office_id, revoked.counter_id],
      );
      // codes.not_enrolled (the counter never asked for codes) leaves nothing to retire.
      if (others.rowCount === 0)
        await new CodeLeaseStore(this.pool).retire(revoked.office_id, revoked.counter_id);
    }
    return true;
  }

  async listDevices(officeId?: string): Promise<(Device & { revoked: boolean })[]> {
    const res = await this.pool.query<DeviceRow>(
      `SELECT ${DEVICE_COLUMNS} FROM devices WHERE $1::text IS NULL OR office_id = $1 ORDER BY created_at`,
      [officeId ?? null],
    );
    return res.rows.map((r) => ({ ...toDevice(r), revoked: r.revoked }));
  }

  // ---------------------------------------------------------------- pull

  /**
   * Documents changed after the checkpoint, in server order. Every writer holds the WRITE lock from
   * taking its sequence numbers until it commits, so once a pull sees seq N, every smaller seq is
   * already committed (or rolled back): advancing the checkpoint never skips a late commit.
   * Versions the asking replica pushed itself (see REPLICA_HEADER) are left out, except the last
   * change read, which always goes: RxDB keeps a checkpoint only from a page with documents, and it
   * is the checkpoint (the client would otherwise read the same changes again at every pull).
   */
  async pull(
    device: Device,
    collection: CollectionName,
    checkpoint: Checkpoint | null,
    limit: number,
    replica: string | null = null,
  ): Promise<PullPage> {
    const office = device.role === 'province' ? null : device.officeId;
    const max = Math.min(limit, LIMITS.maxPullBatch);
    // The page leaves PostgreSQL as the UTF-8 bytes of its documents, one per line, and goes out as
    // is: decoding every document to a JavaScript string, joining them and encoding them again was
    // most of the server's work for a large pull. The bytes come as base64 rows of PULL_PART_BYTES
    // each: as one text, a page of a megabyte is a string far costlier to read than the bytes.
    // `_deleted` is written only when true (absent means false: see pulledDocumentSchema), so a
    // live document is its stored text, which never holds a raw line feed (JSON.stringify's, or
    // jsonb's for documents stored before migration 4).
    // The page: the first `max` changes not written by the asking replica among those scanned, and
    // the change the checkpoint moves to (the last of those when they fill the page, else the last
    // one scanned), which goes even when it is the replica's own. Its rows reach string_agg in seq
    // order (`wanted` as its ORDER BY left it, then `last`, the highest seq) and are not sorted
    // again: sorting the documents was half the query (1,000 events: 7.8 ms with the sort, 3.9 ms
    // without). Nothing depends on that order anyway: the checkpoint is given apart, and a page
    // holds each id once.
    const res = await this.pool.query<{
      n: number;
      more: boolean;
      echoed: number;
      part: string;
      last_seq: number | null;
      last_id: string | null;
    }>(
      `WITH scanned AS (${office === null ? SCAN_ALL : SCAN_OFFICE}),
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
       ORDER BY i`,
      [
        collection,
        checkpoint?.seq ?? 0,
        // A replica's own changes are passed over: look further for the page's documents.
        replica === null ? max : max * ECHO_SCAN_FACTOR,
        replica,
        max,
        ...(office === null ? [] : [office]),
      ],
    );
    const page = res.rows[0]!;
    return {
      count: page.n,
      // base64 (line breaks every 76 characters, which Buffer skips): a third more text to read than
      // the bytes, where bytea's hex would be twice as much.
      lines: Buffer.concat(res.rows.map((r) => Buffer.from(r.part, 'base64'))),
      checkpoint:
        page.last_seq !== null && page.last_id !== null
          ? { seq: page.last_seq, id: page.last_id }
          : checkpoint,
      more: page.more,
      echoed: page.echoed,
    };
  }

  // ---------------------------------------------------------------- push

  async push(
    device: Device,
    collection: CollectionName,
    rows: PushRow[],
    replica: string | null = null,
  ): Promise<Omit<PushResponse, 'serverTime'>> {
    const rejected: RejectedDocument[] = [];
    if (!isSyncedCollection(collection)) {
      return {
        conflicts: [],
        merged: [],
        unresolved: [],
        rejected: rows.map((r) =>
          reject(
            String(r.newDocumentState.id),
            403,
            'read_only_collection',
            `${collection} is managed by the province`,
          ),
        ),
      };
    }
    // Last row per id wins inside one batch (RxDB never sends two, a hand-made batch might).
    const byId = new Map<string, PushRow>();
    for (const row of rows) byId.set(row.newDocumentState.id, row);

    const candidates: Accepted[] = [];
    for (const row of byId.values()) {
      const id = row.newDocumentState.id;
      // The document as it will be stored, serialised once: for the limits here and for the INSERT.
      const doc = body(row.newDocumentState);
      const json = JSON.stringify(doc);
      const size = Buffer.byteLength(json);
      if (size > LIMITS.maxDocumentBytes) {
        rejected.push(reject(id, 413, 'too_large', `${size} bytes > ${LIMITS.maxDocumentBytes}`));
        continue;
      }
      // JSON.stringify writes \u escapes only for control characters and lone surrogates: most
      // documents have none, and looking for the two characters is far cheaper than the pattern.
      if (json.includes('\\u') && UNSTORABLE_TEXT.test(json)) {
        rejected.push(
          reject(
            id,
            422,
            'schema_invalid',
            'text with a NUL character or an unpaired surrogate (not storable)',
          ),
        );
        continue;
      }
      const parsed = COLLECTION_SCHEMAS[collection].safeParse(doc);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`);
        rejected.push(reject(id, 422, 'schema_invalid', issues.join('; ')));
        continue;
      }
      const officeId = String(doc.officeId);
      if (device.role !== 'province' && officeId !== device.officeId) {
        rejected.push(
          reject(
            id,
            403,
            'wrong_office',
            `document of office ${officeId}, device of office ${device.officeId}`,
          ),
        );
        continue;
      }
      candidates.push({ row, doc, json, deleted: row.newDocumentState._deleted === true });
    }

    if (candidates.length === 0) return { conflicts: [], merged: [], unresolved: [], rejected };
    const written = await this.write({ device, replica, collection, candidates });
    return { ...written, rejected: [...rejected, ...written.rejected] };
  }

  /**
   * Queues the accepted documents of one push for the next group commit and resolves once they are
   * committed. Pushes arriving while a transaction runs are written together in the next one: one
   * WRITE lock, one INSERT and one COMMIT for all of them, so fifty counters pushing at once do not
   * each wait for forty-nine commits.
   */
  private write(job: Omit<WriteJob, 'done' | 'fail'>): Promise<WriteOutcome> {
    return new Promise((done, fail) => {
      this.writeJobs.push({ ...job, done, fail });
      void this.drainWrites();
    });
  }

  /** Takes the pushes of the next group (up to MAX_GROUP_ROWS rows, at least one push). */
  private takeGroup(): WriteJob[] {
    const group: WriteJob[] = [];
    let rows = 0;
    while (this.writeJobs.length > 0 && (group.length === 0 || rows < MAX_GROUP_ROWS)) {
      const job = this.writeJobs.shift()!;
      group.push(job);
      rows += job.candidates.length;
    }
    return group;
  }

  /**
   * The group commit loop, two groups deep: while one group is written (under the WRITE lock), the
   * next one is read for and checked, counting the events of the one being written as stored. When a
   * write fails, the group prepared behind it is prepared again (it counted on those events), and the
   * failed group's pushes are written one by one, so one push the database refuses fails alone.
   */
  private async drainWrites(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    let ahead: CheckingGroup | null = null;
    try {
      while (ahead || this.writeJobs.length > 0) {
        const current = ahead ?? this.prepareNext([]);
        ahead = null;
        let prepared: PreparedGroup;
        try {
          prepared = await current.prepared;
        } catch {
          await this.writeAlone(current.jobs);
          continue;
        }
        if (this.writeJobs.length > 0) {
          ahead = this.prepareNext(prepared.events);
          ahead.prepared.catch(() => {}); // awaited on the next turn, or dropped below
        }
        try {
          const outcomes = await this.commitGroup(prepared);
          current.jobs.forEach((job, i) => job.done(outcomes[i]!));
        } catch {
          if (ahead) {
            this.writeJobs.unshift(...ahead.jobs);
            ahead = null;
          }
          await this.writeAlone(current.jobs);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** Takes the next group and starts checking it, counting `writing` (events being written) as stored. */
  private prepareNext(writing: DossierEvent[]): CheckingGroup {
    const jobs = this.takeGroup();
    return { jobs, prepared: this.prepareGroup(jobs, writing) };
  }

  /** Writes each push in a group of its own (after a group failed): a failure is that push's alone. */
  private async writeAlone(jobs: WriteJob[]): Promise<void> {
    for (const job of jobs) {
      try {
        job.done((await this.commitGroup(await this.prepareGroup([job], [])))[0]!);
      } catch (err) {
        job.fail(err);
      }
    }
  }

  /**
   * The workflow checks of a group, on what one query read for the whole group (a round trip per push
   * cost more than the checks): an event whose parent came in an earlier push of the group, or in the
   * group being written (`writing`), is checked against it.
   */
  private async prepareGroup(jobs: WriteJob[], writing: DossierEvent[]): Promise<PreparedGroup> {
    const outcomes: WriteOutcome[] = jobs.map(() => ({
      conflicts: [],
      merged: [],
      unresolved: [],
      rejected: [],
    }));
    const needs = emptyNeeds();
    for (const job of jobs) addNeeds(needs, job.collection, job.candidates);
    const ctx = await loadCheckContext(this.pool, needs);
    for (const event of writing) rememberStored(ctx, event);
    const checked = jobs.map((job, i) =>
      job.collection === 'dossier_events'
        ? checkEvents(job.candidates, outcomes[i]!.rejected, ctx)
        : checkDossiers(job.candidates, outcomes[i]!.rejected, ctx),
    );
    const events = jobs.flatMap((job, i) =>
      job.collection === 'dossier_events' ? checked[i]!.map((a) => a.doc as unknown as DossierEvent) : [],
    );
    return { jobs, outcomes, checked, events };
  }

  /** Conflict detection and the write of a checked group, in one transaction under the WRITE lock. */
  private async commitGroup(group: PreparedGroup): Promise<WriteOutcome[]> {
    const { jobs, outcomes, checked } = group;
    const key = (collection: CollectionName, id: string) => `${collection}/${id}`;
    const client = await this.beginWrite();
    try {
      // Documents new to the server (nearly every push) go in at once, without reading masters
      // first: one round trip less while the WRITE lock is held. Only ids already stored fall through
      // to conflict detection below (a skipped row costs a sequence number; gaps are harmless). When
      // two pushes of the group carry one id, the first is the insert and the second meets it below.
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
          inserts.push(asText(storedWrite(job, a.doc, a.deleted, officeId, true), a.json));
          inserted.push({ key: k, collection: job.collection, office_id: officeId, replica: job.replica });
        }
      });
      // Only the rows that were already stored come back (usually none): returning every inserted
      // id cost more than the insert's bookkeeping.
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
      const isFresh = (job: WriteJob, a: Accepted) => {
        const k = key(job.collection, String(a.doc.id));
        return !skippedKeys.has(k) && first.get(k) === a;
      };
      const stored = jobs.map((job, i) => checked[i]!.filter((a) => !isFresh(job, a)));
      const storedKeys = jobs.flatMap((job, i) => stored[i]!.map((a) => [job.collection, String(a.doc.id)]));
      const masters =
        storedKeys.length === 0
          ? { rows: [] as (Row & { collection: CollectionName })[] }
          : await client.query<Row & { collection: CollectionName }>(
              `SELECT collection, id, office_id, seq, deleted, doc FROM documents
               WHERE (collection, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
              [storedKeys.map((k) => k[0]), storedKeys.map((k) => k[1])],
            );
      // The master each later push of the group meets: what an earlier one wrote, if it did.
      const masterByKey = new Map(masters.rows.map((r) => [key(r.collection, r.id), r as Row]));
      const writes = new Map<string, StoredWrite>();
      const conflictRows: ConflictRow[] = [];
      jobs.forEach((job, i) => {
        const { device, collection } = job;
        const outcome = outcomes[i]!;
        for (const a of stored[i]!) {
          const id = String(a.doc.id);
          const k = key(collection, id);
          const master = masterByKey.get(k);
          const incoming = { ...a.doc, _deleted: a.deleted } as WireDocument;
          const put = (
            doc: Record<string, unknown>,
            deleted: boolean,
            officeId: string | null,
            asPushed = true,
          ) => {
            writes.set(k, storedWrite(job, doc, deleted, officeId, asPushed));
            masterByKey.set(k, { id, office_id: officeId, seq: 0, deleted, doc });
          };
          if (!master) {
            put(a.doc, a.deleted, officeOf(collection, a.doc));
            continue;
          }
          if (device.role !== 'province' && master.office_id !== device.officeId) {
            outcome.rejected.push(
              reject(id, 403, 'wrong_office', `document ${id} belongs to another office`),
            );
            continue;
          }
          if (collection === 'dossier_events') {
            // Checked before the lock against what was stored then; another server process may have
            // stored the same event id since. The first one recorded stays.
            if (master.deleted || a.deleted || !sameValue(master.doc, a.doc))
              outcome.rejected.push(recordedDifferently(a.doc as unknown as DossierEvent));
            continue;
          }
          const masterWire = toWire(master);
          const assumed = a.row.assumedMasterState
            ? (stripLocal(a.row.assumedMasterState as Record<string, unknown>) as WireDocument)
            : null;
          if (sameValue(masterWire, incoming)) continue; // retried batch: already stored
          if (assumed && sameValue(assumed, masterWire)) {
            put(a.doc, a.deleted, officeOf(collection, a.doc));
            continue;
          }
          // The client edited an older version: merge field by field against what it last saw.
          const result = mergeThreeWay(
            assumed as Record<string, unknown> | null,
            masterWire as Record<string, unknown>,
            incoming as Record<string, unknown>,
          );
          const mergedWire = result.merged as WireDocument;
          const parsed = COLLECTION_SCHEMAS.dossiers.safeParse(body(mergedWire));
          const usable = parsed.success && sameValue(mergedWire.officeId, masterWire.officeId);
          const next = usable ? mergedWire : masterWire;
          // A merge is the server's version: the pushing replica pulls it too.
          if (!sameValue(next, masterWire)) put(body(next), next._deleted === true, master.office_id, false);
          outcome.conflicts.push(next);
          if (result.conflicts.length === 0 && usable) outcome.merged.push(id);
          else {
            outcome.unresolved.push(id);
            conflictRows.push({
              collection,
              doc_id: id,
              office_id: master.office_id ?? device.officeId,
              fields: usable ? result.conflicts : ['*'],
              ancestor: assumed,
              master: masterWire,
              incoming,
              device_id: device.id,
            });
          }
        }
      });
      if (writes.size > 0) {
        await client.query(UPSERT_DOCUMENTS, storedWritesParamsOf([...writes.values()]));
      }
      if (conflictRows.length > 0) {
        await client.query(
          `INSERT INTO conflicts (collection, doc_id, office_id, fields, ancestor, master, incoming, device_id)
           SELECT c.collection, c.doc_id, c.office_id, ARRAY(SELECT jsonb_array_elements_text(c.fields)), c.ancestor, c.master, c.incoming, c.device_id
           FROM jsonb_to_recordset($1::jsonb) AS c(collection text, doc_id text, office_id text, fields jsonb,
             ancestor jsonb, master jsonb, incoming jsonb, device_id text)`,
          [JSON.stringify(conflictRows)],
        );
      }
      if (this.beforeCommit) await this.beforeCommit(jobs.length);
      const freshRows = inserted.filter((r) => !skippedKeys.has(r.key));
      await this.commitAnnouncing(client, [...freshRows, ...writes.values()]);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    return outcomes;
  }

  // ---------------------------------------------------------------- catalogue (province → counters)

  /** Validated upsert of catalogue documents by a province admin (procedures, officers, holidays…). */
  async upsertCatalogue(
    collection: CollectionName,
    docs: WireDocument[],
    writer: string,
  ): Promise<{ written: number; rejected: RejectedDocument[] }> {
    const rejected: RejectedDocument[] = [];
    const writes: StoredWrite[] = [];
    for (const d of docs) {
      const doc = body(d);
      const parsed = COLLECTION_SCHEMAS[collection].safeParse(doc);
      if (!parsed.success) {
        rejected.push(
          reject(
            d.id,
            422,
            'schema_invalid',
            parsed.error.issues
              .slice(0, 5)
              .map((i) => `${i.path.join('.')}: ${i.message}`)
              .join('; '),
          ),
        );
        continue;
      }
      writes.push({
        collection,
        id: d.id,
        office_id: officeOf(collection, doc),
        deleted: d._deleted === true,
        doc,
        written_by: writer,
        replica: null,
      });
    }
    if (writes.length === 0) return { written: 0, rejected };
    const client = await this.beginWrite();
    try {
      await client.query(UPSERT_DOCUMENTS, storedWritesParamsOf(writes));
      await this.commitAnnouncing(client, writes);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    return { written: writes.length, rejected };
  }

  // ---------------------------------------------------------------- conflicts for the supervisor

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
    }>(
      `SELECT id, doc_id, office_id, fields, ancestor, master, incoming, device_id, created_at, resolved_at IS NOT NULL AS resolved
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
    }));
  }

  async resolveConflict(device: Device, id: number): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE conflicts SET resolved_at = now() WHERE id = $1 AND resolved_at IS NULL AND ($2::text IS NULL OR office_id = $2)`,
      [id, device.role === 'province' ? null : device.officeId],
    );
    return (res.rowCount ?? 0) > 0;
  }

  /** Stable fingerprint of what the server holds (tests compare replicas with it). */
  async fingerprint(collection: CollectionName, officeId?: string): Promise<string[]> {
    const res = await this.pool.query<Row>(
      'SELECT id, deleted, doc FROM documents WHERE collection = $1 AND ($2::text IS NULL OR office_id = $2) ORDER BY id',
      [collection, officeId ?? null],
    );
    return res.rows.map((r) => canonicalJson(toWire(r)));
  }
}
