// The cipher of personal fields, and a replica written by the crypto-js field encryption it replaced.
// The reference HMAC and HKDF are Node's, independent of the WebCrypto code under test (tests run in Node).
import { createHmac, hkdfSync } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, fillWithDefaultSettings, getRxReplicationMetaInstanceSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { encryptString, wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCounterDatabase, createCounterRepository, toDossierDoc } from '.';
import { blindIndexStorage } from './blind-index-storage';
import { FieldCipher, fieldCipherReady, FieldDecryptError } from './field-cipher';
import { fieldEncryptionStorage } from './field-encryption-storage';
import { encryptedDossierRxSchema, encryptedEventRxSchema } from './database';
import { createBlindIndexer } from './personal-data';
import { countsRxSchema } from './schemas';
import { receivedDossier, TEST_KEY } from '../../tests/support/db-fixtures';

const OTHER_KEY = 'YW5vdGhlci1rZXktMzItYnl0ZXMtLS0tLS0tLS0tLS0=';
const PHONE = '"0912345678"';

describe('FieldCipher', () => {
  beforeAll(() => fieldCipherReady);

  it('round-trips a field and stores none of it in clear', () => {
    const cipher = new FieldCipher(TEST_KEY);
    const stored = cipher.encrypt(PHONE, 'd1', 'applicant.phone');
    expect(stored).toMatch(/^f1\./);
    expect(stored).not.toContain('0912345678');
    // A fresh cipher (nothing remembered) under the same key opens it.
    expect(new FieldCipher(TEST_KEY).decrypt(stored, 'd1', 'applicant.phone')).toBe(PHONE);
  });

  it('gives a new ciphertext to the same value in another document', () => {
    const cipher = new FieldCipher(TEST_KEY);
    const a = cipher.encrypt(PHONE, 'd1', 'applicant.phone');
    const b = cipher.encrypt(PHONE, 'd2', 'applicant.phone');
    expect(a).not.toBe(b);
    // The same value in the same field again (an update that leaves it): the text it has.
    expect(cipher.encrypt(PHONE, 'd1', 'applicant.phone')).toBe(a);
  });

  it('refuses a value under another key, moved to another field or dossier, or altered', () => {
    const stored = new FieldCipher(TEST_KEY).encrypt(PHONE, 'd1', 'applicant.phone');
    const fresh = () => new FieldCipher(TEST_KEY);
    expect(() => new FieldCipher(OTHER_KEY).decrypt(stored, 'd1', 'applicant.phone')).toThrow(
      FieldDecryptError,
    );
    expect(() => fresh().decrypt(stored, 'd2', 'applicant.phone')).toThrow(FieldDecryptError);
    expect(() => fresh().decrypt(stored, 'd1', 'applicant.idNumber')).toThrow(FieldDecryptError);
    // One character of the sealed text changed (well inside it: base64's last ones may carry padding).
    const at = 30;
    const flipped = stored.slice(0, at) + (stored[at] === 'A' ? 'B' : 'A') + stored.slice(at + 1);
    expect(() => fresh().decrypt(flipped, 'd1', 'applicant.phone')).toThrow(
      /cannot decrypt applicant.phone of d1/,
    );
    // Even one it remembers: the remembered value is tied to its document and field.
    const cipher = fresh();
    const own = cipher.encrypt(PHONE, 'd1', 'applicant.phone');
    expect(() => cipher.decrypt(own, 'd2', 'applicant.phone')).toThrow(FieldDecryptError);
  });

  it('reads values written by the crypto-js field encryption, and only under their key', () => {
    const legacy = encryptString(PHONE, TEST_KEY);
    expect(FieldCipher.isLegacy(legacy)).toBe(true);
    expect(new FieldCipher(TEST_KEY).decrypt(legacy, 'd1', 'applicant.phone')).toBe(PHONE);
    expect(() => new FieldCipher(OTHER_KEY).decrypt(legacy, 'd1', 'applicant.phone')).toThrow(
      FieldDecryptError,
    );
  });
});

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('idb request failed'));
  });
}

/** The stored dossier `id` as IndexedDB holds it (below RxDB and Dexie). */
async function rawRow(
  indexedDB: IDBFactory,
  id: string,
): Promise<{ applicant: Record<string, string | undefined>; _sealed?: string }> {
  for (const { name } of await indexedDB.databases()) {
    const db = await request(indexedDB.open(name!));
    try {
      if (!name!.includes('dossiers')) continue;
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await request(db.transaction(store, 'readonly').objectStore(store).getAll());
        const row = (rows as { id?: string; applicant?: Record<string, string>; _sealed?: string }[]).find(
          (r) => r.id === id,
        );
        if (row?.applicant) return { applicant: row.applicant, _sealed: row._sealed };
      }
    } finally {
      db.close();
    }
  }
  throw new Error(`no stored dossier ${id}`);
}

