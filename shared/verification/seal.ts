import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { DOSSIER_CODE_PATTERN } from '../domain/dossier';
import { AGENCY_CODE_PATTERN } from '../domain/office';
import { base64urlToBytes, bytesToBase64url } from './base64url';

/**
 * The seal QR printed on a result slip (phiếu kết quả).
 *
 *   MC1~<dossier code>~<agency code or empty>~<issued YYYYMMDD>~<result number>~<key id>~<signature>
 *
 * - The agency field is empty when the issuing office is the one whose code starts the dossier code
 *   (the usual case), which keeps the QR small.
 * - The signature is Ed25519 by the counter's device key over SEAL_CONTEXT + everything before the
 *   last `~`, exactly as printed: nothing to canonicalise, so signer and verifier cannot disagree.
 * - The key id was registered with the province server at enrolment, bound to one office; a
 *   verifier looks it up and checks the office matches, so one office cannot seal for another.
 * - Fields are raw UTF-8 (result numbers contain "Đ"); only `%` and `~` are percent-escaped.
 */
export const SEAL_VERSION = 'MC1';
export const SEAL_SEPARATOR = '~';
/** Domain separation: the device key also signs other things (sync auth), never confusable. */
export const SEAL_CONTEXT = 'motcua-seal-v1\n';
/** In UTF-8 bytes. Keeps the QR at version ≤ 10 with error correction M (~3 cm on an A5 slip). */
export const MAX_SEAL_PAYLOAD_LENGTH = 200;
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,24}$/;

export interface SealInput {
  /** Dossier code `<agency code>-YYMMDD-NNNN`. */
  code: string;
  /** Agency code of the office issuing the result (the device's office). */
  officeAgencyCode: string;
  /** When the result was issued: a `YYYY-MM-DD` date or an ISO instant (taken in Vietnam time). */
  issuedAt: string;
  /** Number of the result document, e.g. `125/GCN-UBND`. */
  resultNumber: string;
}

export interface SealPayload {
  version: typeof SEAL_VERSION;
  code: string;
  officeAgencyCode: string;
  /** `YYYY-MM-DD`. */
  issuedDate: string;
  resultNumber: string;
  keyId: string;
  signature: Uint8Array;
  /** The bytes the signature covers. */
  signedText: string;
}

export interface DeviceKeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  /** Default key id: derived from the public key, so it is unique without coordination. */
  keyId: string;
}

/** What the province server (or a counter's cache) knows about an enrolled device key. */
export interface SealKeyRecord {
  publicKey: Uint8Array;
  /** The office the key was enrolled for. */
  officeAgencyCode: string;
  /** `YYYY-MM-DD`: seals dated on or after this day are rejected (stolen or retired device). */
  revokedOn?: string | null;
}

export type SealKeyLookup = (
  keyId: string,
) => SealKeyRecord | null | undefined | Promise<SealKeyRecord | null | undefined>;

export type SealFailureReason =
  'malformed' | 'unsupported_version' | 'unknown_key' | 'office_mismatch' | 'key_revoked' | 'bad_signature';

export type SealVerification =
  | {
      ok: true;
      code: string;
      officeAgencyCode: string;
      issuedDate: string;
      resultNumber: string;
      keyId: string;
    }
  | { ok: false; reason: SealFailureReason };

export class SealFormatError extends Error {
  constructor(
    message: string,
    readonly reason: 'malformed' | 'unsupported_version' = 'malformed',
  ) {
    super(message);
    this.name = 'SealFormatError';
  }
}

const VN_OFFSET_MS = 7 * 3600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Vietnam calendar date of an instant or date string. Vietnam has no daylight saving: UTC+7. */
function toVietnamDate(issuedAt: string): string {
  const m = ISO_DATE.exec(issuedAt);
  if (m) {
    assertRealDate(issuedAt);
    return issuedAt;
  }
  const ms = Date.parse(issuedAt);
  if (Number.isNaN(ms)) throw new Error(`seal: invalid issuedAt "${issuedAt}"`);
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

function assertRealDate(date: string): void {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
    throw new SealFormatError(`seal: invalid date "${date}"`);
  }
}

function escapeField(value: string): string {
  return value.replace(/%/g, '%25').replace(/~/g, '%7E');
}

function unescapeField(value: string): string {
  if (/%(?!25|7E)/.test(value)) throw new SealFormatError('seal: bad escape');
  return value.replace(/%7E/g, '~').replace(/%25/g, '%');
}

function agencyOf(code: string): string {
  return code.slice(0, code.indexOf('-'));
}

function signedBytes(signedText: string): Uint8Array {
  return utf8ToBytes(SEAL_CONTEXT + signedText);
}

/** Key id derived from a public key: 12 base64url characters of its SHA-256 (72 bits). */
export function deriveKeyId(publicKey: Uint8Array): string {
  return bytesToBase64url(sha256(publicKey).subarray(0, 9));
}

export function generateDeviceKeyPair(): DeviceKeyPair {
  const { secretKey, publicKey } = ed25519.keygen();
  return { secretKey, publicKey, keyId: deriveKeyId(publicKey) };
}

