// The key of the local replica's field encryption (applicant ID numbers, phones, addresses):
// 32 random bytes made on first use, kept on disk only as safeStorage ciphertext (DPAPI on Windows,
// the keyring/libsecret on Linux), so a copied profile folder is useless on another account or PC.
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The part of Electron's safeStorage we use. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, i.e. a hard-coded password protects the key. */
  getSelectedStorageBackend?(): string;
}

export class KeyStoreError extends Error {
  constructor(
    readonly code: 'encryption_unavailable' | 'key_unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

const FILE_FORMAT = 'motcua-db-key/v1';

export interface DatabaseKeyStore {
  /** The key as base64 (44 characters); made and stored the first time. */
  getDatabaseKey(): Promise<string>;
  /** 'os' when an OS keychain protects it; 'weak' on Linux without a keyring. */
  protection(): 'os' | 'weak';
}

export function createDatabaseKeyStore(options: {
  safeStorage: SafeStorageLike;
  /** userData/keys/database-key.json */
  filePath: string;
  onWarning?: (message: string) => void;
}): DatabaseKeyStore {
  const { safeStorage, filePath } = options;
  let cached: Promise<string> | null = null;

  const protection = (): 'os' | 'weak' =>
    safeStorage.getSelectedStorageBackend?.() === 'basic_text' ? 'weak' : 'os';

  const sealed = (key: string) => ({
    format: FILE_FORMAT,
    ciphertext: safeStorage.encryptString(key).toString('base64'),
    protection: protection(),
  });

  /** Writes a temporary file then renames it over the key file: a crash leaves the old or the new. */
  async function replaceFile(contents: string): Promise<void> {
    const temporary = `${filePath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temporary, contents, { mode: 0o600, flag: 'wx' });
    await fs.rename(temporary, filePath);
  }

  async function load(): Promise<string> {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new KeyStoreError('encryption_unavailable', 'OS encryption (safeStorage) is not available');
    }
    if (protection() === 'weak') {
      options.onWarning?.(
        'safeStorage uses basic_text: install a keyring (gnome-keyring/kwallet) to protect the key',
      );
    }
    let stored: string | null = null;
    try {
      stored = await fs.readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (stored !== null) {
      // Never replace an existing key: a new one would make every encrypted field unreadable.
      let key = '';
      let resealed = false;
      try {
        const record = JSON.parse(stored) as { format?: string; ciphertext?: string; protection?: string };
        if (record.format !== FILE_FORMAT || typeof record.ciphertext !== 'string') throw new Error('format');
        key = safeStorage.decryptString(Buffer.from(record.ciphertext, 'base64'));
        if (Buffer.from(key, 'base64').length !== 32) throw new Error('length');
        resealed = record.protection === 'weak' && protection() === 'os';
      } catch (error) {
        throw new KeyStoreError(
          'key_unreadable',
          `the database key at ${filePath} cannot be decrypted (${(error as Error).message}); restore a backup`,
        );
      }
      // A keyring installed since the key was stored: seal the same key again under it.
      if (resealed) await replaceFile(JSON.stringify(sealed(key)));
      return key;
    }
    const key = randomBytes(32).toString('base64');
    const record = sealed(key);
    await fs.mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
    // Write then rename so a crash never leaves half a key file; 'wx' refuses to clobber a
    // concurrent writer's file (a second instance starting at the same moment).
    const temporary = `${filePath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(record), { mode: 0o600, flag: 'wx' });
    try {
      await fs.link(temporary, filePath);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return load();
      throw error;
    }
    await fs.rm(temporary, { force: true });
    return key;
  }

  return {
    getDatabaseKey() {
      cached ??= load().catch((error: unknown) => {
        cached = null;
        throw error;
      });
      return cached;
    },
    protection,
  };
}

/**
 * What the officer and IT staff are told when no OS keychain protects the database key (Linux
 * without gnome-keyring or KWallet): the key file is then readable by anyone who copies the profile.
 * Always Vietnamese, like the other start-up dialogs.
 */
export function weakKeyNotice(): { message: string; detail: string } {
  return {
    message: 'Khóa dữ liệu của máy này chưa được hệ điều hành bảo vệ.',
    detail:
      'Máy chưa có kho khóa (gnome-keyring hoặc KWallet), nên ai sao chép thư mục dữ liệu của ứng dụng ' +
      'cũng đọc được hồ sơ. Đề nghị cán bộ CNTT cài kho khóa theo hướng dẫn (build/IT-GUIDE.md, mục ' +
      '"Kho khóa trên Linux") rồi mở lại ứng dụng. Ứng dụng vẫn hoạt động trong lúc chờ.',
  };
}
