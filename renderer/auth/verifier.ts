import { loginVerifierSchema, type LoginVerifier } from '../../shared/domain';
import {
  argon2,
  createCredentials as createCredentialsWith,
  signingSeed as signingSeedWith,
  DEFAULT_KDF_PARAMS,
  type KdfParams,
  type OfficerCredentials,
} from '../../shared/officers';

/**
 * Offline-login verifiers: argon2id (memory-hard, the maintained WASM build of hash-wasm) over the
 * password with a random 16-byte salt. The parameters travel with the verifier (shared/domain
 * loginVerifierSchema) so they can be raised later without invalidating old ones; new ones use
 * shared/officers DEFAULT_KDF_PARAMS.
 */
export { DEFAULT_KDF_PARAMS, type KdfParams };
/** The smallest the schema allows: for tests and the bench's demo seeding only. */
export const FAST_KDF_PARAMS: KdfParams = { memoryKiB: 8 * 1024, iterations: 1, parallelism: 1 };

const HASH_BYTES = 32;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const derive = (password: string, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> =>
  argon2({ password: password.normalize('NFC'), salt, params, hashLength: HASH_BYTES });

/** A new password's verifier and signing key (shared/officers/credentials.ts). */
export function createCredentials(
  password: string,
  params: KdfParams = DEFAULT_KDF_PARAMS,
): Promise<OfficerCredentials> {
  return createCredentialsWith(password, params, argon2);
}

/** The private signing seed of the officer who just typed `password` (checked against `verifier` first). */
export function signingSeed(password: string, verifier: LoginVerifier): Promise<Uint8Array> {
  return signingSeedWith(password, verifier, argon2);
}

export async function createVerifier(
  password: string,
  params: KdfParams = DEFAULT_KDF_PARAMS,
): Promise<LoginVerifier> {
  if (password.length < 8) throw new Error('auth.password_too_short');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, params);
  return loginVerifierSchema.parse({
    algorithm: 'argon2id',
    saltB64: toBase64(salt),
    hashB64: toBase64(hash),
    ...params,
  });
}

/** Compares every byte whatever the first difference, so timing tells nothing about the hash. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function verifyPassword(verifier: LoginVerifier, password: string): Promise<boolean> {
  const parsed = loginVerifierSchema.safeParse(verifier);
  if (!parsed.success) return false;
  const v = parsed.data;
  try {
    const expected = fromBase64(v.hashB64);
    // argon2 refuses an empty password: hash a stand-in so an empty try costs the same, then fail.
    const actual = await derive(password === '' ? '\u0000' : password, fromBase64(v.saltB64), v);
    return password !== '' && constantTimeEqual(actual, expected);
  } catch {
    return false;
  }
}
