import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ProxyOptions {
  targetPort: number;
  /** Bits per second each way (0 = unlimited). */
  bitsPerSecond?: number;
  /** Round-trip time added (half each way), in ms. */
  rttMs?: number;
  /** Every connection shares one link each way (a counter's single line), instead of one each. */
  oneLink?: boolean;
}

/** When a direction's link is next free to serialise bytes (performance.now() ms). */
interface Link {
  freeAt: number;
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
  private readonly shared = { up: { freeAt: 0 }, down: { freeAt: 0 } };

  constructor(private readonly opts: ProxyOptions) {}

  async start(port = 0): Promise<number> {
    this.server = createServer({ allowHalfOpen: true }, (client) => this.accept(client));
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
    const upstream = connect({ port: this.opts.targetPort, host: '127.0.0.1', allowHalfOpen: true });
    this.sockets.add(client);
    this.sockets.add(upstream);
    // A reset cuts both sides at once; an orderly close reaches the other side after the data
    // still on the link, as a real network delivers a response before the FIN that follows it.
    const reset = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', reset).on('close', () => this.sockets.delete(client));
    upstream.on('error', reset).on('close', () => this.sockets.delete(upstream));
    const one = this.opts.oneLink === true;
    this.pipe(client, upstream, one ? this.shared.up : { freeAt: 0 }, (n) => (this.bytesUp += n));
    this.pipe(upstream, client, one ? this.shared.down : { freeAt: 0 }, (n) => (this.bytesDown += n));
  }

  private pipe(from: Socket, to: Socket, link: Link, count: (n: number) => void): void {
    const bps = this.opts.bitsPerSecond ?? 0;
    const oneWay = (this.opts.rttMs ?? 0) / 2;
    // Serialise each direction at the link rate, then add the propagation delay; what arrives is
    // delivered strictly in order (timers alone may reorder a write and the end behind it).
    let lastAt = 0;
    const queue: { at: number; action: () => void }[] = [];
    let timer: NodeJS.Timeout | null = null;
    const flush = () => {
      timer = null;
      while (queue.length > 0 && queue[0]!.at <= performance.now()) queue.shift()!.action();
      if (queue.length > 0) timer = setTimeout(flush, Math.max(1, queue[0]!.at - performance.now()));
    };
    const deliver = (sendTime: number, action: () => void) => {
      lastAt = Math.max(lastAt, sendTime + oneWay);
      queue.push({ at: lastAt, action });
      if (!timer) flush();
    };
    from.on('data', (chunk) => {
      count(chunk.length);
      link.freeAt = Math.max(performance.now(), link.freeAt) + (bps ? (chunk.length * 8 * 1000) / bps : 0);
      deliver(link.freeAt, () => {
        if (!to.destroyed) to.write(chunk);
      });
    });
    const finish = () =>
      deliver(performance.now(), () => {
        if (!to.destroyed) to.end();
      });
    from.on('end', finish).on('close', finish);
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
