import { BehaviorSubject, type Observable } from 'rxjs';
import { DetailedError, Upload } from 'tus-js-client';
import type { ScanMime } from '../../../shared/domain';
import { PacedSource } from './paced-source';
import { TokenBucket } from './rate-cap';
import type { ScanStore, UploadEntry } from './store';

/** What the sync panel shows of the scans' own queue. */
export interface ScanQueueState {
  /** Files not yet on the provincial server. */
  files: number;
  /** Bytes of those files not yet sent. */
  bytesLeft: number;
  /** The file being sent: its bytes sent of its size. */
  current: { sha256: string; sent: number; size: number } | null;
  /** Recent sending speed (bytes a second), 0 when idle. */
  bytesPerSecond: number;
  /** The last failure, for the panel (the queue retries by itself). */
  lastError: string | null;
  /** The upload rate cap IT staff set for this counter (bytes a second), null when uncapped. */
  rateCap: number | null;
}

export interface ScanUploaderOptions {
  serverUrl: string;
  token: string;
  store: ScanStore;
  /**
   * Resolves when the dossiers' own data has been sent: scans go after it, never in its way. It is
   * awaited before every chunk, so a file already under way yields to a dossier push too.
   */
  dataFirst?: () => Promise<void>;
  /** The largest PATCH request (bytes), on a fast link: what a cut connection loses at most. */
  chunkSize?: number;
  /** The smallest PATCH request (bytes), on the slowest link. */
  minChunkSize?: number;
  /**
   * How long one chunk may hold the line (s): chunks shrink to this much of the link's measured
   * rate, so a dossier push that starts while a chunk is on the wire waits at most about that long.
   */
  chunkSeconds?: number;
  /** The upload rate cap (bytes a second) IT staff set for this counter; none when absent. */
  rateCap?: number | null;
  /** tus's retries of one request (ms) before the queue's own wait. */
  retryDelays?: number[];
  /** The queue's wait after a failed file before it tries again (ms). */
  retryMs?: number;
}

/** An error's message with its cause's (fetch says only "fetch failed"). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

const DEFAULT_CHUNK = 1024 * 1024;
const DEFAULT_MIN_CHUNK = 8 * 1024;
const DEFAULT_CHUNK_SECONDS = 1;
const HASH_MISMATCH = 460;

type NodeBufferLike = { from(bytes: Uint8Array): unknown };
/** tus-js-client reads a Blob in the browser and a Buffer in Node (the tests and the bench). */
function uploadSource(bytes: Uint8Array): Blob {
  const nodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
  if (nodeBuffer && typeof window === 'undefined') return nodeBuffer.from(bytes) as Blob;
  return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}

/**
 * The scans' upload queue: its own connection and its own loop, separate from the dossiers'
 * replication, sending one file at a time with tus (resumable: a cut link resumes at the last byte
 * the server holds, also after a restart). A file the server already holds for this office is not
 * sent again; a file the server finds corrupt is sent again from the start.
 */
export class ScanUploader {
  private readonly state = new BehaviorSubject<ScanQueueState>({
    files: 0,
    bytesLeft: 0,
    current: null,
    bytesPerSecond: 0,
    lastError: null,
    rateCap: null,
  });
  readonly state$: Observable<ScanQueueState> = this.state.asObservable();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private active: Upload | null = null;
  /** Ends the file being sent (an aborted tus upload calls back no more). */
  private cancel: (() => void) | null = null;
  private wake: (() => void) | null = null;
  private readonly detach: () => void;
  private bucket: TokenBucket | null = null;
  /** The quickest answer from the server so far (ms): the link's round trip, for chunk sizing. */
  private roundTripMs = Number.POSITIVE_INFINITY;

  constructor(private readonly opts: ScanUploaderOptions) {
    this.detach = opts.store.onChange(() => this.kick());
    this.setRateCap(opts.rateCap ?? null);
    this.kick();
  }

  /** Sets (or lifts, with null) the upload rate cap; the next chunk goes at the new rate. */
  setRateCap(bytesPerSecond: number | null): void {
    const cap = bytesPerSecond !== null && bytesPerSecond > 0 ? bytesPerSecond : null;
    this.bucket = cap === null ? null : new TokenBucket(cap);
    this.set({ rateCap: cap });
  }

  get snapshot(): ScanQueueState {
    return this.state.value;
  }

