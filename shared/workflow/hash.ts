import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { DossierEvent } from '../domain';

/**
 * Canonical JSON: object keys sorted by code unit, `undefined` members dropped, no whitespace. The
 * form is part of the audit format: changing it invalidates every stored hash, so never "tidy" it.
 * Sorted keys make the hash survive storage that reorders keys (PostgreSQL jsonb, IndexedDB).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value}`);
  }
  // Plain loops and string concatenation: this runs for every event the server re-checks.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + memberName(key) + canonicalJson(item);
    first = false;
  }
  return out + '}';
}

/**
 * An object's keys in code-unit order (as Array.prototype.sort orders strings). The few keys of an
 * audit event's objects are sorted in place by insertion: the built-in sort copies the array into a
 * work area first: two fifths of the memory hashing an event allocated.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > 32) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** Text JSON.stringify writes as is between quotes: no quote, backslash, control character or surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const VERBATIM = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** JSON.stringify(text), without the call for the usual text that needs no escape. */
function jsonString(text: string): string {
  return VERBATIM.test(text) ? `"${text}"` : JSON.stringify(text);
}

/** `"key":` of the field names met so far (a bounded few: the schemas' own), then computed. */
const memberNames = new Map<string, string>();
function memberName(key: string): string {
  let name = memberNames.get(key);
  if (name === undefined) {
    name = `${jsonString(key)}:`;
    if (memberNames.size < 1000 && key.length <= 64) memberNames.set(key, name);
  }
  return name;
}

/** The fields an event hash covers: every field of DossierEvent except `hash`. */
export const HASHED_EVENT_FIELDS = [
  'id',
  'dossierId',
  'officeId',
  'seq',
  'type',
  'from',
  'to',
  'actorId',
  'actorName',
  'actorRole',
  'counterId',
  'at',
  'payload',
  'prevHash',
] as const satisfies readonly Exclude<keyof DossierEvent, 'hash'>[];

/**
 * Whether two JSON values have the same canonical JSON, without building it: key order and members
 * that are `undefined` do not count, `undefined` elsewhere reads as null (as in canonicalJson).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined)
    return (a === null || a === undefined) && (b === null || b === undefined);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let members = 0;
  for (const key of Object.keys(x)) {
    const item = x[key];
    if (item === undefined) continue;
    members++;
    const other = y[key];
    if (other === undefined || !Object.hasOwn(y, key) || !sameJson(item, other)) return false;
  }
  for (const key of Object.keys(y)) if (y[key] !== undefined) members--;
  return members === 0;
}

/** sha256 of UTF-8 text as lowercase hex. */
export type Sha256Hex = (text: string) => string;

const portableSha256: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));
let sha256Hex: Sha256Hex = portableSha256;

/**
 * Use the platform's native sha256 for event hashes (the server passes node:crypto: the portable
 * one is several times slower and the server hashes every pushed event twice). Without an argument,
 * back to the portable implementation. Both give the same digest (pinned by a test vector).
 */
export function useSha256(impl?: Sha256Hex): void {
  sha256Hex = impl ?? portableSha256;
}

/**
 * sha256 hex of the canonical JSON of every field of the event except `hash` itself. Fields a
 * store adds (RxDB `_rev`, `_meta`…) are ignored, so a stored event verifies as it was written.
 */
export function computeEventHash(event: Omit<DossierEvent, 'hash'>): string {
  const covered: Record<string, unknown> = {};
  for (const field of HASHED_EVENT_FIELDS) covered[field] = event[field];
  return sha256Hex(canonicalJson(covered));
}

/** Deep copy of JSON data (structuredClone is not in the ES2023 lib shared/ is checked against). */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined) out[key] = cloneJson(item);
  }
  return out as T;
}

/** Freeze an object graph so an audit event (or a decided dossier) cannot be altered afterwards. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value as Record<string, unknown>)) deepFreeze(item);
  }
  return value;
}
