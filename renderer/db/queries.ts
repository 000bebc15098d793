import { normalizeMangoQuery, prepareQuery, type MangoQuery, type RxCollection } from 'rxdb';

/**
 * Hot-path reads straight from the storage instance with a prepared (index-planned) query: no
 * RxQuery cache, no RxDocument objects, plain JSON back. This is what keeps our reads close to raw
 * Dexie (plain RxDB costs 2–3× on these). Writes still go through the collections.
 */
export async function queryPlain<T>(collection: RxCollection<T>, mango: MangoQuery<T>): Promise<T[]> {
  const schema = collection.schema.jsonSchema;
  const normalized = normalizeMangoQuery(schema, {
    ...mango,
    selector: { ...(mango.selector ?? {}), _deleted: { $eq: false } } as MangoQuery<T>['selector'],
  });
  const prepared = prepareQuery(schema, normalized);
  const result = await collection.storageInstance.query(prepared);
  return result.documents as unknown as T[];
}

/** Documents by primary key, deleted ones left out. */
export async function findPlainByIds<T>(collection: RxCollection<T>, ids: string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const docs = await collection.storageInstance.findDocumentsById(ids, false);
  return docs as unknown as T[];
}
