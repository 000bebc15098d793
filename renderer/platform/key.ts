// Web mode's keys, derived from an officer's password with PBKDF2-SHA-256 so that nothing secret is
// stored in the page's storage. (The desktop keeps a random key in the OS keychain instead:
// electron/keys.ts, reached through Platform.getDatabaseKey.)

const encoder = new TextEncoder();

/** AES-GCM-256 key from a passphrase or password (PBKDF2-SHA-256, NFC so any keyboard's form matches). */
export async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA-256. */
export const WEB_KEY_ITERATIONS = 600_000;

/** Who is logging in. */
export interface OfficerLogin {
  officeId: string;
  username: string;
  password: string;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A key derived from one officer's login: the same officer gets the same key in any browser. The
 * salt binds it to the office and the (case-insensitive) username, so two officers never share a
 * key; a changed password gives a new key.
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

// ── Web mode's data key ─────────────────────────────────────────────────────────────────────────
// One random key per counter encrypts the replica (as on the desktop); it is stored only wrapped:
// once per officer, under a key derived from that officer's password (PBKDF2, random salt), with
// AES-GCM. Any officer with a wrap opens the replica at login; while it is open, every other
// officer who logs in gets a wrap too. Nothing in the page's storage opens it without a password.

/** One officer's wrap of the data key (kept in the replica's directory settings, not secret). */
export interface DataKeyWrap {
  officerId: string;
  /** The verifier salt of the password it was made with: a changed password gets a new wrap. */
  verifierSalt: string;
  kdf: { name: 'PBKDF2-SHA-256'; iterations: number; salt: string };
  iv: string;
  wrapped: string;
  createdAt: string;
}

export class DataKeyError extends Error {
  constructor(
    readonly code: 'no_wrap' | 'unwrap_failed',
    message: string,
  ) {
    super(message);
    this.name = 'DataKeyError';
  }
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** 32 random bytes as base64: the form of every database key (Platform.getDatabaseKey's too). */
export function generateDataKey(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/** Binds a wrap to its office and officer: moved to another officer it does not open. */
const wrapContext = (officeId: string, officerId: string) =>
  new TextEncoder().encode(`motcua/data-key/v1/${officeId}/${officerId}`);

export async function wrapDataKey(
  dataKey: string,
  who: { officeId: string; officerId: string; password: string; verifierSalt: string },
  iterations = WEB_KEY_ITERATIONS,
): Promise<DataKeyWrap> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(who.password, salt, iterations);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: wrapContext(who.officeId, who.officerId) },
    key,
    new TextEncoder().encode(dataKey),
  );
  return {
    officerId: who.officerId,
    verifierSalt: who.verifierSalt,
    kdf: { name: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt) },
    iv: toBase64(iv),
    wrapped: toBase64(new Uint8Array(sealed)),
    createdAt: new Date().toISOString(),
  };
}

/** Throws DataKeyError('unwrap_failed') for a wrong password or a damaged / moved wrap. */
export async function unwrapDataKey(
  wrap: DataKeyWrap,
  who: { officeId: string; password: string },
): Promise<string> {
  if (!(wrap.kdf.iterations >= 100_000 && wrap.kdf.iterations <= 10_000_000)) {
    throw new DataKeyError('unwrap_failed', 'the key wrap is damaged');
  }
  const key = await deriveKey(who.password, fromBase64(wrap.kdf.salt), wrap.kdf.iterations);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(wrap.iv), additionalData: wrapContext(who.officeId, wrap.officerId) },
      key,
      fromBase64(wrap.wrapped),
    );
    return new TextDecoder().decode(plain);
  } catch {
    throw new DataKeyError('unwrap_failed', 'wrong password, or the key wrap is damaged');
  }
}
