import {
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { mappedStorageInstance } from './mapped-storage-instance';
import { withoutKeys } from '../../shared/domain/records';
import { BLIND_INDEX_FIELDS, BLIND_INDEX_MAX_LENGTH, type BlindIndexer } from './personal-data';

/** First dossier schema version whose stored form carries the blind index (and no plaintext keys). */
export const BLIND_INDEX_SINCE_VERSION = 2;

/** Plaintext lookup fields of dossier schemas before v2: never written again. */
const LEGACY = new Set(['applicantIdNumber', 'applicantPhone']);
/** The blind-index fields: in the stored documents only. */
const STORED_ONLY = new Set<string>(Object.values(BLIND_INDEX_FIELDS));

type Doc = RxDocumentData<Record<string, unknown>>;
type Applicant = { idNumber?: string; taxCode?: string; phone?: string };

/**
 * Adds the blind-index fields to stored dossiers, below RxDB and above the field encryption.
 *
 * They live in the storage only: every write (the counter's steps, a pull from the server, an
 * import) computes them from the plaintext applicant with this counter's key, and every read
 * strips them, so RxDB, the replication and the server see the wire form. (A key-dependent hash
 * that travelled would mean nothing to another counter, and would make each counter re-push it.)
 * The indexes are declared on the inner storage's schema, which is where Dexie builds them.
 */
export function blindIndexStorage<I, C>(storage: RxStorage<I, C>, indexer: BlindIndexer): RxStorage<I, C> {
  return Object.assign({}, storage, {
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, C>) {
      if (params.collectionName !== 'dossiers' || params.schema.version < BLIND_INDEX_SINCE_VERSION) {
        return storage.createStorageInstance(params);
      }
      const schema = structuredClone(params.schema) as RxJsonSchema<Doc> & {
        properties: Record<string, unknown>;
        required: string[];
        indexes: (string | string[])[];
      };
      const primary = typeof schema.primaryKey === 'string' ? schema.primaryKey : schema.primaryKey.key;
      for (const field of Object.values(BLIND_INDEX_FIELDS)) {
        schema.properties[field] = { type: 'string', maxLength: BLIND_INDEX_MAX_LENGTH };
        schema.required.push(field);
        schema.indexes.push(['_deleted', field, primary]);
      }
      const instance = await storage.createStorageInstance({
        ...params,
        schema: schema as unknown as RxJsonSchema<RxDocumentData<RxDocType>>,
      });
      const toStorage = (doc: RxDocumentData<RxDocType>) => {
        const out = withoutKeys(doc as unknown as Doc, LEGACY);
        const a = (out.applicant ?? {}) as Applicant;
        out[BLIND_INDEX_FIELDS.idNumber] = indexer.idNumber(a.idNumber || a.taxCode || '');
        out[BLIND_INDEX_FIELDS.phone] = indexer.phone(a.phone ?? '');
        return out as unknown as RxDocumentData<RxDocType>;
      };
      // Copied without them rather than `delete`d: a deleted key turns the object into a slow
      // dictionary for everything that reads it later.
      const fromStorage = (doc: RxDocumentData<RxDocType>) =>
        withoutKeys(doc as unknown as Doc, STORED_ONLY) as unknown as RxDocumentData<RxDocType>;
      return mappedStorageInstance(params.schema, instance, toStorage, fromStorage);
    },
  });
}
