import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { NoticeListener } from '../db/listener';
import {
  CHANGES_CHANNEL,
  commitNotifyingSql,
  noticesOf,
  parseNotice,
  type ChangeNotice,
  type ChangedRow,
} from './change-notice';

/** Changes committed by any server process, told to this process's live streams. */
export class ChangeNotices {
  readonly changes = new EventEmitter<{ change: [ChangeNotice] }>();
  /** Tells this process's NOTIFYs from other processes' (see CHANGES_CHANNEL). */
  private readonly sender = randomUUID();

  constructor(listener: NoticeListener) {
    this.changes.setMaxListeners(0);
    listener.on(CHANGES_CHANNEL, (payload) => this.noticeFromElsewhere(payload));
  }

  /**
   * COMMITs a write transaction with the NOTIFY of what its rows changed (to every server process,
   * in the same round trip, while the WRITE lock is held), then tells this process's live streams.
   */
  async commitAnnouncing(client: pg.PoolClient, rows: ChangedRow[]): Promise<void> {
    const notices = noticesOf(rows);
    await client.query(commitNotifyingSql(client, notices, this.sender));
    for (const notice of notices) this.changes.emit('change', notice);
  }

  /** A change another server process committed (this one's are emitted as they commit). */
  private noticeFromElsewhere(payload: string | undefined): void {
    const notice = parseNotice(payload);
    if (!notice || notice.sender === this.sender) return;
    const { collection, officeIds, replicas } = notice;
    this.changes.emit('change', { collection, officeIds, replicas });
  }
}
