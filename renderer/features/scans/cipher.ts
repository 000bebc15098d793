import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Scan files at rest: AES-256-GCM (WebCrypto, native and fast on tens of megabytes) under a key
 * derived from the replica's data key with HKDF-SHA-256, as the personal fields' cipher derives its
 * own (renderer/db/field-cipher.ts). The file's hash is the associated data: bytes moved under
 * another hash do not decrypt.
 */
export interface ScanCipher {
  seal(bytes: Uint8Array, sha256Hex: string): Promise<{ iv: Uint8Array; data: ArrayBuffer }>;
  open(sealed: { iv: Uint8Array; data: ArrayBuffer }, sha256Hex: string): Promise<Uint8Array>;
}

const buffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export async function scanCipherFor(dataKey: string): Promise<ScanCipher> {
  const raw = hkdf(sha256, utf8ToBytes(dataKey), undefined, utf8ToBytes('motcua scans v1'), 32);
  const key = await crypto.subtle.importKey('raw', buffer(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
  return {
    async seal(bytes, hash) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: utf8ToBytes(hash) },
        key,
        buffer(bytes),
      );
      return { iv, data };
    },
    async open(sealed, hash) {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: buffer(sealed.iv), additionalData: utf8ToBytes(hash) },
        key,
        sealed.data,
      );
      return new Uint8Array(plain);
    },
  };
}

/** The SHA-256 of a file's bytes in lower-case hex (its name, here and on the server). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer(bytes)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
