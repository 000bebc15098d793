import { describe, expect, it } from 'vitest';
import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { createCounterDatabase, createCounterRepository, toDossierDoc } from '../../../renderer/db';
import { dossierSchemaV0 } from '../../../renderer/db/schemas';
import { decide } from '../../../shared/workflow';
import { actor, receiveCommand } from './fixtures';

describe('schema migration', () => {
  it('opens v0 dossiers with the v1 schema and adds the given-name key', async () => {
    const storage = getRxStorageMemory();
    const name = `mig${Date.now()}`;
    const decided = decide(
      null,
      receiveCommand('m1', { fullName: 'Lê Thị Hoa' }),
      actor('receiver'),
      '2026-03-02T02:00:00.000Z',
    );
    if (!decided.ok) throw new Error('decide failed');
    const { applicantGiven: _dropped, ...v0doc } = toDossierDoc(decided.dossier);

    const old = await createRxDatabase({
      name,
      storage: wrappedValidateAjvStorage({ storage }),
      multiInstance: false,
    });
    await old.addCollections({ dossiers: { schema: dossierSchemaV0 } });
    await old.collections.dossiers!.insert(v0doc);
    await old.close();

    const db = await createCounterDatabase({ name, storage });
    const doc = await db.dossiers.findOne('m1').exec();
    expect(doc?.applicantGiven).toBe('hoa le thi');
    const repo = await createCounterRepository(db);
    expect((await repo.searchByName('hoa')).map((d) => d.id)).toEqual(['m1']);
    expect((await repo.searchByName('le thi')).map((d) => d.id)).toEqual(['m1']);
    await repo.close();
    await db.close();
  });
});
