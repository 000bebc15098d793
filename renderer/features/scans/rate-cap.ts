/** The clock a token bucket reads and waits on (the real one, or a test's). */
export interface BucketClock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: BucketClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The upload rate cap IT staff set for a counter: a token bucket over the bytes the scan chunks
 * read. It fills at `bytesPerSecond` up to one second's worth (a short burst after idling); a chunk
 * takes its bytes and, when that leaves the bucket in debt, waits until the debt is paid before it
 * goes: over any stretch the bytes sent stay within the cap plus that one second's burst.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly bytesPerSecond: number,
    private readonly clock: BucketClock = realClock,
  ) {
    if (!(bytesPerSecond > 0)) throw new Error('rate cap must be positive');
    this.tokens = bytesPerSecond;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const earned = ((now - this.last) / 1000) * this.bytesPerSecond;
    this.tokens = Math.min(this.bytesPerSecond, this.tokens + earned);
    this.last = now;
  }

  /** Resolves when `bytes` may be sent. */
  async take(bytes: number): Promise<void> {
    this.refill();
    this.tokens -= bytes;
    while (this.tokens < 0) {
      await this.clock.sleep(Math.ceil((-this.tokens / this.bytesPerSecond) * 1000));
      this.refill();
    }
  }
}
