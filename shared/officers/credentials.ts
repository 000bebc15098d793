import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { loginVerifierSchema, type LoginVerifier } from '../domain/officer';

/**
 * An officer's credentials as they travel: the login verifier (argon2id of the password, checked
 * offline on every counter) and a signing key (Ed25519, its seed another argon2id of the password
 * under a salt derived from the verifier's). The public half is replicated with the officer; the
 * private half exists only while the officer has just typed their password, to sign a request to
 * the server (shared/officers/changes.ts). The server thus checks who acts without ever receiving
 * a password, and a stolen replica holds nothing that signs.
 *
 * The argon2id implementation is passed in: hash-wasm in the renderer and on the server.
 */
export type KdfParams = Pick<LoginVerifier, 'memoryKiB' | 'iterations' | 'parallelism'>;

/**
 * The argon2id cost of new verifiers, on the counters and on the server alike: 64 MiB × 3 passes is
 * slow enough to make guessing a copied verifier expensive, fast enough for a login on a counter PC.
 */
export const DEFAULT_KDF_PARAMS: KdfParams = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };
export type Argon2id = (input: {
  password: string;
  salt: Uint8Array;
  params: KdfParams;
  hashLength: number;
}) => Promise<Uint8Array>;

export interface OfficerCredentials {
  verifier: LoginVerifier;
  signingKey: string;
}

const HASH_BYTES = 32;
const SIGNING_SALT_CONTEXT = 'motcua-officer-signing-v1|';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (the verifier's encoding), without DOM or Node globals. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean)) throw new Error('invalid base64');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    value = (value << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** The salt of the signing seed: bound to the verifier's salt, never equal to it. */
function signingSalt(verifierSaltB64: string): Uint8Array {
  return sha256(utf8ToBytes(SIGNING_SALT_CONTEXT + verifierSaltB64)).slice(0, 16);
}

/** The officer's private signing seed, from the password they just typed and their verifier. */
export async function signingSeed(
  password: string,
  verifier: LoginVerifier,
  argon2: Argon2id,
): Promise<Uint8Array> {
  return argon2({
    password: password.normalize('NFC'),
    salt: signingSalt(verifier.saltB64),
    params: verifier,
    hashLength: HASH_BYTES,
  });
}

export const signingKeyOf = (seed: Uint8Array): string => toBase64(ed25519.getPublicKey(seed));

/** New credentials for a password: a fresh salt, the verifier and the signing key's public half. */
export async function createCredentials(
  password: string,
  params: KdfParams,
  argon2: Argon2id,
): Promise<OfficerCredentials> {
  const salt = randomBytes(16);
  const hash = await argon2({
    password: password.normalize('NFC'),
    salt,
    params,
    hashLength: HASH_BYTES,
  });
  const verifier = loginVerifierSchema.parse({
    algorithm: 'argon2id',
    saltB64: toBase64(salt),
    hashB64: toBase64(hash),
    ...params,
  });
  return { verifier, signingKey: signingKeyOf(await signingSeed(password, verifier, argon2)) };
}

/** Letters and digits that cannot be misread on paper (no 0/O, 1/l/I). */
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A one-time password the admin hands to an officer: three groups of four ("ab3k-9xqe-7mnr"),
 * 60 bits of randomness, readable aloud and from a printout.
 */
export function generateOneTimePassword(): string {
  const groups: string[] = [];
  let group = '';
  // Rejection sampling keeps every character equally likely.
  while (groups.length < 3) {
    for (const byte of randomBytes(16)) {
      if (byte >= 256 - (256 % ONE_TIME_ALPHABET.length)) continue;
      group += ONE_TIME_ALPHABET[byte % ONE_TIME_ALPHABET.length];
      if (group.length === 4) {
        groups.push(group);
        group = '';
        if (groups.length === 3) break;
      }
    }
  }
  return groups.join('-');
}