  /** Looks at the queue again (a file was added, the link came back). */
  kick(): void {
    if (this.stopped) return;
    this.wake?.();
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) this.kick();
    });
  }

  /** Resolves once every queued file is on the server (tests, the end-of-day sync). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.detach();
    this.wake?.();
    await this.active?.abort(false).catch(() => undefined);
    this.cancel?.();
    await this.running?.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    this.again = false;
    for (;;) {
      if (this.stopped) return;
      const pending = await this.opts.store.pending();
      this.publish(pending, null);
      const next = pending[0];
      if (!next) return;
      await this.opts.dataFirst?.();
      try {
        await this.send(next, pending);
        await this.opts.store.markSent(next.sha256);
        this.set({ lastError: null });
      } catch (error) {
        this.set({ lastError: describe(error), bytesPerSecond: 0 });
        await this.pause(this.opts.retryMs ?? 5_000);
      }
    }
  }

  private publish(pending: UploadEntry[], current: ScanQueueState['current']): void {
    const sentOfCurrent = current?.sent ?? 0;
    this.set({
      files: pending.length,
      bytesLeft: pending.reduce((sum, e) => sum + e.size, 0) - sentOfCurrent,
      current,
    });
  }

  private set(patch: Partial<ScanQueueState>): void {
    this.state.next({ ...this.state.value, ...patch });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.opts.token}` };
  }

  /** Whether the server already holds this file for this office (it is then not sent again). */
  private async serverHas(sha256: string): Promise<boolean> {
    const asked = performance.now();
    const res = await fetch(`${this.opts.serverUrl}/scans/${sha256}`, {
      method: 'HEAD',
      headers: this.headers(),
    });
    this.roundTripMs = Math.min(this.roundTripMs, performance.now() - asked);
    return res.ok;
  }

  private async send(entry: UploadEntry, pending: UploadEntry[]): Promise<void> {
    if (await this.serverHas(entry.sha256)) return;
    const bytes = await this.opts.store.get(entry.sha256);
    if (!bytes) throw new Error('scan.missing_locally');
    let started = Date.now();
    let startedAt = 0;
    let stopped = false;
    const source = new PacedSource(bytes, {
      dataFirst: this.opts.dataFirst,
      bucket: () => this.bucket,
      maxChunk: this.opts.chunkSize ?? DEFAULT_CHUNK,
      minChunk: this.opts.minChunkSize ?? DEFAULT_MIN_CHUNK,
      chunkSeconds: this.opts.chunkSeconds ?? DEFAULT_CHUNK_SECONDS,
      roundTripMs: () => (Number.isFinite(this.roundTripMs) ? this.roundTripMs : 0),
      checkStopped: () => {
        if (stopped || this.stopped) throw new Error('scan.upload_stopped');
      },
    });
    await new Promise<void>((resolve, reject) => {
      const upload = new Upload(uploadSource(bytes), {
        fileReader: { openFile: () => Promise.resolve(source) },
        endpoint: `${this.opts.serverUrl}/scans/uploads`,
        uploadUrl: entry.url ?? null,
        headers: this.headers(),
        metadata: { sha256: entry.sha256, filetype: 'application/octet-stream' },
        chunkSize: this.opts.chunkSize ?? DEFAULT_CHUNK,
        retryDelays: this.opts.retryDelays ?? [0, 1_000, 3_000, 5_000, 10_000],
        storeFingerprintForResuming: false,
        onUploadUrlAvailable: () => {
          void this.opts.store.setUploadUrl(entry.sha256, upload.url ?? undefined);
        },
        onProgress: (sent, total) => {
          if (startedAt === 0) {
            startedAt = sent;
            started = Date.now();
          }
          const seconds = (Date.now() - started) / 1000;
          this.publish(pending, { sha256: entry.sha256, sent, size: total });
          if (seconds > 0.5) this.set({ bytesPerSecond: Math.round((sent - startedAt) / seconds) });
        },
        onSuccess: () => resolve(),
        onError: (error) => {
          const status = error instanceof DetailedError ? error.originalResponse?.getStatus() : undefined;
          // The server deleted a corrupt upload: the next try starts a new one from the first byte.
          if (status === HASH_MISMATCH || status === 404 || status === 410)
            void this.opts.store.setUploadUrl(entry.sha256, undefined);
          reject(error);
        },
      });
      this.active = upload;
      this.cancel = () => {
        stopped = true;
        reject(new Error('scan.upload_stopped'));
      };
      upload.start();
    }).finally(() => {
      this.active = null;
      this.cancel = null;
    });
  }

  /** Fetches a file of this office from the server (another counter's scan), checks and stores it. */
  async fetchRemote(sha256: string, mime: ScanMime): Promise<Uint8Array> {
    const res = await fetch(`${this.opts.serverUrl}/scans/${sha256}`, { headers: this.headers() });
    if (!res.ok) throw new Error(res.status === 404 ? 'scan.not_on_server' : `scan.fetch_failed`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    await this.opts.store.putFetched(sha256, bytes, mime);
    return bytes;
  }
}
