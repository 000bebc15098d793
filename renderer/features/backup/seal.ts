// A backup of the local replica that stays encrypted: the replica's export (RxDB exportJSON, which
// holds personal data in clear once decrypted) is gzip-compressed and sealed with AES-256-GCM under
// a key derived from a backup passphrase (PBKDF2-SHA-256). The passphrase, not the PC's keychain,
// opens it, so a backup restores on a fresh profile or another counter PC.
//
// File layout (.mcbak):  "MCBAK1\n" | header JSON | "\n" | AES-GCM ciphertext
// The header (format, KDF parameters, salt, IV, metadata) is authenticated as additional data: a
// changed iteration count or metadata makes the file refuse to open.
import { deriveKey } from '../../platform/key';

export const BACKUP_MAGIC = 'MCBAK1\n';
export const BACKUP_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 10;

export interface BackupMetadata {
  createdAt: string;
  appVersion: string;
  officeId?: string;
  counterId?: string;
  /** Documents per collection, to show before restoring. */
  counts?: Record<string, number>;
}

interface BackupHeader {
  format: 'motcua-backup';
  version: 1;
  kdf: { name: 'PBKDF2-SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-256-GCM'; iv: string };
  compression: 'gzip' | 'none';
  metadata: BackupMetadata;
}

export class BackupError extends Error {
  constructor(
    readonly code: 'not_a_backup' | 'unsupported_version' | 'wrong_passphrase_or_damaged' | 'weak_passphrase',
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function transform(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** Seals `data` (any JSON value, e.g. RxDB's database.exportJSON()) into a .mcbak file's bytes. */
export async function sealBackup(
  data: unknown,
  passphrase: string,
  metadata: BackupMetadata,
  options: { iterations?: number } = {},
): Promise<Uint8Array> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new BackupError(
      'weak_passphrase',
      `the backup passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`,
    );
  }
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const iterations = options.iterations ?? BACKUP_ITERATIONS;
  const canCompress = typeof CompressionStream === 'function';
  const header: BackupHeader = {
    format: 'motcua-backup',
    version: 1,
    kdf: { name: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-256-GCM', iv: toBase64(iv) },
    compression: canCompress ? 'gzip' : 'none',
    metadata,
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const plain = encoder.encode(JSON.stringify(data));
  const body = canCompress ? await transform(plain, new CompressionStream('gzip')) : plain;
  const key = await deriveKey(passphrase, salt, iterations);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerBytes }, key, body),
  );
  const magic = encoder.encode(BACKUP_MAGIC);
  const out = new Uint8Array(magic.length + headerBytes.length + 1 + sealed.length);
  out.set(magic, 0);
  out.set(headerBytes, magic.length);
  out[magic.length + headerBytes.length] = 0x0a;
  out.set(sealed, magic.length + headerBytes.length + 1);
  return out;
}

function splitBackup(bytes: Uint8Array): {
  header: BackupHeader;
  headerBytes: Uint8Array<ArrayBuffer>;
  sealed: Uint8Array<ArrayBuffer>;
} {
  const magic = encoder.encode(BACKUP_MAGIC);
  if (bytes.length <= magic.length || decoder.decode(bytes.subarray(0, magic.length)) !== BACKUP_MAGIC) {
    throw new BackupError('not_a_backup', 'this file is not a Một cửa backup');
  }
  const end = bytes.indexOf(0x0a, magic.length);
  if (end < 0) throw new BackupError('not_a_backup', 'this file is not a Một cửa backup');
  const headerBytes = new Uint8Array(bytes.subarray(magic.length, end));
  let header: BackupHeader;
  try {
    header = JSON.parse(decoder.decode(headerBytes)) as BackupHeader;
  } catch {
    throw new BackupError('not_a_backup', 'the backup header is damaged');
  }
  if (header.format !== 'motcua-backup')
    throw new BackupError('not_a_backup', 'this file is not a Một cửa backup');
  if (header.version !== 1)
    throw new BackupError('unsupported_version', `backup version ${String(header.version)} is not supported`);
  return { header, headerBytes, sealed: new Uint8Array(bytes.subarray(end + 1)) };
}

/** Reads the metadata (date, office, counts) without the passphrase, to confirm before restoring. */
export function readBackupMetadata(bytes: Uint8Array): BackupMetadata {
  return splitBackup(bytes).header.metadata;
}

/** Opens a .mcbak file; a wrong passphrase and a damaged file are the same error (GCM cannot tell). */
export async function openBackup(
  bytes: Uint8Array,
  passphrase: string,
): Promise<{ data: unknown; metadata: BackupMetadata }> {
  const { header, headerBytes, sealed } = splitBackup(bytes);
  if (!(header.kdf.iterations >= 100_000 && header.kdf.iterations <= 10_000_000)) {
    throw new BackupError('not_a_backup', 'the backup header is damaged');
  }
  const key = await deriveKey(passphrase, fromBase64(header.kdf.salt), header.kdf.iterations);
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(header.cipher.iv), additionalData: headerBytes },
        key,
        sealed,
      ),
    );
  } catch {
    throw new BackupError('wrong_passphrase_or_damaged', 'wrong passphrase, or the backup file is damaged');
  }
  const plain = header.compression === 'gzip' ? await transform(body, new DecompressionStream('gzip')) : body;
  return { data: JSON.parse(decoder.decode(plain)) as unknown, metadata: header.metadata };
}
