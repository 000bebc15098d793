import type pg from 'pg';
import {
  isSyncedCollection,
  type Checkpoint,
  type CollectionName,
  type PushResponse,
  type PushRow,
  type RejectedDocument,
} from '../../shared/sync/contract';
import { canonicalJson } from '../../shared/sync/merge';
import type { WriteLock } from '../db/write-lock';
import type { Device } from '../devices/device';
import { toWire, type DocumentRow } from './documents';
import { GroupCommit } from './group-commit';
import './native-hash';
import type { ChangeNotices } from './notices';
import { readPullPage, type PullPage } from './pull';
import { admitRows, refuseReadOnly } from './push';

/** Replication of the documents: pull, push, and what changed for the live streams. */
export class ReplicationStore {
  private readonly groupCommit: GroupCommit;

  constructor(
    private readonly pool: pg.Pool,
    writeLock: WriteLock,
    private readonly notices: ChangeNotices,
    private readonly options: { clockSkewMs: number },
  ) {
    this.groupCommit = new GroupCommit(pool, writeLock, notices);
  }

  /** 'change' with a ChangeNotice for each commit of any server process. */
  get changes(): ChangeNotices['changes'] {
    return this.notices.changes;
  }

  /** Test hook: runs inside the write transaction just before COMMIT, given how many pushes it holds. */
  get beforeCommit(): GroupCommit['beforeCommit'] {
    return this.groupCommit.beforeCommit;
  }
  set beforeCommit(hook: GroupCommit['beforeCommit']) {
    this.groupCommit.beforeCommit = hook;
  }

  /** A page of the documents changed after the checkpoint that the device may read (pull.ts). */
  pull(
    device: Device,
    collection: CollectionName,
    checkpoint: Checkpoint | null,
    limit: number,
    replica: string | null = null,
  ): Promise<PullPage> {
    return readPullPage(this.pool, device, collection, checkpoint, limit, replica);
  }

  /**
   * Stores what a push may store: its rows pass the limits and the schema (push.ts), then the
   * workflow checks, the office's one dossier per code (unique-codes.ts) and the conflict detection
   * of the group commit they join (group-commit.ts).
   */
  async push(
    device: Device,
    collection: CollectionName,
    rows: PushRow[],
    replica: string | null = null,
  ): Promise<Omit<PushResponse, 'serverTime'>> {
    if (!isSyncedCollection(collection))
      return { conflicts: [], merged: [], unresolved: [], rejected: refuseReadOnly(collection, rows) };
    const rejected: RejectedDocument[] = [];
    const timing = { arrivedAt: Date.now(), clockSkewMs: this.options.clockSkewMs };
    const candidates = admitRows(device, collection, rows, rejected, {
      latestAt: timing.arrivedAt + timing.clockSkewMs,
    });
    if (candidates.length === 0) return { conflicts: [], merged: [], unresolved: [], rejected };
    const written = await this.groupCommit.write({ device, replica, collection, candidates, timing });
    return { ...written, rejected: [...rejected, ...written.rejected] };
  }

  /** Stable fingerprint of what the server holds (tests compare replicas with it). */
  async fingerprint(collection: CollectionName, officeId?: string): Promise<string[]> {
    const res = await this.pool.query<DocumentRow>(
      'SELECT id, deleted, doc FROM documents WHERE collection = $1 AND ($2::text IS NULL OR office_id = $2) ORDER BY id',
      [collection, officeId ?? null],
    );
    return res.rows.map((r) => canonicalJson(toWire(r)));
  }
}
