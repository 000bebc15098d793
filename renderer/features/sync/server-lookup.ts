import { createRevision, getAssumedMasterState, getMetaWriteRow, now } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { Checkpoint, CollectionName } from '../../../shared/sync/contract';
import {
  DOSSIER_LOOKUP_PATH,
  dossierLookupResponseSchema,
  type DossierLookup,
} from '../../../shared/sync/lookup';
import type { AnyCollection, AnyDoc } from './client';
import { HttpError, type ServerConnection } from './http';

/**
 * What the server said of a lookup: the dossiers found (now in the replica), none found, or no
 * answer (the server could not be reached: the counter is offline).
 */
export type ServerLookupResult =
  { status: 'found'; dossierIds: string[]; more: boolean } | { status: 'none' } | { status: 'offline' };

export interface ServerLookupOptions {
  /** How long the server may take to answer before the counter says it is offline. */
  timeoutMs?: number;
}

/**
 * Looks dossiers up on the server (shared/sync/lookup.ts) and stores what comes back as RxDB's pull
 * stores a document the replica does not hold: the server's version recorded as the replication's
 * assumed master state first (so the push never sends it back, and a later pull of the same version
 * changes nothing), then the document itself, through the collection's storage (blind index and
 * encrypted fields included). Not handed to the replication's pull stream: a page waits there
 * behind a pull in progress, which on a poor link, or with a failing pull retried, could be long.
 * The pull checkpoint does not move: the history still comes down in order.
 */
export class ServerLookup {
  constructor(
    private readonly server: ServerConnection,
    private readonly collections: Partial<Record<CollectionName, AnyCollection>>,
    private readonly replications: ReadonlyMap<CollectionName, RxReplicationState<AnyDoc, Checkpoint>>,
    private readonly opts: ServerLookupOptions = {},
  ) {}

  /** Asks the server; stores what it found (events first, then their dossiers) and says so. */
  async find(query: DossierLookup): Promise<ServerLookupResult> {
    let answer: unknown;
    try {
      answer = await this.server.askJson(DOSSIER_LOOKUP_PATH, query, this.opts.timeoutMs ?? 15_000);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      return { status: 'offline' };
    }
    const res = dossierLookupResponseSchema.parse(answer);
    if (res.dossiers.length === 0) return { status: 'none' };
    await this.store('dossier_events', res.events);
    await this.store('dossiers', res.dossiers);
    return { status: 'found', dossierIds: res.dossiers.map((d) => d.id), more: res.more };
  }

  /**
   * Stores the documents the replica does not hold. One the pull stored meanwhile is left as the
   * pull wrote it: its assumed state exists (not overwritten), and its insert conflicts (409,
   * ignored).
   */
  private async store(name: CollectionName, docs: AnyDoc[]): Promise<void> {
    if (docs.length === 0) return;
    const collection = this.collections[name];
    const replication = this.replications.get(name);
    if (!collection || !replication) throw new Error(`lookup: ${name} is not replicated`);
    await replication.startPromise;
    const state = replication.internalReplicationState;
    if (!state) throw new Error(`lookup: the replication of ${name} has not started`);
    const ids = docs.map((d) => String(d.id));
    const [held, assumed] = await Promise.all([
      collection.findByIds(ids).exec(),
      getAssumedMasterState(state, ids),
    ]);
    const absent = docs.filter((d) => !held.has(String(d.id)) && !assumed[String(d.id)]);
    if (absent.length === 0) return;
    const meta = await Promise.all(absent.map((d) => getMetaWriteRow(state, { ...d, _deleted: false })));
    const written = await state.input.metaInstance.bulkWrite(meta, 'motcua-lookup-meta');
    const refused = new Set(written.error.map((e) => e.documentId));
    const fresh = absent.filter((_, i) => !refused.has(meta[i]!.document.id));
    // Written as RxDB's downstream writes a pulled document the replica lacks, under its context:
    // the push leaves it alone, and the sync status counts it as received, not as local work.
    const origin = await state.input.hashFunction(state.input.identifier);
    const rows = fresh.map((doc) => ({
      document: {
        ...doc,
        _deleted: false,
        _attachments: {},
        _meta: { lwt: now(), o: { _rev: 1, hash: origin } },
        _rev: createRevision(origin),
      },
    }));
    const result = await state.input.forkInstance.bulkWrite(rows, await state.downstreamBulkWriteFlag);
    const failed = result.error.filter((e) => e.status !== 409);
    if (failed.length > 0) throw new Error(`lookup: ${name} not stored (${failed[0]!.status})`);
    const conflicted = new Set(result.error.map((e) => e.documentId));
    for (const row of rows)
      if (!conflicted.has(String(row.document.id))) state.events.processed.down.next(row);
  }
}
