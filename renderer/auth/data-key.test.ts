import { describe, expect, it } from 'vitest';
import type { Officer } from '../../shared/domain';
import type { DataKeyWrap } from '../platform/key';
import { DataKeyError, unwrapDataKey } from '../platform/key';
import { createDataKeyring, type DataKeyWrapStore } from './data-key';

// The lowest count unwrap accepts: the tests check the logic, not the work factor.
const ITERATIONS = 100_000;

function officer(username: string, salt = `salt-${username}`): Officer {
  return {
    id: `officer-${username}`,
    officeId: 'office-1',
    username,
    fullName: username,
    title: '',
    roles: ['receiver'],
    active: true,
    verifier: {
      algorithm: 'argon2id',
      saltB64: salt,
      hashB64: 'x',
      memoryKiB: 1024,
      iterations: 1,
      parallelism: 1,
    },
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** The directory settings, as the wiring keeps them (a plain stored array). */
function memoryStore(): DataKeyWrapStore & { wraps: DataKeyWrap[] } {
  const store = {
    wraps: [] as DataKeyWrap[],
    load: async () => structuredClone(store.wraps),
    save: async (wraps: DataKeyWrap[]) => {
      store.wraps = structuredClone(wraps);
    },
  };
  return store;
}

const lan = officer('lan');
const minh = officer('minh');
const hung = officer('hung');

describe('web mode data key', () => {
  it('is made at the first login, wrapped for every officer who logs in, and opened by any of them later', async () => {
    const store = memoryStore();
    const opened: string[] = [];
    const open = async (key: string) => void opened.push(key);

    const first = createDataKeyring(store, { iterations: ITERATIONS });
    const key = await first.unlock(lan, 'mat-khau-lan', open);
    expect(opened).toEqual([key]);
    expect(store.wraps.map((w) => w.officerId)).toEqual([lan.id]);
    expect(JSON.stringify(store.wraps)).not.toContain(key); // only sealed copies are stored
    // While open, the next officer gets a wrap without reopening anything.
    expect(await first.unlock(minh, 'mat-khau-minh', open)).toBe(key);
    expect(opened).toHaveLength(1);
    expect(store.wraps.map((w) => w.officerId).sort()).toEqual([lan.id, minh.id].sort());

    // A new start: Minh opens it with his own password.
    const restarted = createDataKeyring(store, { iterations: ITERATIONS });
    expect(restarted.current()).toBeNull();
    expect(await restarted.unlock(minh, 'mat-khau-minh', open)).toBe(key);
    expect(opened).toEqual([key, key]);
  });

  it('refuses an officer without a wrap while the counter is locked, and a wrap with another password', async () => {
    const store = memoryStore();
    const open = async () => undefined;
    await createDataKeyring(store, { iterations: ITERATIONS }).unlock(lan, 'mat-khau-lan', open);

    const locked = createDataKeyring(store, { iterations: ITERATIONS });
    let opens = 0;
    const counting = async () => void opens++;
    const cases: [Officer, string, DataKeyError['code']][] = [
      [hung, 'mat-khau-hung', 'no_wrap'], // never logged in here
      [lan, 'mat-khau-moi', 'unwrap_failed'], // password changed since her wrap
    ];
    for (const [who, password, code] of cases) {
      const error = await locked.unlock(who, password, counting).catch((e: unknown) => e);
      expect(error, who.username).toBeInstanceOf(DataKeyError);
      expect((error as DataKeyError).code, who.username).toBe(code);
    }
    expect(opens).toBe(0);
    expect(locked.current()).toBeNull();
    // A wrap moved to another officer does not open either (bound to office and officer).
    const moved = { ...store.wraps[0]!, officerId: hung.id };
    await expect(unwrapDataKey(moved, { officeId: 'office-1', password: 'mat-khau-lan' })).rejects.toThrow(
      DataKeyError,
    );
  });

  it('renews a wrap after a password change once the key is open', async () => {
    const store = memoryStore();
    const open = async () => undefined;
    const ring = createDataKeyring(store, { iterations: ITERATIONS });
    const key = await ring.unlock(lan, 'mat-khau-lan', open);
    const renewed = officer('lan', 'salt-after-change');
    await ring.unlock(renewed, 'mat-khau-moi', open);
    const wrap = store.wraps.find((w) => w.officerId === lan.id)!;
    expect(wrap.verifierSalt).toBe('salt-after-change');
    expect(await unwrapDataKey(wrap, { officeId: 'office-1', password: 'mat-khau-moi' })).toBe(key);
  });

  it('keeps no wrap of a key the replica refused, and makes the demo key for all demo officers', async () => {
    const store = memoryStore();
    const refuse = async () => {
      throw new Error('DB1');
    };
    await expect(
      createDataKeyring(store, { iterations: ITERATIONS }).unlock(lan, 'p-lan-1234', refuse),
    ).rejects.toThrow('DB1');
    expect(store.wraps).toEqual([]);

    const ring = createDataKeyring(store, { iterations: ITERATIONS });
    const key = await ring.create(
      [lan, minh].map((o) => ({ officer: o, password: 'demo1234' })),
      async () => undefined,
    );
    expect(store.wraps).toHaveLength(2);
    const later = createDataKeyring(store, { iterations: ITERATIONS });
    expect(await later.unlock(minh, 'demo1234', async () => undefined)).toBe(key);
    await expect(later.create([], async () => undefined)).resolves.toBe(key); // already open: same key
    await expect(
      createDataKeyring(store, { iterations: ITERATIONS }).create([], async () => undefined),
    ).rejects.toThrow(DataKeyError);
  });
});
