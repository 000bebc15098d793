// The backup path end to end with RxDB: a replica whose personal fields are encrypted with one
// profile's key (the app's field encryption) is exported, sealed, then opened and imported into a fresh profile with another key.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { RxDBJsonDumpPlugin } from 'rxdb/plugins/json-dump';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from '../../db/field-cipher';
import { fieldEncryptionStorage } from '../../db/field-encryption-storage';
import { BackupError, openBackup, readBackupMetadata, sealBackup } from './seal';
import { deriveDatabaseKey } from '../../platform/key';

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

/** Fewer PBKDF2 rounds than a real backup: the tests check the format, not the work factor. */
const FAST = 100_000;

describe('sealed backups', () => {
  const replica = {
    name: 'motcua',
    collections: [
      {
        name: 'dossiers',
        docs: [
          {
            id: 'd1',
            applicant: { fullName: 'Nguyễn Văn A', idNumber: '001099012345', phone: '0912345678' },
          },
        ],
      },
    ],
  };
  const metadata = {
    createdAt: '2026-11-27T02:00:00.000Z',
    appVersion: '0.1.0',
    officeId: 'office-a',
    counts: { dossiers: 1 },
  };

  it('round-trips with the passphrase, on any profile', async () => {
    const sealed = await sealBackup(replica, 'sao-luu-quay-1', metadata, { iterations: FAST });
    expect(await openBackup(sealed, 'sao-luu-quay-1')).toEqual({ data: replica, metadata });
    expect(readBackupMetadata(sealed)).toEqual(metadata);
  });

  it('keeps personal data unreadable in the file', async () => {
    const sealed = await sealBackup(replica, 'sao-luu-quay-1', metadata, { iterations: FAST });
    const text = new TextDecoder('latin1').decode(sealed);
    for (const secret of ['001099012345', '0912345678', 'Nguy']) expect(text).not.toContain(secret);
  });

  it('refuses a wrong passphrase, a flipped byte and an edited header', async () => {
    const sealed = await sealBackup(replica, 'sao-luu-quay-1', metadata, { iterations: FAST });
    await expect(openBackup(sealed, 'sao-luu-quay-2')).rejects.toMatchObject({
      code: 'wrong_passphrase_or_damaged',
    });
    const flipped = sealed.slice();
    flipped[flipped.length - 5] = (flipped[flipped.length - 5] ?? 0) ^ 1;
    await expect(openBackup(flipped, 'sao-luu-quay-1')).rejects.toMatchObject({
      code: 'wrong_passphrase_or_damaged',
    });
    // Same length, different metadata: authenticated, so refused.
    const at = Buffer.from(sealed).indexOf('office-a');
    expect(at).toBeGreaterThan(0);
    const edited = sealed.slice();
    edited[at + 'office-'.length] = 'b'.charCodeAt(0);
    expect(readBackupMetadata(edited).officeId).toBe('office-b');
    await expect(openBackup(edited, 'sao-luu-quay-1')).rejects.toMatchObject({
      code: 'wrong_passphrase_or_damaged',
    });
  });

  it('refuses files that are not backups and weak passphrases', async () => {
    await expect(
      openBackup(new TextEncoder().encode('{"collections":[]}'), 'x'.repeat(12)),
    ).rejects.toBeInstanceOf(BackupError);
    await expect(
      openBackup(
        new TextEncoder().encode('MCBAK1\n{"format":"motcua-backup","version":2}\n'),
        'x'.repeat(12),
      ),
    ).rejects.toMatchObject({
      code: 'unsupported_version',
    });
    await expect(sealBackup(replica, 'short', metadata)).rejects.toMatchObject({ code: 'weak_passphrase' });
  });
});
