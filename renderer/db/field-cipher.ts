// The cipher of the replica's personal fields (see personal-data.ts for which fields).
//
// XChaCha20-Poly1305 from libsodium (libsodium-wrappers: WebAssembly, synchronous once loaded, so
// the fast read path can decrypt lazily in a getter) under a key derived from the database key with
// HKDF-SHA-256. A value is stored as `f1.` + base64(nonce ‖ ciphertext ‖ tag) with a random 192-bit
// nonce, and where it belongs (collection, document, field) as associated data: a value copied
// into another dossier or field does not decrypt.
//
// It replaced RxDB's crypto-js field encryption, which derives a key from the passphrase (EvpKDF) at
// every call: ~210 µs to encrypt and ~130 µs to decrypt one field on this machine, several
// milliseconds per dossier with its events for every pull, push and read, against ~12 µs and ~10 µs
// here for a 243-byte value (libsodium's own call ~4 µs; @noble/ciphers' pure-JavaScript
// ChaCha20-Poly1305, tried first, ~28 µs for the call alone). Values written by
// crypto-js (base64 of `Salted__…`) are still read; they are rewritten in the new form the next time
// their document is written.
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import sodium from 'libsodium-wrappers';
import { decryptString as decryptCryptoJs } from 'rxdb/plugins/encryption-crypto-js';

const PREFIX = 'f1.';
const NONCE_BYTES = 24;
/**
 * Nonces come from a pool of random bytes filled 1,024 nonces at a time: one getRandomValues call
 * costs more than encrypting a short field (and libsodium's own randombytes_buf ~180 µs here).
 */
const NONCE_POOL = NONCE_BYTES * 1024;
/** Values remembered (see FieldCipher), per generation; each is a field of a recent document. */
const REMEMBERED = 8_192;

const encoder = new TextEncoder();
let scratch = new Uint8Array(4096);

/**
 * The UTF-8 bytes of `text` in a buffer reused by the next call (libsodium copies its inputs):
 * libsodium's own conversion of string arguments tripled the cost of encrypting a field.
 */
function utf8(text: string): Uint8Array {
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
}

type Base64Native = {
  toBase64?: (this: Uint8Array) => string;
  fromBase64?: (text: string) => Uint8Array;
};
/** Node's Buffer (the tests, the benchmark's counters): not in the renderer, which has the native form. */
type NodeBuffer = {
  from(bytes: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string };
  from(text: string, encoding: 'base64'): Uint8Array;
};
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/**
 * Base64, native where the engine has it (Chromium 140+), through Node's Buffer where there is one,
 * else through btoa/atob (a string built a character at a time: several times slower than both).
 */
function toBase64(bytes: Uint8Array): string {
  const native = (bytes as unknown as Base64Native).toBase64;
  if (native) return native.call(bytes);
  if (nodeBuffer) return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as Base64Native).fromBase64;
  if (native) return native(text);
  if (nodeBuffer) return nodeBuffer.from(text, 'base64');
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Where a value belongs: its associated data, and what the cipher remembers it by. */
const whereOf = (docId: string, path: string): string => `${docId}\u0000${path}`;

/** Loads libsodium's WebAssembly; FieldCipher needs it done (the database open waits for it). */
export const fieldCipherReady: Promise<void> = sodium.ready;

/**
 * Remembers up to twice `limit` entries in two generations: when the newer fills up, the older is
 * dropped. (Deleting a Map's oldest entry one at a time gets slower the more were deleted.)
 */
class Remembered<V> {
  private newer = new Map<string, V>();
  private older = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    return this.newer.get(key) ?? this.older.get(key);
  }
  set(key: string, value: V): void {
    if (this.newer.size >= this.limit) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(key, value);
  }
}

export class FieldDecryptError extends Error {
  constructor(where: string) {
    super(`cannot decrypt ${where}: wrong database key, or the stored value was altered or moved`);
    this.name = 'FieldDecryptError';
  }
}

