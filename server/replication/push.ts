import type { DossierEvent } from '../../shared/domain';
import {
  LIMITS,
  PUSHED_SCHEMAS,
  type CollectionName,
  type PushRow,
  type RejectedDocument,
} from '../../shared/sync/contract';
import type { Device } from '../devices/device';
import { documentBody } from './documents';
import { reject, type Accepted } from './push-checks';

/**
 * Text PostgreSQL's JSON processing refuses, as JSON.stringify escapes it: NUL, and UTF-16 surrogates
 * without their pair (a well-formed pair is never escaped). The json column would take it, but not
 * jsonb (a conflict's copies, a deleted document's pull line) nor `->>` on it. The escape must not
 * itself be escaped (`\\u…`).
 */
const UNSTORABLE_TEXT = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** The refusal of every row of a push to a collection the province manages. */
export function refuseReadOnly(collection: CollectionName, rows: PushRow[]): RejectedDocument[] {
  return rows.map((r) =>
    reject(
      String(r.newDocumentState.id),
      403,
      'read_only_collection',
      `${collection} is managed by the province`,
    ),
  );
}

/**
 * The documents of a push that pass its limits, the schema and the device's office, on their way to
 * the workflow checks and the write; the others are refused into `rejected`. The last row of an id
 * wins inside one batch (RxDB never sends two, a hand-made batch might).
 */
export function admitRows(
  device: Device,
  collection: 'dossiers' | 'dossier_events',
  rows: PushRow[],
  rejected: RejectedDocument[],
  limits: AdmitLimits,
): Accepted[] {
  const byId = new Map<string, PushRow>();
  for (const row of rows) byId.set(row.newDocumentState.id, row);
  const candidates: Accepted[] = [];
  for (const row of byId.values()) {
    const admitted = admitRow(device, collection, row, limits);
    if ('reason' in admitted) rejected.push(admitted);
    else candidates.push(admitted);
  }
  return candidates;
}

/** What admitting a push compares against. */
export interface AdmitLimits {
  /** The latest instant (ms) a pushed event may be dated: the server's clock plus the allowed skew. */
  latestAt: number;
}

/** One pushed row as the write takes it, or the reason it is refused. */
function admitRow(
  device: Device,
  collection: 'dossiers' | 'dossier_events',
  row: PushRow,
  limits: AdmitLimits,
): Accepted | RejectedDocument {
  const id = row.newDocumentState.id;
  // The document as it will be stored, serialised once: for the limits here and for the INSERT.
  const doc = documentBody(row.newDocumentState);
  const json = JSON.stringify(doc);
  const size = Buffer.byteLength(json);
  if (size > LIMITS.maxDocumentBytes)
    return reject(id, 413, 'too_large', `${size} bytes > ${LIMITS.maxDocumentBytes}`);
  // JSON.stringify writes \u escapes only for control characters and lone surrogates: most
  // documents have none, and looking for the two characters is far cheaper than the pattern.
  if (json.includes('\\u') && UNSTORABLE_TEXT.test(json))
    return reject(
      id,
      422,
      'schema_invalid',
      'text with a NUL character or an unpaired surrogate (not storable)',
    );
  const parsed = PUSHED_SCHEMAS[collection].safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`);
    return reject(id, 422, 'schema_invalid', issues.join('; '));
  }
  const officeId = String(doc.officeId);
  if (device.role !== 'province' && officeId !== device.officeId)
    return reject(
      id,
      403,
      'wrong_office',
      `document of office ${officeId}, device of office ${device.officeId}`,
    );
  if (collection === 'dossiers' && row.newDocumentState._deleted === true)
    return reject(id, 403, 'immutable', 'counters never delete a dossier: its events are its record');
  if (collection === 'dossier_events') {
    const refused = refuseEventEnvelope(device, doc as unknown as DossierEvent, limits);
    if (refused) return refused;
  }
  return { row, doc, json, deleted: row.newDocumentState._deleted === true };
}

/**
 * An event is recorded by a PC of its own counter (a province device acts for any counter of its
 * office) and is not dated beyond the allowed clock skew.
 */
function refuseEventEnvelope(device: Device, ev: DossierEvent, limits: AdmitLimits): RejectedDocument | null {
  if (device.role === 'counter' && ev.counterId !== device.counterId)
    return reject(
      ev.id,
      403,
      'wrong_office',
      `event of counter ${ev.counterId}, pushed by a device of counter ${device.counterId}`,
    );
  if (Date.parse(ev.at) > limits.latestAt)
    return reject(
      ev.id,
      422,
      'history_invalid',
      `event dated ${ev.at}, later than the server's clock allows (${new Date(limits.latestAt).toISOString()})`,
    );
  return null;
}
