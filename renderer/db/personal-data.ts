// Personal data at rest (Decree 13/2023): which fields of the replica are encrypted, and the blind
// index that lets the counter find a dossier by exact ID number or phone without storing either.
//
// Encryption is field-cipher.ts (XChaCha20-Poly1305) under the database key (desktop: a random key
// in the OS keychain; web: a random data key wrapped per officer, see renderer/platform/data-key.ts),
// applied below RxDB by field-encryption-storage.ts. Documents stay plaintext above the storage
// layer, so the workflow hash chain and replication see the same documents as before.
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { getProperty } from 'rxdb/plugins/utils';
import { applicantSchema } from '../../shared/domain';
import { normalizeIdNumber, normalizePhone } from './dossier-doc';
import { fieldCipherFor } from './field-cipher';
import { sealedOwner } from './field-encryption-storage';

/** Applicant fields kept clear: the kind, and the name (name search needs it). */
const CLEAR_APPLICANT_FIELDS: readonly string[] = ['kind', 'fullName'];

/**
 * Applicant fields encrypted in stored dossiers: every field of the shared applicant schema but the
 * clear ones, so a new personal field is encrypted by default. The list is part of the stored
 * schema: changing it needs a schema version and a migration (schemas.ts).
 */
export const DOSSIER_ENCRYPTED_PATHS = Object.keys(applicantSchema.shape)
  .filter((field) => !CLEAR_APPLICANT_FIELDS.includes(field))
  .map((field) => `applicant.${field}`);

/** An event's payload repeats the applicant (receive, edits): encrypted whole. */
export const EVENT_ENCRYPTED_PATHS = ['payload'];

/** Stored-only dossier fields: keyed hashes of the normalised ID number / tax code and phone. */
export const BLIND_INDEX_FIELDS = { idNumber: 'applicantIdKey', phone: 'applicantPhoneKey' } as const;

/** 128 bits of HMAC-SHA-256, hex: collisions are negligible and the index stays short. */
const BLIND_INDEX_HEX = 32;
export const BLIND_INDEX_MAX_LENGTH = BLIND_INDEX_HEX;

/** RxDB refuses a database password under 8 characters; our keys are base64 of 32 bytes. */
export const MIN_DATABASE_KEY_LENGTH = 16;

export type BlindIndexer = {
  idNumber(value: string): string;
  phone(value: string): string;
};

/**
 * A sub-key for the blind index derived from the database key (HKDF-SHA-256), so the index key is
 * never the encryption key and both go with the one key the platform keeps.
 */
export function createBlindIndexer(databaseKey: string): BlindIndexer {
  if (databaseKey.length < MIN_DATABASE_KEY_LENGTH) throw new Error('database key too short');
  const subKey = hkdf(sha256, utf8ToBytes(databaseKey), undefined, utf8ToBytes('motcua/blind-index/v1'), 32);
  // The HMAC keyed once: each tag clones its state instead of hashing the key's two pads again
  // (half the hashing of a short value).
  const keyed = hmac.create(sha256, subKey);
  const tag = (kind: string, normalised: string) =>
    normalised === ''
      ? ''
      : bytesToHex(
          keyed
            .clone()
            .update(utf8ToBytes(`${kind}:${normalised}`))
            .digest(),
        ).slice(0, BLIND_INDEX_HEX);
  return {
    idNumber: (value) => tag('id', normalizeIdNumber(value)),
    phone: (value) => tag('phone', normalizePhone(value)),
  };
}

/**
 * Decrypts the encrypted paths of a document of `collection` read straight from the Dexie table (the
 * fast read path bypasses RxDB's storage wrappers), as field-encryption-storage.ts does for RxDB:
 * from the row's sealed value (`sealed`, its SEALED_FIELD, which `doc` leaves out), or from one value
 * per path (written before they were sealed).
 *
 * Lazily: each field becomes a getter that decrypts on first read (the sealed value once for all of
 * them). A queue page shows names, codes and dates, and recovery reads only ids and sequence
 * numbers, so decrypting every personal field of every row they touch would slow list reads.
 */
export function decryptPaths<T extends Record<string, unknown>>(
  doc: T,
  paths: string[],
  key: string,
  collection: string,
  sealed: unknown,
): T {
  const cipher = fieldCipherFor(key);
  const id = String(doc.id);
  let opened: Record<string, unknown> | undefined;
  for (const path of paths) {
    const dot = path.lastIndexOf('.');
    const parent = (dot < 0 ? doc : getProperty(doc, path.slice(0, dot))) as unknown;
    if (!parent || typeof parent !== 'object') continue;
    const holder = parent as Record<string, unknown>;
    const field = path.slice(dot + 1);
    let read: () => unknown;
    if (typeof sealed === 'string') {
      if (holder[field] !== undefined) continue;
      read = () => {
        opened ??= JSON.parse(cipher.decrypt(sealed, sealedOwner(collection, id), '*')) as Record<
          string,
          unknown
        >;
        return opened[path];
      };
    } else {
      const cipherText = holder[field];
      if (typeof cipherText !== 'string') continue;
      read = () => JSON.parse(cipher.decrypt(cipherText, id, path)) as unknown;
    }
    const settle = (value: unknown) =>
      Object.defineProperty(holder, field, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(holder, field, {
      enumerable: true,
      configurable: true,
      get() {
        const value = read();
        settle(value);
        return value;
      },
      set: settle,
    });
  }
  return doc;
}
