/**
 * The provincial server as the benchmark runs it: its own Node process (`server/main.ts`, the same
 * entry point `npm run server` uses), the way it runs in production on its own machine. The
 * benchmark's counters then do not share a JavaScript thread with the server they sync with.
 * The benchmark keeps a second connection pool for seeding and counting rows.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childNodeArgs } from './node-args';
import { freePort } from '../../server/db/embedded-postgres';
import { openDatabase } from '../../server/db/pool';
import { migrate } from '../../server/db/migrations';
import { openStores } from '../../server/stores';
import type { RunningServer } from '../integration/harness';

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

/** A server the benchmark started in a child process. */
export interface ServerChild {
  url: string;
  port: number;
  pid: number;
  /** Stops it (SIGTERM) and waits for it to exit. */
  close(): Promise<void>;
}

/**
 * Runs `script` with tsx in its own Node process, listening on a free PORT (with `env` added), and
 * waits until it answers GET /health. BENCH_NODE_FLAGS apply; a CPU profile goes into `profileDir`.
 */
export async function spawnServer(
  script: string,
  env: Record<string, string>,
  profileDir: string | undefined,
): Promise<ServerChild> {
  const port = await freePort();
  const child = spawn(process.execPath, [...childNodeArgs(profileDir), script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${script} did not answer /health within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    pid: child.pid!,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function startServerProcess(pgUrl: string): Promise<RunningServer & { pid: number }> {
  const db = await openDatabase({ url: pgUrl });
  await migrate(db.pool);
  const child = await spawnServer(
    MAIN,
    {
      DATABASE_URL: pgUrl,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      SEED_DEMO: '0',
    },
    process.env.BENCH_SERVER_PROFILE,
  );
  return {
    url: child.url,
    port: child.port,
    pid: child.pid,
    store: openStores(db.pool),
    db,
    async close() {
      await child.close();
      await db.close();
    },
  };
}
