import {
  getChangedDocumentsSince,
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuery,
  type RxCollection,
} from 'rxdb';
import { withoutKeys } from '../../shared/domain/records';
import { SEALED_FIELD } from './field-encryption-storage';
import { decryptPaths } from './personal-data';

const STORED_SEAL = new Set([SEALED_FIELD]);

/**
 * Hot-path reads.
 *
 * On the Dexie storage (production) a read is one IndexedDB index range with getAll(range, limit)
 * on the very table and compound index RxDB maintains (`[_deleted+…+id]`), so it costs what raw
 * Dexie costs. RxDB's own query path walks a cursor one document per round trip and builds
 * RxDocuments, which makes plain RxDB much slower on these lists.
 *
 * On other storages (the memory storage of unit tests) the same read runs as a prepared mango
 * query on the storage instance, with identical bounds semantics.
 */

/** IndexedDB key bounds: -Infinity sorts before every key, an array after every string. */
export const MIN_KEY = -Infinity;
export const MAX_KEY: unknown = [[]];

type DexieTableLike = {
  orderBy(index: string): { last(): Promise<unknown> };
  where(index: string): {
    above(key: unknown[]): { limit(n: number): { toArray(): Promise<unknown[]> } };
    between(
      lower: unknown[],
      upper: unknown[],
      includeLower: boolean,
      includeUpper: boolean,
    ): {
      limit(n: number): { toArray(): Promise<unknown[]> };
      toArray(): Promise<unknown[]>;
      count(): Promise<number>;
    };
  };
};
type DexieState = {
  dexieTable: DexieTableLike;
  booleanIndexes: string[];
  /** Field-encrypted paths of the collection and the key: rows come from below the plugin. */
  encrypted: string[];
  key: string;
  /** The collection's name (sealed values are bound to their collection and document). */
  collection: string;
};

/**
 * Dexie rows back to RxDB documents. RxDB's own converter rebuilds every nested object (for
 * key-compression's '|' keys, which our schemas do not use); only the boolean index fields, stored
 * as '0'/'1' so IndexedDB can index them, need turning back, and encrypted fields decrypting.
 */
function fromRow<T>(state: DexieState, row: unknown): T {
  const source = row as Record<string, unknown>;
  const doc = state.encrypted.length > 0 ? withoutKeys(source, STORED_SEAL) : { ...source };
  for (const field of state.booleanIndexes) if (field in doc) doc[field] = doc[field] === '1';
  if (state.encrypted.length > 0)
    decryptPaths(doc, state.encrypted, state.key, state.collection, source[SEALED_FIELD]);
  return doc as T;
}

const dexieStates = new WeakMap<object, Promise<DexieState | null>>();

/** The Dexie table behind a collection, or null when the storage is not Dexie. */
function dexieOf<T>(collection: RxCollection<T>): Promise<DexieState | null> {
  const instance = collection.internalStorageInstance as unknown as { internals?: unknown };
  let state = dexieStates.get(instance);
  if (!state) {
    state = Promise.resolve(instance.internals).then((internals) => {
      const s = internals as Partial<DexieState> | undefined;
      if (!s || !s.dexieTable || !Array.isArray(s.booleanIndexes)) return null;
      const encrypted = collection.schema.jsonSchema.encrypted ?? [];
      const key = (collection.database as { password?: unknown }).password;
      if (encrypted.length > 0 && typeof key !== 'string')
        throw new Error('encrypted collection without key');
      return {
        dexieTable: s.dexieTable,
        booleanIndexes: s.booleanIndexes,
        encrypted: [...encrypted],
        key: typeof key === 'string' ? key : '',
        collection: collection.name,
      };
    });
    dexieStates.set(instance, state);
  }
  return state;
}

/**
 * A range over a compound index `[fields…, id]` (RxDB appends the primary key and prepends
 * `_deleted`). `lower` / `upper` are full key tuples over `fields` + id; use MIN_KEY / MAX_KEY to
 * leave a position open. Results ascend by the index.
 */
export type IndexRange = {
  fields: string[];
  lower: unknown[];
  upper: unknown[];
  /** Whether the bounds themselves are included (default true). */
  includeLower?: boolean;
  includeUpper?: boolean;
  limit?: number;
};

/**
 * The key tuple for IndexedDB: each MAX_KEY position gets its own array, since the spec's key
 * conversion refuses one array object seen twice in a key (fake-indexeddb enforces it).
 */
function idbKey(tuple: unknown[]): unknown[] {
  return ['0', ...tuple.map((v) => (v === MAX_KEY ? [[]] : v))];
}

/** The rows of `range` on its compound index (the non-deleted ones: `_deleted` leads the key). */
function inRange(dexie: DexieState, range: IndexRange) {
  const index = `[_deleted+${range.fields.join('+')}+id]`;
  return dexie.dexieTable
    .where(index)
    .between(
      idbKey(range.lower),
      idbKey(range.upper),
      range.includeLower ?? true,
      range.includeUpper ?? true,
    );
}

export async function rangeRead<T>(collection: RxCollection<T>, range: IndexRange): Promise<T[]> {
  const dexie = await dexieOf(collection);
  if (dexie) {
    const where = inRange(dexie, range);
    const rows = range.limit !== undefined ? await where.limit(range.limit).toArray() : await where.toArray();
    return rows.map((row) => fromRow<T>(dexie, row));
  }
  return queryPlain(collection, rangeToMango<T>(range));
}

