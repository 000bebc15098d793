import Dexie from 'dexie';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { createCounterDatabase } from './database';
import { retiredStoreNames } from './retired-stores';
import { TEST_KEY } from '../../tests/support/db-fixtures';

describe('retired stores', () => {
  it('removes the report_records collection an earlier version kept, and leaves the replica', async () => {
    const name = `retired${Date.now()}`;
    const [retired] = retiredStoreNames(`${name}-data`);
    const old = new Dexie(retired!);
    old.version(1).stores({ docs: 'id' });
    await old.table('docs').put({ id: 'r1', lastAt: '2026-01-01T00:00:00.000Z' });
    old.close();
    expect(await Dexie.exists(retired!)).toBe(true);

    const db = await createCounterDatabase({ name, storage: getRxStorageDexie(), key: TEST_KEY });
    try {
      expect(await Dexie.exists(retired!)).toBe(false);
      expect(await db.dossiers.count().exec()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