describe('the blind index', () => {
  it('is HMAC-SHA-256 under the HKDF sub-key, so indexes stored by earlier versions still match', () => {
    // Independently of the indexer: node:crypto's HKDF and HMAC on the normalised values.
    const subKey = Buffer.from(hkdfSync('sha256', TEST_KEY, Buffer.alloc(0), 'motcua/blind-index/v1', 32));
    const tag = (text: string) => createHmac('sha256', subKey).update(text).digest('hex').slice(0, 32);
    const indexer = createBlindIndexer(TEST_KEY);
    expect(indexer.idNumber('034 090 001 234')).toBe(tag('id:034090001234'));
    expect(indexer.phone('+84 912.345.678')).toBe(tag('phone:0912345678'));
    // Many in a row (the keyed state is cloned per value, never reused dirty).
    for (let i = 0; i < 5; i++) expect(indexer.idNumber(`0340900012${i}`)).toBe(tag(`id:0340900012${i}`));
    expect(indexer.idNumber('')).toBe('');
  });
});

describe('a replica written with the crypto-js field encryption', () => {
  it('opens with the new storage, reads back, and is rewritten in the new form', async () => {
    const indexedDB = new IDBFactory();
    const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
    const name = `legacy${Date.now()}`;
    const decided = receivedDossier('old-1');
    // The data database as the app opened it before: RxDB's crypto-js plugin under the blind index.
    const old = await createRxDatabase({
      name: `${name}-data`,
      storage: blindIndexStorage(
        wrappedKeyEncryptionCryptoJsStorage({ storage }),
        createBlindIndexer(TEST_KEY),
      ),
      password: TEST_KEY,
      multiInstance: false,
    });
    await old.addCollections({
      dossiers: { schema: encryptedDossierRxSchema },
      dossier_events: { schema: encryptedEventRxSchema },
      counts: { schema: countsRxSchema },
    });
    await old.collections.dossier_events!.insert(decided.event);
    await old.collections.dossiers!.insert(toDossierDoc(decided.dossier));
    await old.close();

    const db = await createCounterDatabase({ name, storage, key: TEST_KEY });
    const repo = await createCounterRepository(db);
    // Through RxDB and through the fast read path (rows straight from IndexedDB).
    expect((await repo.getDossier('old-1'))?.applicant).toMatchObject({ idNumber: '034095001234' });
    const [listed] = await repo.listReceivedBetween('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    expect(listed?.applicant.phone).toBe('0912345678');
    expect((await repo.eventsOf('old-1'))[0]?.payload).toMatchObject({
      applicant: { idNumber: '034095001234' },
    });
    expect((await repo.findByIdNumber('034095001234')).map((d) => d.id)).toEqual(['old-1']);

    const rawBefore = await rawRow(indexedDB, 'old-1');
    expect(FieldCipher.isLegacy(rawBefore.applicant.idNumber ?? '')).toBe(true);

    // A write stores the new form.
    const doc = await db.dossiers.findOne('old-1').exec();
    await doc!.incrementalPatch({ applicant: { ...doc!.applicant, email: 'an@example.vn' } });
    const rawAfter = await rawRow(indexedDB, 'old-1');
    // The personal fields sealed together, none left at their paths.
    expect(rawAfter._sealed).toMatch(/^f1\./);
    expect(rawAfter.applicant.idNumber).toBeUndefined();
    expect(rawAfter.applicant.email).toBeUndefined();
    expect(rawAfter.applicant.fullName).toBe('Nguyễn Văn An');
    expect((await repo.getDossier('old-1'))?.applicant).toMatchObject({
      idNumber: '034095001234',
      email: 'an@example.vn',
    });
    const [relisted] = await repo.listReceivedBetween('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    expect(relisted?.applicant).toMatchObject({ phone: '0912345678', email: 'an@example.vn' });
    expect(relisted).not.toHaveProperty('_sealed');
    await repo.close();
    await db.close();
  });
});

/** What RxDB hands a storage to create a collection's (or metadata's) instance. */
function instanceParams(databaseName: string, collectionName: string, schema: object) {
  return {
    databaseName,
    collectionName,
    databaseInstanceToken: 'test',
    multiInstance: false,
    devMode: false,
    options: {},
    password: TEST_KEY,
    schema: schema as never,
  };
}

describe("a replication's metadata", () => {
  it('keeps only the copied document’s personal fields sealed, and reads metadata the crypto-js plugin wrote whole', async () => {
    await fieldCipherReady;
    const memory = getRxStorageMemory();
    const databaseName = `meta${Date.now()}`;
    const parentSchema = fillWithDefaultSettings(encryptedDossierRxSchema);
    const metaSchema = getRxReplicationMetaInstanceSchema(parentSchema, true);
    const params = (collectionName: string, schema: typeof metaSchema | typeof parentSchema) =>
      instanceParams(databaseName, collectionName, schema);
    const decided = receivedDossier('m-1');
    const metaDoc = (itemId: string) => ({
      id: `${itemId}|0`,
      itemId,
      isCheckpoint: '0',
      docData: { ...toDossierDoc({ ...decided.dossier, id: itemId }), _deleted: false, _attachments: {} },
      _deleted: false,
      _attachments: {},
      _rev: '1-a',
      _meta: { lwt: Date.now() },
    });

    // Written by the crypto-js plugin: the whole copy is one encrypted value.
    const legacy = await wrappedKeyEncryptionCryptoJsStorage({ storage: memory }).createStorageInstance(
      params('meta', metaSchema),
    );
    await legacy.bulkWrite([{ document: metaDoc('old') as never }], 'test');

    const ours = fieldEncryptionStorage(memory, new FieldCipher(TEST_KEY));
    await ours.createStorageInstance(params('dossiers', parentSchema)); // the collection it copies
    const meta = await ours.createStorageInstance(params('meta', metaSchema));
    const [old] = (await meta.findDocumentsById(['old|0'], false)) as unknown as ReturnType<typeof metaDoc>[];
    expect(old?.docData.applicant).toMatchObject({ idNumber: '034095001234', phone: '0912345678' });

    await meta.bulkWrite([{ document: metaDoc('new') as never }], 'test');
    const raw = getRxStorageMemory();
    // The same stored documents, read without the cipher.
    const { encrypted: _listed, ...storedSchema } = metaSchema;
    const below = await raw.createStorageInstance(params('meta', storedSchema as typeof metaSchema) as never);
    const [stored] = (await below.findDocumentsById(['new|0'], false)) as unknown as {
      docData: { applicant: Record<string, unknown>; _sealed?: string };
    }[];
    expect(stored?.docData._sealed).toMatch(/^f1\./);
    expect(stored?.docData.applicant.fullName).toBe('Nguyễn Văn An');
    expect(JSON.stringify(stored)).not.toContain('034095001234');
    // Opened again by another run (nothing remembered): from the seal.
    const again = fieldEncryptionStorage(memory, new FieldCipher(TEST_KEY));
    await again.createStorageInstance(params('dossiers', parentSchema));
    const reopened = await again.createStorageInstance(params('meta', metaSchema));
    const [back] = (await reopened.findDocumentsById(['new|0'], false)) as unknown as ReturnType<
      typeof metaDoc
    >[];
    expect(back?.docData.applicant.idNumber).toBe('034095001234');
    await Promise.all([legacy.close(), meta.close(), below.close(), reopened.close()]);
  });

  it('seals again what changed in the same applicant object, and freezes an event payload it sealed', async () => {
    await fieldCipherReady;
    const memory = getRxStorageMemory();
    const databaseName = `reuse${Date.now()}`;
    const params = (collectionName: string, schema: object) =>
      instanceParams(databaseName, collectionName, fillWithDefaultSettings(schema as never));
    const storage = fieldEncryptionStorage(memory, new FieldCipher(TEST_KEY));
    const dossiers = await storage.createStorageInstance(params('dossiers', encryptedDossierRxSchema));
    const events = await storage.createStorageInstance(params('dossier_events', encryptedEventRxSchema));
    const decided = receivedDossier('r-1');
    const stamp = { _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: Date.now() } };
    // Copies: decide() hands back frozen objects.
    const doc = { ...toDossierDoc(structuredClone(decided.dossier)), ...stamp };
    const event = structuredClone(decided.event);
    await dossiers.bulkWrite([{ document: doc as never }], 'test');
    // The same applicant object, one field changed in it, written again under a new revision.
    doc.applicant.phone = '0987654321';
    await dossiers.bulkWrite(
      [{ previous: doc as never, document: { ...doc, _rev: '2-b', _meta: { lwt: Date.now() } } as never }],
      'test',
    );
    expect(Object.isFrozen(event.payload)).toBe(false);
    await events.bulkWrite([{ document: { ...event, ...stamp } as never }], 'test');
    expect(() => {
      (event.payload as Record<string, unknown>).notes = 'changed afterwards';
    }).toThrow(TypeError);

    // Read by another run (nothing remembered): the stored seal has the new phone.
    const again = fieldEncryptionStorage(memory, new FieldCipher(TEST_KEY));
    const reopened = await again.createStorageInstance(params('dossiers', encryptedDossierRxSchema));
    const [back] = (await reopened.findDocumentsById(['r-1'], false)) as unknown as (typeof doc)[];
    expect(back?.applicant.phone).toBe('0987654321');
    await Promise.all([dossiers.close(), events.close(), reopened.close()]);
  });
});