/** Public key of a secret key (e.g. to re-derive what was enrolled). */
export function devicePublicKey(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

export function createSealPayload(input: SealInput, secretKey: Uint8Array, keyId: string): string {
  if (!DOSSIER_CODE_PATTERN.test(input.code)) throw new Error(`seal: invalid dossier code "${input.code}"`);
  if (!AGENCY_CODE_PATTERN.test(input.officeAgencyCode)) {
    throw new Error(`seal: invalid agency code "${input.officeAgencyCode}"`);
  }
  if (!KEY_ID_PATTERN.test(keyId)) throw new Error(`seal: invalid key id "${keyId}"`);
  const resultNumber = input.resultNumber.trim();
  if (resultNumber === '') throw new Error('seal: result number required');
  const date = toVietnamDate(input.issuedAt).replace(/-/g, '');
  const agency = input.officeAgencyCode === agencyOf(input.code) ? '' : input.officeAgencyCode;
  const signedText = [SEAL_VERSION, input.code, agency, date, escapeField(resultNumber), keyId].join(
    SEAL_SEPARATOR,
  );
  const signature = ed25519.sign(signedBytes(signedText), secretKey);
  const payload = signedText + SEAL_SEPARATOR + bytesToBase64url(signature);
  // QR capacity is in bytes: "Đ" takes two.
  if (utf8ToBytes(payload).length > MAX_SEAL_PAYLOAD_LENGTH) {
    throw new Error(`seal: payload longer than ${MAX_SEAL_PAYLOAD_LENGTH} bytes (result number too long?)`);
  }
  return payload;
}

/** Reads a seal payload without checking its signature. Throws SealFormatError when malformed. */
export function parseSealPayload(text: string): SealPayload {
  if (text.length > MAX_SEAL_PAYLOAD_LENGTH * 2) throw new SealFormatError('seal: too long');
  const parts = text.split(SEAL_SEPARATOR);
  if (parts[0] !== SEAL_VERSION) {
    throw new SealFormatError(
      'seal: unsupported version',
      parts.length > 1 ? 'unsupported_version' : 'malformed',
    );
  }
  if (parts.length !== 7) throw new SealFormatError('seal: wrong number of fields');
  const [version, code, agencyField, date, numberField, keyId, sigText] = parts as [
    typeof SEAL_VERSION,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!DOSSIER_CODE_PATTERN.test(code)) throw new SealFormatError('seal: invalid dossier code');
  if (agencyField !== '' && (!AGENCY_CODE_PATTERN.test(agencyField) || agencyField === agencyOf(code))) {
    // The agency is omitted when equal to the code's: two spellings of one seal are not allowed.
    throw new SealFormatError('seal: invalid agency code');
  }
  if (!/^\d{8}$/.test(date)) throw new SealFormatError('seal: invalid date');
  const issuedDate = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
  assertRealDate(issuedDate);
  const resultNumber = unescapeField(numberField);
  if (resultNumber === '' || resultNumber !== resultNumber.trim()) {
    throw new SealFormatError('seal: invalid result number');
  }
  if (!KEY_ID_PATTERN.test(keyId)) throw new SealFormatError('seal: invalid key id');
  let signature: Uint8Array;
  try {
    signature = base64urlToBytes(sigText);
  } catch {
    throw new SealFormatError('seal: invalid signature encoding');
  }
  if (signature.length !== 64) throw new SealFormatError('seal: invalid signature length');
  return {
    version,
    code,
    officeAgencyCode: agencyField === '' ? agencyOf(code) : agencyField,
    issuedDate,
    resultNumber,
    keyId,
    signature,
    signedText: text.slice(0, text.lastIndexOf(SEAL_SEPARATOR)),
  };
}

/**
 * Verifies a scanned seal against the enrolled device keys. Never throws for bad input: a
 * citizen's scan of anything must produce an answer.
 */
export async function verifySealPayload(text: string, lookup: SealKeyLookup): Promise<SealVerification> {
  let seal: SealPayload;
  try {
    seal = parseSealPayload(text.trim());
  } catch (error) {
    return { ok: false, reason: error instanceof SealFormatError ? error.reason : 'malformed' };
  }
  const key = await lookup(seal.keyId);
  if (!key) return { ok: false, reason: 'unknown_key' };
  if (key.officeAgencyCode !== seal.officeAgencyCode) return { ok: false, reason: 'office_mismatch' };
  let valid = false;
  try {
    // Strict RFC 8032 checks: one valid signature encoding per seal, no non-canonical points.
    valid = ed25519.verify(seal.signature, signedBytes(seal.signedText), key.publicKey, { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad_signature' };
  // Checked after the signature so a forged date cannot probe revocation state.
  if (key.revokedOn && seal.issuedDate >= key.revokedOn) return { ok: false, reason: 'key_revoked' };
  return {
    ok: true,
    code: seal.code,
    officeAgencyCode: seal.officeAgencyCode,
    issuedDate: seal.issuedDate,
    resultNumber: seal.resultNumber,
    keyId: seal.keyId,
  };
}
