import { BehaviorSubject, type Observable } from 'rxjs';
import type { CollectionName, PushRow, RejectReason } from '../../../shared/sync/contract';

/** A pushed document the server refused; kept here (and locally) until retried by hand or fixed. */
export interface RejectedEntry {
  collection: CollectionName;
  id: string;
  reason: RejectReason;
  /** i18n key of the reason, e.g. `sync.reject.schema_invalid`. */
  messageKey: string;
  detail: string;
  retryable: boolean;
  row: PushRow;
  at: string;
}

export interface SyncState {
  online: boolean;
  /** A pull or push is running. */
  syncing: boolean;
  /** Local changes not yet accepted by the server (since this client started). */
  pending: number;
  lastSyncAt: string | null;
  /** Documents sent / received since start, for the progress bar. */
  progress: { sent: number; received: number };
  /** i18n keys under `sync.error.*`, newest last. */
  errors: string[];
  /** serverTime − local time, measured at each exchange. */
  clockOffsetMs: number | null;
  /** |offset| > 2 minutes: the officer must be told. */
  clockWarning: boolean;
  rejected: RejectedEntry[];
  conflicts: number;
}

/** The client's state as the UI reads it: every part of the client reports into it. */
export class SyncStatus {
  private readonly state = new BehaviorSubject<SyncState>({
    online: false,
    syncing: false,
    pending: 0,
    lastSyncAt: null,
    progress: { sent: 0, received: 0 },
    errors: [],
    clockOffsetMs: null,
    clockWarning: false,
    rejected: [],
    conflicts: 0,
  });
  readonly state$: Observable<SyncState> = this.state.asObservable();

  get value(): SyncState {
    return this.state.value;
  }

  patch(p: Partial<SyncState>): void {
    this.state.next({ ...this.state.value, ...p });
  }

  /** Adds an error key (once, newest last, the last five kept). */
  noteError(key: string): void {
    const errors = [...this.state.value.errors.filter((e) => e !== key), key].slice(-5);
    this.patch({ errors });
  }
}
