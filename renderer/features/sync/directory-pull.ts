import { merge, type Subscription } from 'rxjs';
import type { CollectionName } from '../../../shared/sync/contract';
import type { DirectoryCollections } from '../../db/database';
import { SyncClient, type AnyCollection } from './client';

/**
 * What a counter needs before its first login, in the order it is pulled: the office and its
 * counters, the officers (the login screen checks their verifiers), the catalogue and the holiday
 * schedules. All go from the province to the counter only, and live in the directory database,
 * which opens without the data key.
 */
export const DIRECTORY_COLLECTIONS = [
  'offices',
  'counters',
  'officers',
  'sectors',
  'procedures',
  'holidays',
] as const satisfies readonly CollectionName[];
export type DirectoryCollection = (typeof DIRECTORY_COLLECTIONS)[number];

/** Documents received so far per collection, and whether that collection is complete. */
export type DirectoryProgress = Record<DirectoryCollection, { received: number; done: boolean }>;

export interface PullDirectoryOptions {
  serverUrl: string;
  token: string;
  onProgress?: (progress: DirectoryProgress) => void;
  fetch?: typeof fetch;
  /** Gives up (rejects) after this long without finishing. */
  timeoutMs?: number;
}

export function emptyDirectoryProgress(): DirectoryProgress {
  return Object.fromEntries(
    DIRECTORY_COLLECTIONS.map((name) => [name, { received: 0, done: false }]),
  ) as DirectoryProgress;
}

/**
 * Pulls the directory collections once (no live stream, nothing pushed) into the directory
 * database. The replication keys are the full client's (same server address), so the replication
 * that starts at the first login resumes from these checkpoints instead of pulling it all again.
 * Rejects at the first failed request: the caller reports it and may try again.
 */
export async function pullDirectory(
  db: Pick<DirectoryCollections, DirectoryCollection>,
  opts: PullDirectoryOptions,
): Promise<DirectoryProgress> {
  const progress = emptyDirectoryProgress();
  const report = () => opts.onProgress?.(structuredClone(progress));
  const client = new SyncClient({
    serverUrl: opts.serverUrl,
    token: opts.token,
    collections: Object.fromEntries(
      DIRECTORY_COLLECTIONS.map((name) => [name, db[name] as unknown as AnyCollection]),
    ),
    live: false,
    fetch: opts.fetch,
  });
  const subscriptions: Subscription[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    client.start();
    report();
    for (const name of DIRECTORY_COLLECTIONS) {
      const rep = client.replications.get(name);
      if (!rep) continue;
      subscriptions.push(
        rep.received$.subscribe(() => {
          progress[name].received += 1;
          report();
        }),
      );
    }
    const failure = new Promise<never>((_, fail) => {
      const errors = merge(...[...client.replications.values()].map((rep) => rep.error$));
      subscriptions.push(errors.subscribe(fail));
    });
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error('directory pull timeout')), opts.timeoutMs ?? 120_000);
    });
    for (const name of DIRECTORY_COLLECTIONS) {
      const rep = client.replications.get(name);
      if (!rep) continue;
      await Promise.race([rep.awaitInitialReplication(), failure, timeout]);
      progress[name].done = true;
      report();
    }
    return progress;
  } finally {
    clearTimeout(timer);
    for (const s of subscriptions) s.unsubscribe();
    await client.stop();
  }
}
