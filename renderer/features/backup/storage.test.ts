// The app's backup of its replica: export → sealBackup → openBackup → import on a fresh profile
// whose database key is another one. The sealed file and both replicas keep the personal data
// encrypted; the restored dossier reads back whole and is found by its exact ID number.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { createCounterDatabase, createCounterRepository } from '../../db';
import { BackupError, openBackup, sealBackup } from './seal';
import { generateDataKey } from '../../platform/key';
import { actor, receiveCommand, TEST_KEY } from '../../../tests/support/db-fixtures';
import { exportReplica, importReplica, ReplicaImportError } from './storage';

const ID = '034095007777';
const PASSPHRASE = 'sao-luu-quay-so-1';

describe('replica backup and restore', () => {
  it('restores on a fresh profile with another key', async () => {
    const storage = getRxStorageMemory();
    const source = await createCounterDatabase({ name: `src${Date.now()}`, storage, key: TEST_KEY });
    const repoA = await createCounterRepository(source);
    await repoA.setSetting('crypto.dataKeyWraps', { wraps: ['profile-bound'] });
    await repoA.setSetting('counter.provisioning', 'demo');
    const res = await repoA.applyStep(
      receiveCommand('b1', { fullName: 'Lê Thị Hoa', idNumber: ID, phone: '0987000111' }),
      actor('receiver'),
    );
    expect(res.ok).toBe(true);
    const dump = await exportReplica(source);
    expect(dump.collections.dossiers).toHaveLength(1);
    const sealed = await sealBackup(
      dump,
      PASSPHRASE,
      { createdAt: dump.exportedAt, appVersion: 'test' },
      {
        iterations: 100_000,
      },
    );
    expect(Buffer.from(sealed).includes(ID)).toBe(false);
    await repoA.close();
    await source.close();

    await expect(openBackup(sealed, 'not-the-passphrase')).rejects.toBeInstanceOf(BackupError);
    const fresh = await createCounterDatabase({
      name: `fresh${Date.now()}`,
      storage,
      key: generateDataKey(),
    });
    const repoB = await createCounterRepository(fresh);
    const { data } = await openBackup(sealed, PASSPHRASE);
    const written = await importReplica(fresh, data);
    expect(written).toMatchObject({ dossiers: 1, dossier_events: 1 });

    const restored = await repoB.dossierWithEvents('b1');
    expect(restored?.dossier.applicant).toMatchObject({
      fullName: 'Lê Thị Hoa',
      idNumber: ID,
      phone: '0987000111',
    });
    expect(restored?.events[0]?.payload).toMatchObject({ applicant: { idNumber: ID } });
    // The blind index is rebuilt under the fresh profile's key.
    expect((await repoB.findByIdNumber(ID)).map((d) => d.id)).toEqual(['b1']);
    expect((await repoB.lookup('0987 000 111')).map((d) => d.id)).toEqual(['b1']);
    await repoB.countsReady();
    expect((await repoB.queueCounts()).byStatus.received).toBe(1);
    // Profile-bound settings stay behind; the rest comes along.
    expect(await repoB.getSetting('crypto.dataKeyWraps')).toBeNull();
    expect(await repoB.getSetting('counter.provisioning')).toBe('demo');
    await expect(importReplica(fresh, { format: 'something-else' })).rejects.toBeInstanceOf(
      ReplicaImportError,
    );
    await repoB.close();
    await fresh.close();
  });
});
