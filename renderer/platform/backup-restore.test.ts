// The backup path end to end with RxDB: a replica whose personal fields are encrypted with one
// profile's key (the app's field encryption) is exported, sealed, then opened and imported into a fresh profile with another key.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { RxDBJsonDumpPlugin } from 'rxdb/plugins/json-dump';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from '../db/field-cipher';
import { fieldEncryptionStorage } from '../db/field-encryption-storage';
import { openBackup, sealBackup } from './backup';
import { deriveDatabaseKey } from './key';

addRxPlugin(RxDBJsonDumpPlugin);

interface ApplicantDoc {
  id: string;
  fullName: string;
  idNumber: string;
  phone: string;
}

const schema: RxJsonSchema<ApplicantDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    fullName: { type: 'string' },
    idNumber: { type: 'string' },
    phone: { type: 'string' },
  },
  required: ['id', 'fullName', 'idNumber', 'phone'],
  encrypted: ['idNumber', 'phone'],
};

/** Documents as they reach the underlying storage, i.e. after the encryption layer. */
let written: unknown[] = [];

function recordingMemoryStorage() {
  const inner = getRxStorageMemory();
  const recording = Object.create(inner) as typeof inner;
  recording.createStorageInstance = async (params) => {
    const instance = await inner.createStorageInstance(params);
    const bulkWrite = instance.bulkWrite.bind(instance);
    instance.bulkWrite = (rows, context) => {
      written.push(...rows.map((row) => row.document));
      return bulkWrite(rows, context);
    };
    return instance;
  };
  return recording;
}

async function openProfile(name: string, key: string) {
  const db = await createRxDatabase<{ applicants: RxCollection<ApplicantDoc> }>({
    name,
    storage: fieldEncryptionStorage(recordingMemoryStorage(), new FieldCipher(key)),
    password: key,
    multiInstance: false,
  });
  await db.addCollections({ applicants: { schema } });
  return db;
}

describe('backup restore on a fresh profile', () => {
  it('restores encrypted personal fields under the new profile’s key', async () => {
    const keyA = await deriveDatabaseKey(
      { officeId: 'office-a', username: 'a', password: 'first-profile' },
      100_000,
    );
    const keyB = await deriveDatabaseKey(
      { officeId: 'office-a', username: 'b', password: 'fresh-profile' },
      100_000,
    );
    const source = await openProfile(`profile-a-${Date.now()}`, keyA);
    await source.applicants.insert({
      id: 'ap-1',
      fullName: 'Nguyễn Văn An',
      idNumber: '034090001234',
      phone: '0912345678',
    });

    // What reaches the storage is ciphertext: it never holds the ID number or the phone.
    const stored = JSON.stringify(written.filter((doc) => (doc as { id?: string }).id === 'ap-1'));
    expect(stored).toContain('Nguyễn Văn An');
    expect(stored).not.toContain('034090001234');
    expect(stored).not.toContain('0912345678');
    written = [];

    const sealed = await sealBackup(
      await source.exportJSON(),
      'sao-luu-quay-1',
      {
        createdAt: '2026-11-27T02:00:00.000Z',
        appVersion: '0.1.0',
        counts: { applicants: 1 },
      },
      { iterations: 100_000 },
    );
    expect(Buffer.from(sealed).includes('034090001234')).toBe(false);
    await source.close();

    const fresh = await openProfile(`profile-b-${Date.now()}`, keyB);
    const { data } = await openBackup(sealed, 'sao-luu-quay-1');
    await fresh.importJSON(data as Parameters<typeof fresh.importJSON>[0]);
    const restored = await fresh.applicants.findOne('ap-1').exec();
    expect(restored?.toJSON()).toMatchObject({
      fullName: 'Nguyễn Văn An',
      idNumber: '034090001234',
      phone: '0912345678',
    });
    // Re-encrypted under the fresh profile's key on import.
    const storedFresh = JSON.stringify(written.filter((doc) => (doc as { id?: string }).id === 'ap-1'));
    expect(storedFresh).toContain('Nguyễn Văn An');
    expect(storedFresh).not.toContain('0912345678');
    await fresh.close();
  });
});
