import type pg from 'pg';
import {
  COLLECTION_SCHEMAS,
  type CollectionName,
  type RejectedDocument,
  type WireDocument,
} from '../../shared/sync/contract';
import type { WriteLock } from '../db/write-lock';
import { documentBody, officeOf, type StoredWrite } from '../replication/documents';
import type { ChangeNotices } from '../replication/notices';
import { reject } from '../replication/push-checks';
import { writeDocuments } from '../replication/write-documents';

/** The province's catalogue (procedures, officers, holidays…), replicated to the counters. */
export class CatalogueStore {
  constructor(
    private readonly writeLock: WriteLock,
    private readonly notices: ChangeNotices,
  ) {}

  /**
   * Validated upsert of catalogue documents by a province admin. With `within` (the audit of the
   * change), all or nothing: it runs in the write's transaction, and nothing is written if any
   * document is refused.
   */
  async upsertCatalogue(
    collection: CollectionName,
    docs: WireDocument[],
    writer: string,
    within?: (client: pg.PoolClient) => Promise<void>,
  ): Promise<{ written: number; rejected: RejectedDocument[] }> {
    const rejected: RejectedDocument[] = [];
    const writes: StoredWrite[] = [];
    for (const d of docs) {
      const doc = documentBody(d);
      const parsed = COLLECTION_SCHEMAS[collection].safeParse(doc);
      if (!parsed.success) {
        rejected.push(
          reject(
            d.id,
            422,
            'schema_invalid',
            parsed.error.issues
              .slice(0, 5)
              .map((i) => `${i.path.join('.')}: ${i.message}`)
              .join('; '),
          ),
        );
        continue;
      }
      writes.push({
        collection,
        id: d.id,
        office_id: officeOf(collection, doc),
        deleted: d._deleted === true,
        doc,
        written_by: writer,
        replica: null,
      });
    }
    if (writes.length === 0 || (within && rejected.length > 0)) return { written: 0, rejected };
    await writeDocuments(this.writeLock, this.notices, async (client) => {
      await within?.(client);
      return { writes, result: undefined };
    });
    return { written: writes.length, rejected };
  }
}
