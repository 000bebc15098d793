import { BehaviorSubject, filter, firstValueFrom, race, timer, type Observable } from 'rxjs';
import { map } from 'rxjs';
import { scanCipherFor } from './cipher';
import { ScanStore } from './store';
import { ScanUploader, type ScanQueueState, type ScanUploaderOptions } from './uploader';

/** What the scans need of the running replication: whether the dossiers' data is all sent. */
export interface DataSync {
  state$: Observable<{ pending: number; online: boolean }>;
}

/** How long a scan waits for the dossiers' data before it goes anyway (a refused push never clears). */
const DATA_FIRST_MAX_MS = 30_000;

/**
 * The scans of this counter: the store opens with the replica's data (it needs the data key), the
 * upload queue once the device has a server connection. Held here so the screens and the sync panel
 * can mount before either exists, as the sync feature's host does.
 */
export class ScanHost {
  private storeValue: ScanStore | null = null;
  private uploaderValue: ScanUploader | null = null;
  private readonly queue = new BehaviorSubject<ScanQueueState | null>(null);
  /** The queue's state, null while the device has no connection. */
  readonly queue$: Observable<ScanQueueState | null> = this.queue.asObservable();

  get store(): ScanStore | null {
    return this.storeValue;
  }

  get uploader(): ScanUploader | null {
    return this.uploaderValue;
  }

  /** Opens the store under the replica's data key (the database name follows the replica's). */
  async open(dataKey: string, name = 'motcua-scans'): Promise<ScanStore> {
    if (!this.storeValue) this.storeValue = new ScanStore(name, await scanCipherFor(dataKey));
    return this.storeValue;
  }

  /** Starts the upload queue with the device's credential, after the dossiers' data each time. */
  connect(
    connection: { serverUrl: string; token: string },
    sync: DataSync,
    tuning: Partial<Pick<ScanUploaderOptions, 'chunkSize' | 'retryDelays' | 'retryMs'>> = {},
  ): void {
    const store = this.storeValue;
    if (!store || this.uploaderValue) return;
    const dataSent = sync.state$.pipe(
      filter((s) => s.online && s.pending === 0),
      map(() => undefined),
    );
    const uploader = new ScanUploader({
      serverUrl: connection.serverUrl,
      token: connection.token,
      store,
      ...tuning,
      dataFirst: () => firstValueFrom(race(dataSent, timer(DATA_FIRST_MAX_MS).pipe(map(() => undefined)))),
    });
    this.uploaderValue = uploader;
    uploader.state$.subscribe((s) => this.queue.next(s));
    sync.state$.pipe(filter((s) => s.online)).subscribe(() => uploader.kick());
  }

  /** Stops the queue and closes the store (tests; the app's live as long as the page). */
  async close(): Promise<void> {
    await this.uploaderValue?.stop();
    this.storeValue?.close();
    this.uploaderValue = null;
    this.storeValue = null;
  }
}

/** The page's scans: replica.ts opens the store, the sync connection starts the queue. */
export const scanHost = new ScanHost();