/**
 * Encrypts and decrypts one field's JSON text. It remembers the last values it saw both ways: a
 * document RxDB writes is read back at once (its change event, the replication's checks), and an
 * update hands the previous version to the storage again. A remembered ciphertext is reused only for
 * the same text in the same field of the same document, so it tells nothing a reader of the
 * stored document could not already see.
 */
export class FieldCipher {
  private readonly key: Uint8Array;
  private nonces = new Uint8Array(0);
  private nonceAt = 0;
  /** The last value seen of each field, by where it belongs (short keys: cheap to look up). */
  private readonly seen = new Remembered<{ text: string; json: string }>(REMEMBERED);

  constructor(private readonly databaseKey: string) {
    this.key = hkdf(
      sha256,
      utf8ToBytes(databaseKey),
      undefined,
      utf8ToBytes('motcua/field-encryption/v1'),
      32,
    );
  }

  /** The stored form of `json`, the JSON text of field `path` of document `docId`. */
  encrypt(json: string, docId: string, path: string): string {
    const where = whereOf(docId, path);
    const known = this.seen.get(where);
    if (known?.json === json) return known.text;
    const nonce = this.nextNonce();
    const ad = utf8(where).slice();
    const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(utf8(json), ad, null, nonce, this.key);
    const out = new Uint8Array(NONCE_BYTES + sealed.length);
    out.set(nonce);
    out.set(sealed, NONCE_BYTES);
    const text = PREFIX + toBase64(out);
    this.seen.set(where, { text, json });
    return text;
  }

  /** The JSON text of a stored field (either form); throws FieldDecryptError when it does not open. */
  decrypt(text: string, docId: string, path: string): string {
    const where = whereOf(docId, path);
    const known = this.seen.get(where);
    if (known?.text === text) return known.json;
    let json: string;
    if (text.startsWith(PREFIX)) {
      try {
        const bytes = fromBase64(text.slice(PREFIX.length));
        json = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
          null,
          bytes.subarray(NONCE_BYTES),
          utf8(where),
          bytes.subarray(0, NONCE_BYTES),
          this.key,
          'text',
        );
      } catch {
        throw new FieldDecryptError(`${path} of ${docId}`);
      }
    } else {
      // Written by RxDB's crypto-js plugin (passphrase = the database key); a wrong key gives no
      // UTF-8 text, or text that is not JSON.
      try {
        json = decryptCryptoJs(text, this.databaseKey);
        JSON.parse(json);
      } catch {
        throw new FieldDecryptError(`${path} of ${docId}`);
      }
      return json; // not remembered: the document is rewritten in the new form when next written
    }
    this.seen.set(where, { text, json });
    return json;
  }

  /** Whether a stored value is in the old (crypto-js) form. */
  static isLegacy(text: string): boolean {
    return !text.startsWith(PREFIX);
  }

  private nextNonce(): Uint8Array {
    if (this.nonceAt + NONCE_BYTES > this.nonces.length) {
      this.nonces = crypto.getRandomValues(new Uint8Array(NONCE_POOL));
      this.nonceAt = 0;
    }
    this.nonceAt += NONCE_BYTES;
    return this.nonces.subarray(this.nonceAt - NONCE_BYTES, this.nonceAt);
  }
}

const ciphers = new Map<string, FieldCipher>();

/**
 * The cipher of a database key: one per key, so the storage and the fast read path share what it
 * remembers. Forgotten when the database closes (forgetFieldCipher), with the personal data it holds.
 */
export function fieldCipherFor(databaseKey: string): FieldCipher {
  let cipher = ciphers.get(databaseKey);
  if (!cipher) {
    cipher = new FieldCipher(databaseKey);
    ciphers.set(databaseKey, cipher);
  }
  return cipher;
}

export function forgetFieldCipher(databaseKey: string): void {
  ciphers.delete(databaseKey);
}