/** Number of documents in a range (short ranges only: IndexedDB counts are linear). */
export async function rangeCount<T>(collection: RxCollection<T>, range: IndexRange): Promise<number> {
  const dexie = await dexieOf(collection);
  if (dexie) {
    return inRange(dexie, range).count();
  }
  return (await queryPlain(collection, rangeToMango<T>({ ...range, limit: undefined }))).length;
}

/**
 * The same range as a mango query: compares key tuples lexicographically, like IndexedDB.
 * Only used off Dexie (unit tests), where collections are small.
 */
function rangeToMango<T>(range: IndexRange): MangoQuery<T> {
  const keys = [...range.fields, 'id'];
  const bound = (tuple: unknown[], side: 'lower' | 'upper', inclusive: boolean): Record<string, unknown> => {
    // (k0 > t0) or (k0 = t0 and (k1 > t1 or (…))) with MIN/MAX positions dropping out.
    const build = (i: number): Record<string, unknown> | null => {
      if (i >= keys.length) return inclusive ? {} : null;
      const v = tuple[i];
      if (v === MIN_KEY) return side === 'lower' ? {} : null;
      if (v === MAX_KEY || Array.isArray(v)) return side === 'upper' ? {} : null;
      const key = keys[i] as string;
      const strict = { [key]: { [side === 'lower' ? '$gt' : '$lt']: v } };
      const rest = build(i + 1);
      if (rest === null) return strict;
      const eqAndRest = Object.keys(rest).length
        ? { $and: [{ [key]: { $eq: v } }, rest] }
        : { [key]: { $eq: v } };
      return { $or: [strict, eqAndRest] };
    };
    return build(0) ?? { id: { $eq: '\u0000never' } };
  };
  const lower = bound(range.lower, 'lower', range.includeLower ?? true);
  const upper = bound(range.upper, 'upper', range.includeUpper ?? true);
  const selector = { $and: [lower, upper].filter((s) => Object.keys(s).length > 0) };
  return {
    selector: (selector.$and.length ? selector : {}) as MangoQuery<T>['selector'],
    sort: keys.map((k) => ({ [k]: 'asc' })) as MangoQuery<T>['sort'],
    ...(range.limit !== undefined ? { limit: range.limit } : {}),
  };
}

/** A prepared mango query on the storage instance: plain JSON back, no RxQuery cache. */
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

export type ChangeCheckpoint = { id: string; lwt: number };

/**
 * Documents written after `checkpoint`, in write order (deleted ones included), with the checkpoint
 * to continue from. On Dexie this is a range on RxDB's own `[_meta.lwt+id]` index; RxDB's generic
 * fallback is an $or query that the planner turns into a full scan, too slow at 100k.
 */
export async function changedSince<T extends { id: string }>(
  collection: RxCollection<T>,
  checkpoint: ChangeCheckpoint | null | undefined,
  limit: number,
): Promise<{ documents: (T & { _meta: { lwt: number } })[]; checkpoint: ChangeCheckpoint | null }> {
  const dexie = await dexieOf(collection);
  if (dexie) {
    const rows = await dexie.dexieTable
      .where('[_meta.lwt+id]')
      .above(checkpoint ? [checkpoint.lwt, checkpoint.id] : [MIN_KEY])
      .limit(limit)
      .toArray();
    const documents = rows.map((row) => fromRow<T>(dexie, row)) as unknown as (T & {
      _meta: { lwt: number };
    })[];
    const last = documents[documents.length - 1];
    return { documents, checkpoint: last ? { id: last.id, lwt: last._meta.lwt } : (checkpoint ?? null) };
  }
  const res = await getChangedDocumentsSince(collection.storageInstance, limit, checkpoint ?? undefined);
  return {
    documents: res.documents as unknown as (T & { _meta: { lwt: number } })[],
    checkpoint: (res.checkpoint as ChangeCheckpoint | undefined) ?? checkpoint ?? null,
  };
}

/** The checkpoint of the newest write to a collection (null when empty). */
export async function latestChange<T extends { id: string }>(
  collection: RxCollection<T>,
): Promise<ChangeCheckpoint | null> {
  const dexie = await dexieOf(collection);
  if (dexie) {
    // The last key of RxDB's change index: one step of a reverse cursor, not a walk.
    const row = (await dexie.dexieTable.orderBy('[_meta.lwt+id]').last()) as
      { id: string; _meta: { lwt: number } } | undefined;
    return row ? { id: row.id, lwt: row._meta.lwt } : null;
  }
  let checkpoint: ChangeCheckpoint | null = null;
  for (;;) {
    const page: { documents: unknown[]; checkpoint: ChangeCheckpoint | null } = await changedSince(
      collection,
      checkpoint,
      5000,
    );
    if (page.documents.length === 0) return checkpoint;
    checkpoint = page.checkpoint;
  }
}

/** A document without RxDB's bookkeeping fields. */
export function stripMeta<T>(doc: T): T {
  const { _deleted: _d, _rev: _r, _meta: _m, _attachments: _a, ...rest } = doc as T & Record<string, unknown>;
  return rest as T;
}
