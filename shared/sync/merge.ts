/**
 * Three-way merge of a dossier, field by field, against the common ancestor (the assumed master
 * state the client last saw). A field changed on one side only takes that side; changed on both to
 * the same value is fine; changed on both differently is a true conflict and keeps the master value
 * (the incoming version is stored on the server for the supervisor, never dropped).
 */

import { withoutKeys } from '../domain/records';
import { canonicalJson } from '../workflow/hash';

export { canonicalJson };

type Doc = Record<string, unknown>;

/** Equal as JSON data whatever the key order (canonical JSON: keys sorted at every depth). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Fields RxDB adds locally that never travel or compare. */
const LOCAL_FIELDS = new Set(['_meta', '_rev', '_attachments']);
const LOCAL_FIELD_NAMES = [...LOCAL_FIELDS];

/**
 * The document without RxDB's local fields. A document without any (what RxDB hands the push
 * handler, what a pull brings) is answered as is, not copied: the result is never written to.
 */
export function stripLocal<T extends Doc>(doc: T): T {
  if (!LOCAL_FIELD_NAMES.some((f) => f in doc)) return doc;
  return withoutKeys(doc, LOCAL_FIELDS) as T;
}

function deeper(a: Doc, b: Doc): Doc {
  const ca = Number(a.eventCount ?? 0);
  const cb = Number(b.eventCount ?? 0);
  if (ca !== cb) return ca > cb ? a : b;
  return String(a.lastEventHash ?? '') >= String(b.lastEventHash ?? '') ? a : b;
}

export interface MergeResult<T extends Doc> {
  merged: T;
  /** Fields both sides changed to different values (master's value kept). */
  conflicts: string[];
}

/**
 * `updatedAt` is bookkeeping: the later wins. The chain head (`eventCount`, `lastEventHash`) follows
 * the deepest event. Everything else (status, applicant, dates…) is merged strictly.
 */
export function mergeThreeWay<T extends Doc>(ancestor: T | null, master: T, incoming: T): MergeResult<T> {
  const base: Doc = ancestor ?? {};
  const keys = new Set([...Object.keys(master), ...Object.keys(incoming)]);
  const merged: Doc = {};
  const conflicts: string[] = [];
  for (const key of [...keys].sort()) {
    if (LOCAL_FIELDS.has(key)) continue;
    const m = master[key];
    const i = incoming[key];
    const b = base[key];
    if (sameValue(m, i)) merged[key] = m;
    else if (key === 'updatedAt' && typeof m === 'string' && typeof i === 'string')
      merged[key] = m > i ? m : i;
    else if (key === 'eventCount' || key === 'lastEventHash') {
      // Both sides appended events (a legitimate fork of the hash tree): the head is the deepest
      // event, ties broken by hash, the way every replica orders a dossier's events.
      merged[key] = deeper(master, incoming) === master ? m : i;
    } else if (sameValue(i, b)) merged[key] = m;
    else if (sameValue(m, b)) merged[key] = i;
    else {
      merged[key] = m;
      conflicts.push(key);
    }
    if (merged[key] === undefined) delete merged[key];
  }
  return { merged: merged as T, conflicts };
}
