import type pg from 'pg';
import { DOSSIER_LOOKUP_LIMIT, lookupNameKey, type DossierLookup } from '../../shared/sync/lookup';
import type { Device } from '../devices/device';

/**
 * The name given first ('nguyen van an' → 'an nguyen van'), as the counter's given-name index keys
 * it. Written exactly as migration 20's index dossiers_office_given_name, so the query uses it.
 */
const GIVEN_FIRST = String.raw`regexp_replace(doc->>'applicantSearch', '^(.*) (\S+)$', '\2 \1')`;

/**
 * The match of each kind of lookup, on $2 (and $3): the code (dossiers_office_code, whose predicate
 * wants the non-empty code said), the ID number or tax code, or a prefix of the name or of the name
 * given first, as the range [$2, $3) of text_pattern_ops (which a generic plan of a parameterised
 * LIKE would not use).
 */
const MATCH: Record<DossierLookup['by'], string> = {
  code: `doc->>'code' = $2 AND doc->>'code' <> ''`,
  idNumber: `(doc->'applicant'->>'idNumber' = $2 OR doc->'applicant'->>'taxCode' = $2)`,
  name: `((doc->>'applicantSearch' ~>=~ $2 AND doc->>'applicantSearch' ~<~ $3)
    OR (${GIVEN_FIRST} ~>=~ $2 AND ${GIVEN_FIRST} ~<~ $3))`,
};

/** The search values of a lookup ($2, $3). */
function valuesOf(query: DossierLookup): string[] {
  switch (query.by) {
    case 'code':
      return [query.code];
    case 'idNumber':
      return [query.idNumber];
    case 'name': {
      // The key holds [a-z0-9 ] only: the next string after every one with this prefix is the
      // prefix with its last character moved up by one.
      const key = lookupNameKey(query.name);
      return [key, key.slice(0, -1) + String.fromCharCode(key.charCodeAt(key.length - 1) + 1)];
    }
  }
}

export interface DossierLookupResult {
  /** The dossiers' stored JSON texts, newest received first. */
  dossiers: string[];
  /** Every event of those dossiers, as JSON texts, in chain order. */
  events: string[];
  more: boolean;
}

/**
 * The dossiers of the device's office (a province device: of every office, as its pulls read) that
 * match the lookup, with their events: what a counter stores as if it had pulled them.
 */
export async function lookupDossiers(
  pool: pg.Pool,
  device: Device,
  query: DossierLookup,
): Promise<DossierLookupResult> {
  const office = device.role === 'province' ? null : device.officeId;
  const values = valuesOf(query);
  // $1 is the office, or unused for a province device (a NULL test on it would hide the indexes).
  const dossiers = await pool.query<{ id: string; json: string }>(
    `SELECT id, doc::text AS json FROM documents
     WHERE collection = 'dossiers' AND NOT deleted AND ${office === null ? '$1::text IS NULL' : 'office_id = $1'}
       AND ${MATCH[query.by]}
     ORDER BY doc->>'receivedAt' DESC, id
     LIMIT ${DOSSIER_LOOKUP_LIMIT + 1}`,
    [office, ...values],
  );
  const found = dossiers.rows.slice(0, DOSSIER_LOOKUP_LIMIT);
  if (found.length === 0) return { dossiers: [], events: [], more: false };
  const events = await pool.query<{ json: string }>(
    `SELECT doc::text AS json FROM documents
     WHERE collection = 'dossier_events' AND dossier_id = ANY($1::text[]) AND NOT deleted
       AND ($2::text IS NULL OR office_id = $2)
     ORDER BY dossier_id, chain_seq`,
    [found.map((r) => r.id), office],
  );
  return {
    dossiers: found.map((r) => r.json),
    events: events.rows.map((r) => r.json),
    more: dossiers.rows.length > DOSSIER_LOOKUP_LIMIT,
  };
}
