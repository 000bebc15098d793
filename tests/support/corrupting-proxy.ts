import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that flips one bit of what the client sends, once, at byte `flipAt` of the traffic
 * towards the server: a file corrupted on its way, which the server must notice by its hash.
 */
export class CorruptingProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private sent = 0;
  flipped = 0;
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly flipAt: number,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      this.sockets.add(client).add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      client.on('data', (chunk: Buffer) => {
        const at = this.flipAt - this.sent;
        this.sent += chunk.length;
        if (this.flipped === 0 && at >= 0 && at < chunk.length) {
          chunk[at] = chunk[at]! ^ 0x01;
          this.flipped += 1;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => client.write(chunk));
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}
