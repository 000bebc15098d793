import { map } from 'rxjs';
import type {
  BulkWriteRow,
  RxDocumentData,
  RxJsonSchema,
  RxStorageInstance,
  RxStorageWriteError,
} from 'rxdb';

type Mapper<T> = (doc: RxDocumentData<T>) => RxDocumentData<T>;

/**
 * Rows mapped per task in a large write: the mappings (the field cipher above all) give the main
 * thread back between slices, so a bulk write (a first download's group, a pull batch) does not
 * freeze the page for all its rows at once. The write itself is still one.
 */
export const MAP_SLICE = 250;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function mapInSlices<R, M>(rows: readonly R[], map: (row: R) => M): Promise<M[]> {
  if (rows.length <= MAP_SLICE) return rows.map(map);
  const out: M[] = [];
  for (let i = 0; i < rows.length; i += MAP_SLICE) {
    if (i > 0) await nextTask();
    const end = Math.min(rows.length, i + MAP_SLICE);
    for (let j = i; j < end; j++) out.push(map(rows[j]!));
  }
  return out;
}

/**
 * A storage instance seen through two synchronous mappings: documents go down through `toStorage`
 * and come up (reads, change events, write errors) through `fromStorage`. What RxDB's
 * wrapRxStorageInstance does for mappings that may be asynchronous, without its promise per
 * document and its wait for change processing: both of ours (the blind index, the field cipher) are
 * synchronous, and that plumbing was a third of what the encryption cost a syncing counter.
 * Change events are mapped as they pass, so they are still emitted before the write resolves.
 */
export function mappedStorageInstance<T, I, O, C>(
  schema: RxJsonSchema<RxDocumentData<T>>,
  inner: RxStorageInstance<T, I, O, C>,
  toStorage: Mapper<T>,
  fromStorage: Mapper<T>,
): RxStorageInstance<T, I, O, C> {
  const errorUp = (error: RxStorageWriteError<T>): RxStorageWriteError<T> => {
    const writeRow: BulkWriteRow<T> = {
      document: fromStorage(error.writeRow.document),
      ...(error.writeRow.previous ? { previous: fromStorage(error.writeRow.previous) } : {}),
    };
    return {
      ...error,
      writeRow,
      ...('documentInDb' in error && error.documentInDb
        ? { documentInDb: fromStorage(error.documentInDb) }
        : {}),
    } as RxStorageWriteError<T>;
  };
  const mapped: RxStorageInstance<T, I, O, C> & { originalStorageInstance: RxStorageInstance<T, I, O, C> } = {
    databaseName: inner.databaseName,
    internals: inner.internals,
    options: inner.options,
    schema,
    collectionName: inner.collectionName,
    // RxDB's schema migration reads the old documents from below the mappings' own collection.
    originalStorageInstance: inner,
    async bulkWrite(rows, context) {
      const down = await mapInSlices(rows, (row) => ({
        document: toStorage(row.document),
        ...(row.previous ? { previous: toStorage(row.previous) } : {}),
      }));
      const result = await inner.bulkWrite(down, context);
      return { error: result.error.map(errorUp) };
    },
    async findDocumentsById(ids, withDeleted) {
      return (await inner.findDocumentsById(ids, withDeleted)).map(fromStorage);
    },
    async query(preparedQuery) {
      return { documents: (await inner.query(preparedQuery)).documents.map(fromStorage) };
    },
    count: (preparedQuery) => inner.count(preparedQuery),
    getAttachmentData: (documentId, attachmentId, digest) =>
      inner.getAttachmentData(documentId, attachmentId, digest),
    ...(inner.getChangedDocumentsSince
      ? {
          async getChangedDocumentsSince(limit: number, checkpoint?: C) {
            const result = await inner.getChangedDocumentsSince!(limit, checkpoint);
            return { checkpoint: result.checkpoint, documents: result.documents.map(fromStorage) };
          },
        }
      : {}),
    changeStream: () =>
      inner.changeStream().pipe(
        map((bulk) => ({
          ...bulk,
          events: bulk.events.map((event) => ({
            ...event,
            documentData: fromStorage(event.documentData),
            previousDocumentData: event.previousDocumentData
              ? fromStorage(event.previousDocumentData)
              : undefined,
          })),
        })),
      ),
    cleanup: (minimumDeletedTime) => inner.cleanup(minimumDeletedTime),
    close: () => inner.close(),
    remove: () => inner.remove(),
  };
  return mapped;
}
