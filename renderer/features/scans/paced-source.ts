import type { TokenBucket } from './rate-cap';

/** What tus-js-client asks of a file source (its `fileReader` option opens one per upload). */
export interface TusFileSource {
  size: number;
  slice(start: number, end: number): Promise<{ value: unknown; done: boolean }>;
  close(): void;
}

export interface PacingOptions {
  /** Resolves when the dossiers' data is sent: awaited before every chunk, not only every file. */
  dataFirst?: (() => Promise<void>) | undefined;
  /** The rate cap set by IT staff, if any (read at every chunk: it may change mid-file). */
  bucket?: () => TokenBucket | null;
  /** The largest chunk (bytes), on a fast link. */
  maxChunk: number;
  /** The smallest chunk (bytes), on the slowest link. */
  minChunk: number;
  /**
   * How long one chunk may hold the line (s): a dossier push that starts behind a chunk waits at
   * most about this long, so on a slow link the chunks shrink to this many seconds of its rate.
   */
  chunkSeconds: number;
  /**
   * The link's round trip (ms), as the smallest request answered so far took: taken off a chunk's
   * time, so that what is left is its time on the line.
   */
  roundTripMs?: () => number;
  /** Throws when the upload was stopped (the chunk is then not sent). */
  checkStopped: () => void;
  now?: () => number;
}

type NodeBufferLike = { from(bytes: ArrayBufferLike, offset: number, length: number): Uint8Array };

/** A request body tus-js-client sends: a Buffer in Node (the tests and the bench), else a Blob. */
function body(bytes: Uint8Array): unknown {
  const nodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
  if (nodeBuffer && typeof window === 'undefined') {
    const buffer = nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Node's tus HTTP stack reads the Content-Length from `size`.
    return Object.assign(buffer, { size: buffer.byteLength });
  }
  return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}

/**
 * A scan's bytes as tus-js-client reads them, a chunk at a time: before each chunk it waits for the
 * dossiers' data and for the rate cap, and it sizes the chunk to `chunkSeconds` of the rate the
 * previous chunks went at (between minChunk and maxChunk, and the cap's rate), returning fewer
 * bytes than asked for when that is less (the next PATCH starts where the server's offset says).
 */
export class PacedSource implements TusFileSource {
  readonly size: number;
  private chunk: number;
  /** When the last chunk was handed over, and its size: the next call measures the link by it. */
  private handed: { at: number; bytes: number } | null = null;
  /** Bytes a second the chunks went at (smoothed), 0 before the first measure. */
  private rate = 0;
  private readonly now: () => number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly opts: PacingOptions,
  ) {
    this.size = bytes.byteLength;
    this.now = opts.now ?? (() => performance.now());
    this.chunk = Math.min(opts.maxChunk, Math.max(opts.minChunk, 2 * opts.minChunk));
  }

  /** The size of the next chunk from the link's measured rate. */
  private measure(): void {
    if (!this.handed) return;
    const { at, bytes } = this.handed;
    this.handed = null;
    const seconds = (this.now() - at) / 1000;
    if (seconds <= 0 || bytes === 0) return;
    // Less the round trip, but at least half the time: a round trip measured behind other traffic
    // may be too long, and a chunk must not grow past twice its share of the line for it.
    const roundTrip = (this.opts.roundTripMs?.() ?? 0) / 1000;
    const measured = bytes / Math.max(seconds - roundTrip, seconds / 2);
    this.rate = this.rate === 0 ? measured : 0.5 * this.rate + 0.5 * measured;
    let next = this.rate * this.opts.chunkSeconds;
    const cap = this.opts.bucket?.();
    if (cap) next = Math.min(next, cap.bytesPerSecond * this.opts.chunkSeconds);
    this.chunk = Math.round(Math.min(this.opts.maxChunk, Math.max(this.opts.minChunk, next)));
  }

  async slice(start: number, end: number): Promise<{ value: unknown; done: boolean }> {
    this.measure();
    this.opts.checkStopped();
    await this.opts.dataFirst?.();
    const length = Math.max(0, Math.min(end - start, this.chunk));
    await this.opts.bucket?.()?.take(length);
    this.opts.checkStopped();
    this.handed = { at: this.now(), bytes: length };
    return { value: body(this.bytes.subarray(start, start + length)), done: start + length >= this.size };
  }

  close(): void {}
}
