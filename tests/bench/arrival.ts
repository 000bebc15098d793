/**
 * How the benchmark's receiving counter knows everything arrived, in Node (receiving-counter.ts)
 * and in Chromium (receiver/receiver.ts; so nothing here may need Node): the replication client's
 * own count of documents received first, then the replica itself. Counting the replica every few
 * milliseconds from the start would slow the very replica being measured.
 */
import type { RxCollection } from 'rxdb';
import type { SyncClient } from '../../renderer/features/sync/client';

const POLL_MS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function allArrived(
  sync: SyncClient,
  collections: { dossiers: RxCollection; dossier_events: RxCollection },
  want: { d: number; e: number },
  timeoutMs = 600_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  const waiting = (what: string) => {
    if (Date.now() > end) throw new Error(`receiving counter: not everything arrived (${what})`);
    return sleep(POLL_MS);
  };
  while (sync.snapshot.progress.received < want.d + want.e)
    await waiting(`${sync.snapshot.progress.received} of ${want.d + want.e} received`);
  for (;;) {
    const [d, e] = await Promise.all([
      collections.dossiers.count().exec(),
      collections.dossier_events.count().exec(),
    ]);
    if (d >= want.d && e >= want.e) return;
    await waiting(`${d} of ${want.d} dossiers, ${e} of ${want.e} events stored`);
  }
}
