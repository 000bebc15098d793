import { streamMessageSchema, type CollectionName } from '../../../shared/sync/contract';
import { HttpError, type ServerConnection } from './http';
import type { SyncStatus } from './status';

export interface LiveStreamOptions {
  /** First reconnection delay after the stream failed; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  stopped: () => boolean;
  /** Connected: everything may have changed meanwhile. */
  onConnected: () => void;
  /** The server committed changes to these collections. */
  onChanges: (collections: CollectionName[]) => void;
}

/** The data of one server-sent event frame (its `data:` lines joined), '' when it has none. */
function frameData(frame: string): string {
  return frame
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice(6))
    .join('\n');
}

/**
 * The server's live stream of change hints (server-sent events), kept open while the client runs:
 * reconnects with backoff and reports the connection in the status.
 */
export class LiveStream {
  private abort: AbortController | null = null;

  constructor(
    private readonly server: ServerConnection,
    private readonly status: SyncStatus,
    private readonly opts: LiveStreamOptions,
  ) {}

  async run(): Promise<void> {
    let delay = this.opts.retryMs ?? 1000;
    while (!this.opts.stopped()) {
      this.abort = new AbortController();
      try {
        const res = await this.server.openStream(this.abort.signal);
        if (!res.ok || !res.body) throw new HttpError(res.status, 'stream', 'stream refused');
        delay = this.opts.retryMs ?? 1000;
        await this.read(res.body);
      } catch {
        if (this.opts.stopped()) return;
      }
      if (this.opts.stopped()) return;
      this.status.patch({ online: false });
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, this.opts.maxRetryMs ?? 60_000);
    }
  }

  /** Ends the open connection (the client stops). */
  close(): void {
    this.abort?.abort();
  }

  /** Reads hints until the server ends the stream. */
  private async read(body: NonNullable<Response['body']>): Promise<void> {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = frameData(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        const msg = streamMessageSchema.safeParse(JSON.parse(data));
        if (msg.success) {
          this.status.patch({ online: true });
          // On connecting the server names no collection: everything may have changed meanwhile.
          if (msg.data.collections.length === 0) this.opts.onConnected();
          else this.opts.onChanges(msg.data.collections);
        }
      }
    }
  }
}
