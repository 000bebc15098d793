import type pg from 'pg';
import type { DossierEvent } from '../../shared/domain';
import type { WriteLock } from '../db/write-lock';
import type { ChangeNotices } from './notices';
import {
  addNeeds,
  checkDossiers,
  checkEvents,
  emptyNeeds,
  loadCheckContext,
  rememberStored,
} from './push-checks';
import { writeGroup } from './write-group';
import type { PreparedGroup, WriteJob, WriteOutcome } from './write-job';

/** Rows one group commit takes at most (pushes are up to LIMITS.maxPushRows each). */
const MAX_GROUP_ROWS = 5000;

/** A group taken from the queue whose checks are running. */
interface CheckingGroup {
  jobs: WriteJob[];
  prepared: Promise<PreparedGroup>;
}

/**
 * The write stage of pushes. Pushes arriving while a transaction runs are written together in the
 * next one: one WRITE lock, one INSERT and one COMMIT for all of them, so fifty counters pushing at
 * once do not each wait for forty-nine commits.
 */
export class GroupCommit {
  /** Test hook: runs inside the write transaction just before COMMIT, given how many pushes it holds. */
  beforeCommit?: (pushes: number) => Promise<void>;
  /** Pushes waiting for the next group commit, and whether the loop runs (see drainWrites). */
  private readonly jobs: WriteJob[] = [];
  private writing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly writeLock: WriteLock,
    private readonly notices: ChangeNotices,
  ) {}

  /** Queues the accepted documents of one push and resolves once they are committed. */
  write(job: Omit<WriteJob, 'done' | 'fail'>): Promise<WriteOutcome> {
    return new Promise((done, fail) => {
      this.jobs.push({ ...job, done, fail });
      void this.drainWrites();
    });
  }

  /** Takes the pushes of the next group (up to MAX_GROUP_ROWS rows, at least one push). */
  private takeGroup(): WriteJob[] {
    const group: WriteJob[] = [];
    let rows = 0;
    while (this.jobs.length > 0 && (group.length === 0 || rows < MAX_GROUP_ROWS)) {
      const job = this.jobs.shift()!;
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
      while (ahead || this.jobs.length > 0) {
        const current = ahead ?? this.prepareNext([]);
        ahead = null;
        let prepared: PreparedGroup;
        try {
          prepared = await current.prepared;
        } catch {
          await this.writeAlone(current.jobs);
          continue;
        }
        if (this.jobs.length > 0) {
          ahead = this.prepareNext(prepared.events);
          ahead.prepared.catch(() => {}); // awaited on the next turn, or dropped below
        }
        try {
          const outcomes = await this.commitGroup(prepared);
          current.jobs.forEach((job, i) => job.done(outcomes[i]!));
        } catch {
          if (ahead) {
            this.jobs.unshift(...ahead.jobs);
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
   * costs more than the checks): an event whose parent came in an earlier push of the group, or in
   * the group being written (`writing`), is checked against it.
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
        ? checkEvents(job.candidates, outcomes[i]!.rejected, ctx, job.timing)
        : checkDossiers(job.candidates, outcomes[i]!.rejected, ctx),
    );
    const events = jobs.flatMap((job, i) =>
      job.collection === 'dossier_events' ? checked[i]!.map((a) => a.doc as unknown as DossierEvent) : [],
    );
    return { jobs, outcomes, checked, events };
  }

  /** Conflict detection and the write of a checked group, in one transaction under the WRITE lock. */
  private async commitGroup(group: PreparedGroup): Promise<WriteOutcome[]> {
    const client = await this.writeLock.begin();
    try {
      const changed = await writeGroup(client, group);
      if (this.beforeCommit) await this.beforeCommit(group.jobs.length);
      await this.notices.commitAnnouncing(client, changed);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    return group.outcomes;
  }
}
