import {
  BehaviorSubject,
  filter,
  firstValueFrom,
  race,
  timer,
  type Observable,
  type Subscription,
} from 'rxjs';
import { map } from 'rxjs';
import { getPlatform } from '../../platform';
import { scanCipherFor } from './cipher';
import { ScanStore } from './store';
import { ScanUploader, type ScanQueueState, type ScanUploaderOptions } from './uploader';

/** What the scans need of the running replication: whether the dossiers' data is all sent. */
export interface DataSync {
  state$: Observable<{ pending: number; online: boolean }>;
}

/** The scans in the end-of-day summary. */
export interface ScanDaySummary {
  sentToday: number;
  pending: number;
  bytesLeft: number;
}

/** How long a scan waits for the dossiers' data before it goes anyway (a refused push never clears). */
const DATA_FIRST_MAX_MS = 30_000;

/** What the host passes through to the upload queue (tests and the bench tune it). */
export type ScanTuning = Partial<
  Pick<
    ScanUploaderOptions,
    'chunkSize' | 'minChunkSize' | 'chunkSeconds' | 'retryDelays' | 'retryMs' | 'rateCap'
  >
>;

/** Where the upload rate cap comes from (bytes a second, null when uncapped). */
export type RateCapSource = () => Promise<number | null>;

/** The desktop app's cap: the provisioning file's `scanUploadKbps`; web mode has none. */
export const provisionedRateCap: RateCapSource = async () => {
  const platform = getPlatform();
  if (platform.kind !== 'desktop') return null;
  const status = await platform.provisioningStatus();
  const kbps = status.state === 'enrolled' ? status.provisioning.scanUploadKbps : undefined;
  return kbps ? (kbps * 1000) / 8 : null;
};

/**
 * The scans of this counter: the store opens with the replica's data (it needs the data key), the
 * upload queue once the device has a server connection. Held here so the screens and the sync panel
 * can mount before either exists, as the sync feature's host does.
 */
export class ScanHost {
  private storeValue: ScanStore | null = null;
  private uploaderValue: ScanUploader | null = null;
  private readonly subscriptions: Subscription[] = [];
  private readonly queue = new BehaviorSubject<ScanQueueState | null>(null);
  /** The queue's state, null while the device has no connection. */
  readonly queue$: Observable<ScanQueueState | null> = this.queue.asObservable();

  /** `rateCap`: where the queue reads IT staff's upload cap when `connect` is given none. */
  constructor(private readonly rateCap: RateCapSource | null = null) {}

  /** The queue's state now (a screen's first render), null while the device has no connection. */
  get queueSnapshot(): ScanQueueState | null {
    return this.queue.value;
  }

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

  /**
   * Starts the upload queue with the device's credential. Every chunk goes after the dossiers' data:
   * it waits while the replication has local changes pending. A push the server keeps refusing
   * never clears, so after DATA_FIRST_MAX_MS the scans go anyway until the data is next all sent.
   */
  connect(connection: { serverUrl: string; token: string }, sync: DataSync, tuning: ScanTuning = {}): void {
    const store = this.storeValue;
    if (!store || this.uploaderValue) return;
    const dataSent = sync.state$.pipe(
      filter((s) => s.online && s.pending === 0),
      map(() => 'sent' as const),
    );
    let stuck = false;
    this.subscriptions.push(dataSent.subscribe(() => (stuck = false)));
    const capSource = tuning.rateCap === undefined ? this.rateCap : null;
    let capRead: Promise<void> = Promise.resolve();
    const dataFirst = async (): Promise<void> => {
      await capRead;
      if (stuck) return;
      const outcome = await firstValueFrom(
        race(dataSent, timer(DATA_FIRST_MAX_MS).pipe(map(() => 'timeout' as const))),
      );
      if (outcome === 'timeout') stuck = true;
    };
    const uploader = new ScanUploader({
      serverUrl: connection.serverUrl,
      token: connection.token,
      store,
      ...tuning,
      dataFirst,
    });
    if (capSource)
      capRead = capSource().then(
        (cap) => uploader.setRateCap(cap),
        (error: unknown) => console.error('scans: could not read the upload rate cap', error),
      );
    this.uploaderValue = uploader;
    this.subscriptions.push(
      uploader.state$.subscribe((s) => this.queue.next(s)),
      sync.state$.pipe(filter((s) => s.online)).subscribe(() => uploader.kick()),
    );
  }

  /**
   * The scans' part of the end-of-day summary: files the server confirmed since `dayStart`, files
   * and bytes still to send. Null before the store is open (no scans on this page yet).
   */
  async daySummary(dayStart: string): Promise<ScanDaySummary | null> {
    const store = this.storeValue;
    if (!store) return null;
    const [sentToday, pending] = await Promise.all([store.sentSince(dayStart), store.pending()]);
    const sentOfCurrent = this.queue.value?.current?.sent ?? 0;
    const bytes = pending.reduce((sum, e) => sum + e.size, 0);
    return { sentToday, pending: pending.length, bytesLeft: Math.max(0, bytes - sentOfCurrent) };
  }

  /** Stops the queue and closes the store (tests; the app's live as long as the page). */
  async close(): Promise<void> {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    await this.uploaderValue?.stop();
    this.storeValue?.close();
    this.uploaderValue = null;
    this.storeValue = null;
  }
}

/** The page's scans: replica.ts opens the store, the sync connection starts the queue. */
export const scanHost = new ScanHost(provisionedRateCap);
