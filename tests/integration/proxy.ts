import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ProxyOptions {
  targetPort: number;
  /** Bits per second each way (0 = unlimited). */
  bitsPerSecond?: number;
  /** Round-trip time added (half each way), in ms. */
  rttMs?: number;
}

/**
 * A TCP proxy under the test's control: it can drop every connection and refuse new ones (a network
 * outage), and throttle bandwidth and add latency each way (a poor provincial link).
 */
export class TestProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private down = false;
  port = 0;
  /** Bytes carried client→server and server→client. */
  bytesUp = 0;
  bytesDown = 0;

  constructor(private readonly opts: ProxyOptions) {}

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((ok) => this.server!.listen(port, '127.0.0.1', ok));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return this.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private accept(client: Socket): void {
    if (this.down) {
      client.destroy();
      return;
    }
    const upstream = connect(this.opts.targetPort, '127.0.0.1');
    this.sockets.add(client);
    this.sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    this.pipe(client, upstream, (n) => (this.bytesUp += n));
    this.pipe(upstream, client, (n) => (this.bytesDown += n));
  }

  private pipe(from: Socket, to: Socket, count: (n: number) => void): void {
    const bps = this.opts.bitsPerSecond ?? 0;
    const oneWay = (this.opts.rttMs ?? 0) / 2;
    if (!bps && !oneWay) {
      from.on('data', (chunk) => {
        count(chunk.length);
        to.write(chunk);
      });
      return;
    }
    // Serialise each direction at the link rate, then add the propagation delay.
    let linkFreeAt = 0;
    from.on('data', (chunk) => {
      count(chunk.length);
      const now = performance.now();
      const start = Math.max(now, linkFreeAt);
      linkFreeAt = start + (bps ? (chunk.length * 8 * 1000) / bps : 0);
      setTimeout(
        () => {
          if (!to.destroyed) to.write(chunk);
        },
        linkFreeAt + oneWay - now,
      );
    });
  }

  /** Cut every open connection and refuse new ones until `restore()`. */
  drop(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.down = false;
  }

  async stop(): Promise<void> {
    this.drop();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}
