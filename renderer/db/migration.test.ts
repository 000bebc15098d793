import { describe, expect, it } from 'vitest';
import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { createCounterDatabase, createCounterRepository, toDossierDoc } from '.';
import {
  dossierSchemaV0,
  dossierSchemaV2,
  officerSchemaV0,
  procedureSchemaV0,
  withEncryptedFields,
} from './schemas';
import { dossierMigrations, personalDataStorage } from './database';
import { DOSSIER_ENCRYPTED_PATHS } from './personal-data';
import { forgetFieldCipher } from './field-cipher';
import { availableCommands, decide } from '../../shared/workflow';
import { procedureTermsOf } from '../../shared/rules';
import { DEMO_PROCEDURES } from '../../shared/demo';

const BIRTH_PROCEDURE_DOC = DEMO_PROCEDURES[0]!;
import { actor, receiveCommand, TEST_KEY } from '../../tests/support/db-fixtures';
import { officerLan } from '../../tests/support/officer-fixtures';

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

  it('keeps v2 dossiers and v0 procedures as they were: no recorded version, the one in force at receipt applies', async () => {
    const storage = getRxStorageMemory();
    const name = `mig3${Date.now()}`;
    const decided = decide(null, receiveCommand('m3'), actor('receiver'), '2026-03-02T02:00:00.000Z');
    if (!decided.ok) throw new Error('decide failed');
    const { procedureVersion: _v, clockRestarts: _r, ...v2doc } = toDossierDoc(decided.dossier);

    const directory = await createRxDatabase({
      name,
      storage: wrappedValidateAjvStorage({ storage }),
      multiInstance: false,
    });
    await directory.addCollections({ procedures: { schema: procedureSchemaV0 } });
    await directory.collections.procedures!.insert(BIRTH_PROCEDURE_DOC);
    await directory.close();
    const data = await createRxDatabase({
      name: `${name}-data`,
      storage: wrappedValidateAjvStorage({ storage: personalDataStorage(storage, TEST_KEY) }),
      password: TEST_KEY,
      multiInstance: false,
    });
    await data.addCollections({
      dossiers: {
        schema: withEncryptedFields(dossierSchemaV2, DOSSIER_ENCRYPTED_PATHS),
        migrationStrategies: { 1: dossierMigrations[1], 2: dossierMigrations[2] },
      },
    });
    await data.collections.dossiers!.insert(v2doc);
    await data.close();
    forgetFieldCipher(TEST_KEY);

    const db = await createCounterDatabase({ name, storage, key: TEST_KEY });
    const dossier = (await db.dossiers.findOne('m3').exec())!.toMutableJSON();
    expect(dossier).not.toHaveProperty('procedureVersion');
    expect(dossier.applicant.fullName).toBe('Nguyễn Văn An');
    const procedure = (await db.procedures.findOne(BIRTH_PROCEDURE_DOC.id).exec())!.toMutableJSON();
    expect(procedure.versions).toBeUndefined();
    expect(procedureTermsOf(procedure, dossier)).toMatchObject({
      version: 1,
      legalTime: procedure.legalTime,
    });
    expect(availableCommands(dossier, ['appraiser'])).toContain('request_supplement');
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
    await old.collections.officers!.insert(officerLan());
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
