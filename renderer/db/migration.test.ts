import { describe, expect, it } from 'vitest';
import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { createCounterDatabase, createCounterRepository, toDossierDoc } from '.';
import { dossierSchemaV0, officerSchemaV0 } from './schemas';
import { decide } from '../../shared/workflow';
import { actor, receiveCommand, TEST_KEY } from '../../tests/support/db-fixtures';

describe('schema migration', () => {
  it('moves v0 dossiers of the single-database layout into the encrypted one, with the given-name key', async () => {
    const storage = getRxStorageMemory();
    const name = `mig${Date.now()}`;
    const decided = decide(
      null,
      receiveCommand('m1', { fullName: 'Lê Thị Hoa' }),
      actor('receiver'),
      '2026-03-02T02:00:00.000Z',
    );
    if (!decided.ok) throw new Error('decide failed');
    const { applicantGiven: _dropped, ...rest } = toDossierDoc(decided.dossier);
    // v0 kept the ID number and phone in clear for its indexes.
    const v0doc = { ...rest, applicantIdNumber: '034095001234', applicantPhone: '0912345678' };

    const old = await createRxDatabase({
      name,
      storage: wrappedValidateAjvStorage({ storage }),
      multiInstance: false,
    });
    await old.addCollections({ dossiers: { schema: dossierSchemaV0 } });
    await old.collections.dossiers!.insert(v0doc);
    await old.close();

    const db = await createCounterDatabase({ name, storage, key: TEST_KEY });
    const doc = await db.dossiers.findOne('m1').exec();
    expect(doc?.applicantGiven).toBe('hoa le thi');
    expect(doc?.toJSON()).not.toHaveProperty('applicantIdNumber');
    const repo = await createCounterRepository(db);
    expect((await repo.searchByName('hoa')).map((d) => d.id)).toEqual(['m1']);
    expect((await repo.searchByName('le thi')).map((d) => d.id)).toEqual(['m1']);
    expect((await repo.findByPhone('0912345678')).map((d) => d.id)).toEqual(['m1']);
    // The clear copy is gone from the directory database.
    expect(Object.keys(db.directory.collections)).not.toContain('dossiers');
    await repo.close();
    await db.close();
  });

  it('gives officers synced before the password state none: no signing key, no one-time flag', async () => {
    const storage = getRxStorageMemory();
    const name = `migoff${Date.now()}`;
    const old = await createRxDatabase({
      name,
      storage: wrappedValidateAjvStorage({ storage }),
      multiInstance: false,
    });
    await old.addCollections({ officers: { schema: officerSchemaV0 } });
    await old.collections.officers!.insert({
      id: 'o-lan',
      officeId: 'office-1',
      username: 'lan',
      fullName: 'Phạm Thị Lan',
      title: '',
      roles: ['receiver'],
      active: true,
      verifier: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await old.close();

    const db = await createCounterDatabase({ name, storage, key: TEST_KEY });
    const doc = await db.officers.findOne('o-lan').exec();
    expect(doc?.toJSON()).toMatchObject({
      username: 'lan',
      signingKey: null,
      mustChangePassword: false,
      passwordChangedAt: null,
    });
    await db.close();
  });
});
