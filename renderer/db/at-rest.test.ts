// Personal data at rest: the app's database code over the Dexie storage (IndexedDB, here
// fake-indexeddb), then the RAW object stores read without RxDB or Dexie.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import {
  createCounterDatabase,
  createCounterRepository,
  openDirectoryDatabase,
  openDataDatabase,
  toDossierDoc,
} from '.';
import { dossierEventRxSchema, dossierSchemaV0, countsRxSchema } from './schemas';
import { actor, receiveCommand, receivedDossier, TEST_KEY } from '../../tests/support/db-fixtures';

const ID = '034095001234';
const PHONE = '0912345678';
const ADDRESS = 'Xã Tân Phong, huyện Vũ Thư, tỉnh Thái Bình';
const NAME = 'Nguyễn Văn An';
// The same phone in the form the blind index normalises (no '0' prefix variants stored either).
const SECRETS = [ID, PHONE, '912345678', ADDRESS, 'Tân Phong'];

let dbName = 'motcua';
let run = 0;
function freshIndexedDb() {
  const indexedDB = new IDBFactory();
  dbName = `motcua${run++}`; // one RxDB name per test: RxDB refuses duplicates in one process
  return { indexedDB, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('idb request failed'));
  });
}

/** Every record of every object store of every IndexedDB database, as one string. */
async function rawDump(indexedDB: IDBFactory): Promise<{ text: string; databases: string[] }> {
  const databases = (await indexedDB.databases()).map((d) => d.name ?? '');
  let text = '';
  for (const name of databases) {
    const db = await request(indexedDB.open(name));
    for (const store of Array.from(db.objectStoreNames)) {
      const tx = db.transaction(store, 'readonly');
      const rows = await request(tx.objectStore(store).getAll());
      text += `\n[${name}/${store}] ` + JSON.stringify(rows);
    }
    db.close();
  }
  return { text, databases };
}

describe('personal data at rest (Dexie on IndexedDB)', () => {
  it('stores no ID number, phone or address in clear; the name stays searchable', async () => {
    const { indexedDB, storage } = freshIndexedDb();
    const db = await createCounterDatabase({ name: dbName, storage, key: TEST_KEY });
    const repo = await createCounterRepository(db);
    const res = await repo.applyStep(
      receiveCommand('d1', { fullName: NAME, idNumber: ID, phone: PHONE }),
      actor('receiver'),
    );
    expect(res.ok).toBe(true);
    await repo.countsReady();

    // Through the app: everything reads back, lookups by exact ID number and phone work.
    expect((await repo.getDossier('d1'))?.applicant).toMatchObject({
      idNumber: ID,
      phone: PHONE,
      address: ADDRESS,
    });
    expect((await repo.lookup(ID)).map((d) => d.id)).toEqual(['d1']);
    // The fast path reads rows straight from IndexedDB and decrypts them (lazily) too.
    const [listed] = await repo.listReceivedBetween('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    expect(JSON.parse(JSON.stringify(listed?.applicant))).toMatchObject({
      idNumber: ID,
      phone: PHONE,
      address: ADDRESS,
    });
    expect(structuredClone(listed)?.applicant.phone).toBe(PHONE);
    expect((await repo.lookup('+84 912 345 678')).map((d) => d.id)).toEqual(['d1']);
    expect((await repo.lookup('nguyen van')).map((d) => d.id)).toEqual(['d1']);
    expect((await repo.eventsOf('d1'))[0]?.payload).toMatchObject({ applicant: { idNumber: ID } });
    await repo.close();
    await db.close();

    const { text, databases } = await rawDump(indexedDB);
    expect(databases.some((n) => n.includes(`${dbName}-data`))).toBe(true);
    expect(text).toContain(NAME);
    expect(text).toContain('d1');
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
  });

  it('moves a replica made before encryption into the encrypted database and deletes the clear copy', async () => {
    const { indexedDB, storage } = freshIndexedDb();
    const { dossier, event } = receivedDossier('old-1', { fullName: NAME, idNumber: ID, phone: PHONE });
    // The single-database layout of v0/v1: dossiers with plaintext lookup fields, events, counts.
    const old = await createRxDatabase({
      name: dbName,
      storage: wrappedValidateAjvStorage({ storage }),
      multiInstance: false,
    });
    await old.addCollections({
      dossiers: { schema: dossierSchemaV0 },
      dossier_events: { schema: dossierEventRxSchema },
      counts: { schema: countsRxSchema },
    });
    const { applicantGiven: _g, ...v1Doc } = toDossierDoc(dossier);
    await old.collections.dossier_events!.insert(event);
    await old.collections.dossiers!.insert({ ...v1Doc, applicantIdNumber: ID, applicantPhone: PHONE });
    await old.close();
    expect((await rawDump(indexedDB)).text).toContain(ID);

    // The app's open path: directory first (before login), then the data under the key.
    const directory = await openDirectoryDatabase({ name: dbName, storage });
    const db = await openDataDatabase(directory, { storage, key: TEST_KEY });
    const repo = await createCounterRepository(db);
    const moved = await repo.dossierWithEvents('old-1');
    expect(moved?.dossier.applicant.idNumber).toBe(ID);
    expect(moved?.events.map((e) => e.hash)).toEqual([event.hash]);
    expect((await repo.findByIdNumber(ID)).map((d) => d.id)).toEqual(['old-1']);
    expect((await repo.searchByName('an')).map((d) => d.id)).toEqual(['old-1']); // v1's given-name key
    await repo.countsReady();
    expect((await repo.queueCounts()).byStatus.received).toBe(1);
    await repo.close();
    await db.close();

    const { text } = await rawDump(indexedDB);
    expect(text).toContain(NAME);
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);

    // A second open finds nothing left to move.
    const again = await createCounterDatabase({ name: dbName, storage, key: TEST_KEY });
    expect(await again.dossiers.count().exec()).toBe(1);
    await again.close();
  });

  it('refuses another key for an existing replica', async () => {
    const { storage } = freshIndexedDb();
    const db = await createCounterDatabase({ name: dbName, storage, key: TEST_KEY });
    await db.close();
    await expect(
      createCounterDatabase({ name: dbName, storage, key: 'YW5vdGhlci1rZXktMzItYnl0ZXMtLS0tLS0tLS0tLS0=' }),
    ).rejects.toThrow();
  });
});
