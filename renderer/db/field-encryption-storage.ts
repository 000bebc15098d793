import {
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { mappedStorageInstance } from './mapped-storage-instance';
import { withoutKeys } from '../../shared/domain/records';
import { deepFreeze } from '../../shared/workflow/hash';
import { fieldCipherReady, type FieldCipher } from './field-cipher';

type Doc = Record<string, unknown>;
type SchemaLevel = { properties?: Record<string, unknown> };

/** RxDB's title for a replication's metadata (replication-protocol/meta-instance). */
const META_TITLE = 'RxReplicationProtocolMetaData';

/**
 * The stored-only field holding a document's personal fields, sealed together: one encryption per
 * document (a dossier has five such fields) instead of one per field.
 */
export const SEALED_FIELD = '_sealed';

/** What a sealed value's associated data names: the collection and document it belongs to. */
export const sealedOwner = (collection: string, id: string): string => `${collection}/${id}`;

/** A document's personal values as sealed: whom for, the values (by path), and the sealed text. */
type Seal = { owner: string; values: Doc; text: string };

type Encrypted = {
  collection: string;
  keys: Set<string>;
  paths: readonly string[];
  /**
   * The seal last made of each object holding all the personal paths (`applicant` of a dossier,
   * `payload` of an event), where they share one: the copy of a document in the replication's
   * metadata (a new document object around the same holder) reuses it without writing its JSON
   * again.
   */
  sealOf: WeakMap<object, Seal>;
};

/** Whether two sets of personal values (by path) are the same values: object values by identity. */
function sameValues(a: Doc, b: Doc): boolean {
  const paths = Object.keys(a);
  return paths.length === Object.keys(b).length && paths.every((path) => a[path] === b[path]);
}

/**
 * Freezes what a seal was made of where it is an object (an event's payload): a seal is reused for
 * the very same objects, so they must not change under it. Stored documents are immutable anyway
 * (RxDB's rule); this makes a write into one throw instead of going unnoticed.
 */
function freezeObjects(values: Doc): void {
  for (const path in values) {
    const value = values[path];
    if (value !== null && typeof value === 'object') deepFreeze(value);
  }
}

/** The collections with encrypted paths opened so far, per database: what their metadata copies. */
const encryptedByDatabase = new Map<string, Map<string, Encrypted>>();

/**
 * The collection whose documents a replication's metadata copies. RxDB lists its whole `docData`
 * (the copy of each replicated document it keeps as the server's version) as encrypted; the copy's
 * personal fields are those of the collection it replicates, the one collection of the database
 * whose fields it has. Only those are sealed, exactly as in that collection, with the same
 * associated data: the copy of a document just pushed or pulled reuses its sealed value instead of
 * encrypting it again. Metadata whose collection cannot be told is refused rather than stored in a
 * form another run might read differently.
 */
function copiedCollection(databaseName: string, schema: SchemaLevel, listed: readonly string[]): Encrypted {
  const docData = schema.properties?.docData as SchemaLevel | undefined;
  const fields = Object.keys(docData?.properties ?? {});
  const parents = [...(encryptedByDatabase.get(databaseName)?.values() ?? [])].filter(
    (p) =>
      fields.every((f) => p.keys.has(f)) && p.paths.every((path) => fields.includes(path.split('.')[0]!)),
  );
  if (listed.join() !== 'docData' || parents.length !== 1)
    throw new Error(`replication metadata of ${databaseName}: not one encrypted collection has its fields`);
  return parents[0]!;
}

/**
 * A copy of `obj` with the value at `parts` set, or left out when undefined, copying on the way
 * (objects in `copies` are this call's own copies, changed in place). Keys are left out by copying
 * the others, not by `delete`, which would turn the object into a slow dictionary for everything
 * that reads it later.
 */
function withValue(obj: Doc, parts: readonly string[], value: unknown, copies: Set<unknown>): Doc {
  const [head, ...rest] = parts;
  if (rest.length === 0 && value === undefined) {
    if (!(head! in obj)) return obj;
    const out = withoutKeys(obj, new Set([head!]));
    copies.add(out);
    return out;
  }
  const out = copies.has(obj) ? obj : { ...obj };
  copies.add(out);
  if (rest.length === 0) {
    out[head!] = value;
    return out;
  }
  const next = out[head!];
  if (!next || typeof next !== 'object') return out;
  out[head!] = withValue(next as Doc, rest, value, copies);
  return out;
}

function valueAt(obj: Doc, parts: readonly string[]): unknown {
  let at: unknown = obj;
  for (const part of parts) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Doc)[part];
  }
  return at;
}

