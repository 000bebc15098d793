import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabaseKeyStore, weakKeyNotice } from './keys';
import { osAccountSafeStorage as osAccount } from '../tests/support/safe-storage';

let dir: string;
let filePath: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-keys-'));
  filePath = path.join(dir, 'keys', 'database-key.json');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('database key store', () => {
  it('makes a 32-byte key once and returns the same key after a restart', async () => {
    const account = osAccount();
    const key = await createDatabaseKeyStore({ safeStorage: account, filePath }).getDatabaseKey();
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    const again = await createDatabaseKeyStore({ safeStorage: account, filePath }).getDatabaseKey();
    expect(again).toBe(key);
  });

  it('keeps only ciphertext on disk, readable by the owner only', async () => {
    const key = await createDatabaseKeyStore({ safeStorage: osAccount(), filePath }).getDatabaseKey();
    const raw = await fs.readFile(filePath, 'utf8');
    expect(raw).not.toContain(key);
    expect(raw).not.toContain(Buffer.from(key, 'base64').toString('hex'));
    if (process.platform !== 'win32') expect((await fs.stat(filePath)).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(path.dirname(filePath))).toEqual(['database-key.json']);
  });

  it('refuses to replace a key another account (or a copied profile) cannot decrypt', async () => {
    await createDatabaseKeyStore({ safeStorage: osAccount(), filePath }).getDatabaseKey();
    const before = await fs.readFile(filePath, 'utf8');
    const stranger = createDatabaseKeyStore({ safeStorage: osAccount(), filePath });
    await expect(stranger.getDatabaseKey()).rejects.toMatchObject({ code: 'key_unreadable' });
    expect(await fs.readFile(filePath, 'utf8')).toBe(before);
  });

  it('refuses to work without OS encryption, and warns on a Linux without keyring', async () => {
    const none = { ...osAccount(), isEncryptionAvailable: () => false };
    await expect(
      createDatabaseKeyStore({ safeStorage: none, filePath }).getDatabaseKey(),
    ).rejects.toMatchObject({
      code: 'encryption_unavailable',
    });
    const warnings: string[] = [];
    const weak = createDatabaseKeyStore({
      safeStorage: osAccount('basic_text'),
      filePath,
      onWarning: (m) => warnings.push(m),
    });
    await weak.getDatabaseKey();
    expect(weak.protection()).toBe('weak');
    expect(warnings[0]).toMatch(/keyring/);
    // What the start-up dialog says: in Vietnamese, naming what IT staff install and where it is told.
    expect(weakKeyNotice().detail).toMatch(/gnome-keyring.*IT-GUIDE/s);
  });

  it('seals the same key again under a keyring installed since it was stored', async () => {
    const account = osAccount();
    let backend = 'basic_text';
    const switching = { ...account, getSelectedStorageBackend: () => backend };
    const before = await createDatabaseKeyStore({ safeStorage: switching, filePath }).getDatabaseKey();
    expect(JSON.parse(await fs.readFile(filePath, 'utf8'))).toMatchObject({ protection: 'weak' });
    backend = 'gnome_libsecret';
    const store = createDatabaseKeyStore({ safeStorage: switching, filePath });
    expect(await store.getDatabaseKey()).toBe(before);
    expect(store.protection()).toBe('os');
    expect(JSON.parse(await fs.readFile(filePath, 'utf8'))).toMatchObject({ protection: 'os' });
  });

  it('gives two concurrent first calls the same key', async () => {
    const account = osAccount();
    const [a, b] = await Promise.all([
      createDatabaseKeyStore({ safeStorage: account, filePath }).getDatabaseKey(),
      createDatabaseKeyStore({ safeStorage: account, filePath }).getDatabaseKey(),
    ]);
    expect(a).toBe(b);
  });
});
