import type pg from 'pg';

/**
 * One pool connection LISTENing to the channels other server processes (and the CLI) NOTIFY on.
 * When the connection drops it listens again a second later; whoever keeps state that notices keep
 * true (remembered devices) forgets it at each reset, since notices may have been missed meanwhile.
 */
export class NoticeListener {
  private client: pg.PoolClient | null = null;
  private stopped = false;
  private readonly handlers = new Map<string, (payload: string | undefined) => void>();
  private readonly resetHandlers: (() => void)[] = [];

  constructor(private readonly pool: pg.Pool) {}

  /** Whether notices reach this process now. */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Calls `handler` with the payload of each notice on `channel` (a constant SQL identifier). */
  on(channel: string, handler: (payload: string | undefined) => void): void {
    this.handlers.set(channel, handler);
  }

  /** Calls `handler` whenever listening starts or stops. */
  onReset(handler: () => void): void {
    this.resetHandlers.push(handler);
  }

  /** Starts listening (the server's start); retries by itself until `stop`. */
  async listen(): Promise<void> {
    if (this.stopped) return;
    let client: pg.PoolClient | null = null;
    try {
      client = await this.pool.connect();
      const listener = client;
      const lost = () => {
        if (this.client !== listener) return;
        this.client = null;
        this.reset();
        listener.release(true);
        this.retryLater();
      };
      listener.on('notification', (msg) => this.handlers.get(msg.channel)?.(msg.payload));
      listener.on('error', lost);
      listener.on('end', lost);
      await listener.query([...this.handlers.keys()].map((channel) => `LISTEN ${channel};`).join(' '));
      this.reset();
      this.client = listener;
    } catch {
      client?.release(true);
      this.retryLater();
    }
  }

  /** Ends listening (server shutdown): the pool can then close. */
  stop(): void {
    this.stopped = true;
    const listener = this.client;
    this.client = null;
    this.reset();
    listener?.release();
  }

  private retryLater(): void {
    if (!this.stopped) setTimeout(() => void this.listen(), 1000).unref();
  }

  private reset(): void {
    for (const handler of this.resetHandlers) handler();
  }
}