/**
 * The personal paths as a tree, by object: a key is either a personal field (its value the path,
 * as the sealed values are keyed) or an object holding some (its own tree).
 */
type PathTree = Map<string, string | PathTree>;

function pathTree(paths: readonly string[]): PathTree {
  const root: PathTree = new Map();
  for (const path of paths) {
    const parts = path.split('.');
    let at = root;
    for (const part of parts.slice(0, -1)) {
      let next = at.get(part);
      if (typeof next !== 'object') {
        next = new Map();
        at.set(part, next);
      }
      at = next;
    }
    at.set(parts[parts.length - 1]!, path);
  }
  return root;
}

/**
 * `obj` without its personal fields, which go into `values` by path; `obj` itself when it has
 * none. Each object on the way is copied once, whatever number of fields leave it (a dossier's
 * applicant holds five), and by its other keys, not with `delete` (see withValue).
 */
function takeOut(obj: Doc, tree: PathTree, values: Doc): Doc {
  let inner: Map<string, Doc> | null = null;
  let changed = false;
  for (const [key, node] of tree) {
    const value = obj[key];
    if (value === undefined) continue;
    if (typeof node === 'string') {
      values[node] = value;
      changed = true;
    } else if (value !== null && typeof value === 'object') {
      const taken = takeOut(value as Doc, node, values);
      if (taken !== value) {
        (inner ??= new Map()).set(key, taken);
        changed = true;
      }
    }
  }
  if (!changed) return obj;
  const out: Doc = {};
  for (const key of Object.keys(obj)) {
    const node = tree.get(key);
    if (node === undefined) out[key] = obj[key];
    else if (typeof node !== 'string') out[key] = inner?.get(key) ?? obj[key];
  }
  return out;
}

/**
 * Encrypts the paths a collection's schema lists in `encrypted` (RxDB's own convention, so the
 * schemas say what is personal) below RxDB. A stored document holds them sealed together in
 * SEALED_FIELD (FieldCipher's text of their JSON), and not at their paths; above this storage
 * documents are plaintext. Values stored one per path (RxDB's crypto-js plugin, before) are read too
 * and sealed when their document is next written. A collection without `encrypted` paths is passed
 * through untouched.
 */
