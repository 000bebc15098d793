import type pg from 'pg';
import { settled } from '../db/tx';
import type { WriteLock } from '../db/write-lock';
import { UPSERT_DOCUMENTS, storedWritesParamsOf, type StoredWrite } from './documents';
import type { ChangeNotices } from './notices';

/**
 * A change to replicated documents outside a counter's push (the console, the catalogue import):
 * `task` reads and audits inside a transaction holding WRITE and answers the documents to write;
 * they are written and committed with their change notice (counters pull them at their next sync),
 * or nothing is when `task` throws.
 */
export async function writeDocuments<T>(
  writeLock: WriteLock,
  notices: ChangeNotices,
  task: (client: pg.PoolClient) => Promise<{ writes: StoredWrite[]; result: T }>,
): Promise<T> {
  const client = await writeLock.begin();
  return settled(client, async () => {
    const { writes, result } = await task(client);
    if (writes.length > 0) await client.query(UPSERT_DOCUMENTS, storedWritesParamsOf(writes));
    await notices.commitAnnouncing(client, writes);
    return result;
  });
}
