/**
 * The provincial server as the benchmark runs it: its own Node process (`server/main.ts`, the same
 * entry point `npm run server` uses), the way it runs in production on its own machine. The
 * benchmark's counters then do not share a JavaScript thread with the server they sync with.
 * The benchmark keeps a second connection pool for seeding and counting rows.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childNodeArgs } from './node-args';
import { freePort, openDatabase } from '../../server/db';
import { migrate } from '../../server/migrations';
import { SyncStore } from '../../server/store';
import type { RunningServer } from '../integration/harness';

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

export async function startServerProcess(pgUrl: string): Promise<RunningServer & { pid: number }> {
  const db = await openDatabase({ url: pgUrl });
  await migrate(db.pool);
  const port = await freePort();
  const child = spawn(process.execPath, [...childNodeArgs(process.env.BENCH_SERVER_PROFILE), MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: pgUrl,
      PORT: String(port),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      SEED_DEMO: '0',
    },
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
    if (child.exitCode !== null) throw new Error(`server process exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('server process did not answer /health within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    pid: child.pid!,
    store: new SyncStore(db.pool),
    db,
    async close() {
      child.kill('SIGTERM');
      await exited;
      await db.close();
    },
  };
}