export function fieldEncryptionStorage<I, C>(storage: RxStorage<I, C>, cipher: FieldCipher): RxStorage<I, C> {
  return Object.assign({}, storage, {
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, C>) {
      const listed = params.schema.encrypted ?? [];
      if (listed.length === 0) return storage.createStorageInstance(params);
      await fieldCipherReady;
      const schema = params.schema as unknown as SchemaLevel & { title?: string };
      const isMetadata = schema.title === META_TITLE;
      let owner: Encrypted;
      if (isMetadata) owner = copiedCollection(params.databaseName, schema, listed);
      else {
        owner = {
          collection: params.collectionName,
          keys: new Set(Object.keys(schema.properties ?? {})),
          paths: listed,
          sealOf: new WeakMap(),
        };
        const opened = encryptedByDatabase.get(params.databaseName) ?? new Map<string, Encrypted>();
        opened.set(params.collectionName, owner);
        encryptedByDatabase.set(params.databaseName, opened);
      }
      const paths = owner.paths.map((path) => ({ path, parts: path.split('.') }));
      const tree = pathTree(owner.paths);
      // The key holding every personal path, when the tree has a single one (see Encrypted.sealOf).
      const holderKey = tree.size === 1 ? [...tree.keys()][0]! : null;
      // The object holding the fields: the document, or the copy inside the metadata.
      const base = isMetadata ? 'docData' : null;

      // The storage below sees the stored form, and no `encrypted` list (RxDB refuses a storage
      // handed one: it would not encrypt).
      const inner = structuredClone(params.schema) as RxJsonSchema<RxDocumentData<RxDocType>>;
      delete inner.encrypted;
      const innerRoot = (base ? (inner as unknown as SchemaLevel).properties![base] : inner) as SchemaLevel;
      innerRoot.properties![SEALED_FIELD] = { type: 'string' };
      const primaryKey = params.schema.primaryKey;
      const primary: string = typeof primaryKey === 'string' ? primaryKey : primaryKey.key;
      // The document a value belongs to: for metadata, the one it copies.
      const ownerOf = (doc: Doc) => sealedOwner(owner.collection, String(doc[base ? 'itemId' : primary]));

      // The plaintext each stored form was made from. The storage hands back the very objects it was
      // given in its change events (and the memory storage in every read): those need no opening.
      const plainOf = new WeakMap<object, RxDocumentData<RxDocType>>();

      const toStorage = (doc: RxDocumentData<RxDocType>): RxDocumentData<RxDocType> => {
        const stored = doc as unknown as Doc;
        const root = base ? stored[base] : stored;
        if (!root || typeof root !== 'object') return doc; // a replication checkpoint: no copy
        const values: Doc = {};
        const sealedRoot = takeOut(root as Doc, tree, values);
        if (sealedRoot === root) return doc;
        const sealedBy = ownerOf(stored);
        const holder = holderKey === null ? undefined : (root as Doc)[holderKey];
        const holds = holder !== null && typeof holder === 'object';
        let seal = holds ? owner.sealOf.get(holder) : undefined;
        if (!seal || seal.owner !== sealedBy || !sameValues(seal.values, values)) {
          // The present personal fields by path, in the tree's order: the same text for a document
          // and its copy in the replication's metadata, so the copy finds the document's seal.
          seal = { owner: sealedBy, values, text: cipher.encrypt(JSON.stringify(values), sealedBy, '*') };
          if (holds) {
            freezeObjects(values);
            owner.sealOf.set(holder, seal);
          }
        }
        sealedRoot[SEALED_FIELD] = seal.text;
        const out = base ? { ...stored, [base]: sealedRoot } : sealedRoot;
        plainOf.set(out, doc);
        return out as unknown as RxDocumentData<RxDocType>;
      };

      const fromStorage = (doc: RxDocumentData<RxDocType>): RxDocumentData<RxDocType> => {
        const known = plainOf.get(doc);
        if (known) return known;
        const stored = doc as unknown as Doc;
        const root = base ? stored[base] : stored;
        // Metadata whose whole copy was encrypted as one value (RxDB's crypto-js plugin, before).
        if (base && typeof root === 'string')
          return {
            ...stored,
            [base]: JSON.parse(cipher.decrypt(root, String(stored[primary]), base)),
          } as never;
        if (!root || typeof root !== 'object') return doc;
        let plainRoot = root as Doc;
        const copies = new Set<unknown>();
        const sealed = plainRoot[SEALED_FIELD];
        if (typeof sealed === 'string') {
          const values = JSON.parse(cipher.decrypt(sealed, ownerOf(stored), '*')) as Doc;
          plainRoot = withValue(plainRoot, [SEALED_FIELD], undefined, copies);
          for (const { path, parts } of paths)
            if (values[path] !== undefined) plainRoot = withValue(plainRoot, parts, values[path], copies);
        } else {
          // One value per path (written before values were sealed together).
          for (const { path, parts } of paths) {
            const value = valueAt(plainRoot, parts);
            if (typeof value !== 'string') continue;
            const json = cipher.decrypt(value, String(stored[primary]), base ? `${base}.${path}` : path);
            plainRoot = withValue(plainRoot, parts, JSON.parse(json), copies);
          }
        }
        return (base ? { ...stored, [base]: plainRoot } : plainRoot) as unknown as RxDocumentData<RxDocType>;
      };

      const instance = await storage.createStorageInstance({ ...params, schema: inner });
      return mappedStorageInstance(params.schema, instance, toStorage, fromStorage);
    },
  });
}
