import type { RxReplicationPullStreamItem } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { Subject, filter, firstValueFrom, type Observable } from 'rxjs';
import {
  LIMITS,
  pullResponseSchema,
  type Checkpoint,
  type CollectionName,
} from '../../../shared/sync/contract';
import type { AnyDoc } from './client';
import type { ServerConnection } from './http';

/** Documents per pull request: few enough that a full page comes through a slow link in seconds. */
export const DEFAULT_PULL_BATCH = 1000;

/** Per collection: RxDB's pulls (started so far, one running), a live pull running, a hint waiting. */
interface PullState {
  started: number;
  running: boolean;
  live: boolean;
  hinted: boolean;
}

type PullStreamItem = RxReplicationPullStreamItem<AnyDoc, Checkpoint>;

export interface PullerOptions {
  /** Documents per pull request. */
  batchSize: number;
  stopped: () => boolean;
}

/**
 * Brings the server's changes into the replica: RxDB's pulls (pullBatch, its pull handler) and the
 * live pulls the server's change hints start (pullChanges), one at a time per collection.
 */
export class Puller {
  private readonly streams = new Map<CollectionName, Subject<PullStreamItem>>();
  /** The newest checkpoint handed to RxDB per collection (by the pull handler or a live pull). */
  private readonly handed = new Map<CollectionName, Checkpoint>();
  private readonly pulls = new Map<CollectionName, PullState>();

  constructor(
    private readonly server: ServerConnection,
    private readonly replications: ReadonlyMap<CollectionName, RxReplicationState<AnyDoc, Checkpoint>>,
    private readonly opts: PullerOptions,
  ) {}

  /** The stream a collection's replication listens to: live pulls' pages, and RESYNC. */
  openStream(name: CollectionName): Observable<PullStreamItem> {
    const stream$ = new Subject<PullStreamItem>();
    this.streams.set(name, stream$);
    return stream$.asObservable();
  }

  /** Ask every replication (or those of `collections`) to pull now. */
  resync(collections?: CollectionName[]): void {
    for (const [name, s] of this.streams)
      if (!collections?.length || collections.includes(name)) s.next('RESYNC');
  }

  /**
   * One pull for RxDB: pages from the checkpoint until batchSize documents came or the server has no
   * more. A page leaves out this client's own pushes, so it may hold few documents with more to
   * follow; RxDB takes a short batch for the end of the changes.
   */
  async pullBatch(
    name: CollectionName,
    checkpoint: Checkpoint | undefined,
    batchSize: number,
  ): Promise<{ documents: AnyDoc[]; checkpoint: Checkpoint }> {
    const documents: AnyDoc[] = [];
    let at = checkpoint;
    const state = this.pullState(name);
    state.started++;
    state.running = true;
    try {
      for (;;) {
        const page = await this.pullPage(name, at, batchSize);
        for (const doc of page.documents) documents.push(doc);
        at = page.checkpoint ?? at;
        if (!page.more || !page.moved || documents.length >= batchSize) break;
      }
    } finally {
      state.running = false;
      // Told of changes during this pull: once it is over (RxDB asks again after a full batch), or
      // failed, a live pull from where it ended.
      if (documents.length < batchSize && state.hinted && !state.live) this.startLivePull(name);
    }
    if (at) this.hand(name, at);
    return { documents, checkpoint: at ?? { seq: 0, id: '' } };
  }

  private pullState(name: CollectionName): PullState {
    let state = this.pulls.get(name);
    if (!state) this.pulls.set(name, (state = { started: 0, running: false, live: false, hinted: false }));
    return state;
  }

  /** One page of changes after `at`; `moved` says whether its checkpoint is past `at`. */
  private async pullPage(name: CollectionName, at: Checkpoint | undefined, limit: number) {
    const q = new URLSearchParams({ limit: String(Math.min(limit, LIMITS.maxPullBatch)) });
    if (at) {
      q.set('seq', String(at.seq));
      q.set('id', at.id);
    }
    const res = pullResponseSchema.parse(await this.server.request('GET', `/sync/${name}/pull?${q}`));
    // A page that says `more` without moving the checkpoint would be asked for again forever.
    const moved = res.checkpoint !== null && (at === undefined || res.checkpoint.seq > at.seq);
    return { ...res, moved };
  }

  /** Remembers the newest checkpoint handed to RxDB for a collection. */
  private hand(name: CollectionName, checkpoint: Checkpoint): void {
    const known = this.handed.get(name);
    if (!known || checkpoint.seq > known.seq) this.handed.set(name, checkpoint);
  }

  /**
   * The server committed changes to these collections (live stream): pull them and hand them to
   * RxDB as stream events, from the newest checkpoint handed to it. Not a RESYNC: RxDB answers each
   * RESYNC by also reading again every document written since its last push check (whether any
   * must go up), which a busy server's hints would make it do over and over while pulling. Before
   * this run's first pull, and after a live pull failed, RESYNC instead (RxDB pulls from its stored
   * checkpoint).
   *
   * One pull at a time per collection: a hint during RxDB's own pull, or during a live pull, waits
   * for its end. A live page read while RxDB began a pull is dropped (that pull reads on to the end
   * after it): handed on late, an older version could be written over the newer one RxDB's pull
   * brought.
   */
  pullChanges(collections: CollectionName[]): void {
    for (const name of collections) {
      if (!this.streams.has(name)) continue;
      const state = this.pullState(name);
      state.hinted = true;
      if (!state.running && !state.live) this.startLivePull(name);
    }
  }

  private startLivePull(name: CollectionName): void {
    const state = this.pullState(name);
    state.live = true;
    void this.livePull(name, state).finally(() => (state.live = false));
  }

  private async livePull(name: CollectionName, state: PullState): Promise<void> {
    const stream = this.streams.get(name);
    const rep = this.replications.get(name);
    if (!stream || !rep) return;
    try {
      while (state.hinted && !this.opts.stopped()) {
        state.hinted = false;
        let at = this.handed.get(name);
        if (!at) {
          stream.next('RESYNC');
          return;
        }
        for (;;) {
          const started = state.started;
          const page = await this.pullPage(name, at, this.opts.batchSize);
          // Handed on once the replication is idle: RxDB then queues the page at once, before a pull
          // of its own can begin. (While it pushes, RxDB holds stream events back; a pull of its own
          // begun meanwhile would read newer versions and write them before this page.)
          if (page.documents.length > 0) await firstValueFrom(rep.active$.pipe(filter((active) => !active)));
          if (this.opts.stopped()) return;
          if (state.started !== started || state.running) {
            // RxDB pulled meanwhile: its reading stands. Once it is over, start again from its end.
            state.hinted = true;
            if (state.running) return; // its end starts the next live pull
            break;
          }
          // A page of only this replica's own pushes moves the checkpoint without documents: RxDB
          // stores a checkpoint only with documents, and asks again from its own after a restart.
          if (page.checkpoint && page.documents.length > 0)
            stream.next({ documents: page.documents, checkpoint: page.checkpoint });
          if (page.checkpoint) this.hand(name, page.checkpoint);
          at = page.checkpoint ?? at;
          if (!page.more || !page.moved) break;
        }
      }
    } catch {
      if (!this.opts.stopped()) stream.next('RESYNC');
    }
  }
}
