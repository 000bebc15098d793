// Web mode's database key: derived from the officer's login with PBKDF2-SHA-256, so the same
// officer gets the same key in any browser and nothing secret is stored in the page's storage.
// (The desktop keeps a random key in the OS keychain instead: electron/keys.ts.)
import type { OfficerLogin } from './types';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. About half a second at login on a counter PC. */
export const WEB_KEY_ITERATIONS = 600_000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The salt binds the key to the office and the (case-insensitive) username, so two officers never
 * share a key. A changed password gives a new key: web mode's replica is then re-synced from the
 * server (it is a cache there), which the database helper handles by opening a fresh replica.
 */
export async function deriveDatabaseKey(
  login: OfficerLogin,
  iterations = WEB_KEY_ITERATIONS,
): Promise<string> {
  if (!login.password) throw new Error('a password is needed to derive the database key');
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(login.password.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const salt = encoder.encode(`motcua/db-key/v1/${login.officeId}/${login.username.trim().toLowerCase()}`);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    256,
  );
  return toBase64(new Uint8Array(bits));
}
