import type pg from 'pg';
import {
  DEMO_COUNTER,
  DEMO_OFFICE,
  DEMO_OFFICE_ID,
  DEMO_PROCEDURES,
  DEMO_SECTORS,
  demoHolidaySchedules,
  demoOfficers,
} from '../../shared/demo';
import type { CollectionName, WireDocument } from '../../shared/sync/contract';
import type { DeviceStore } from '../devices/store';
import type { CatalogueStore } from './store';

type CatalogueCollection = Exclude<CollectionName, 'dossiers' | 'dossier_events'>;

/** The demo office's catalogue in dependency order (office before its counter and officers). */
function demoCatalogue(): [CatalogueCollection, { id: string }[]][] {
  return [
    ['offices', [DEMO_OFFICE]],
    ['counters', [DEMO_COUNTER]],
    ['officers', demoOfficers()],
    ['sectors', DEMO_SECTORS],
    ['procedures', DEMO_PROCEDURES],
    ['holidays', demoHolidaySchedules()],
  ];
}

export type DemoSeedResult = Record<CatalogueCollection, number>;

/**
 * Loads the demo office (the one the web app offers: 000.17.22.H56, its counter, officers with the
 * 'demo1234' verifiers, sectors, procedures, holiday schedules) into the server's catalogue through
 * the same validated upsert a province admin uses. Only documents the server does not hold yet are
 * written (a tombstone counts as held), so running it again writes nothing and never undoes an
 * admin's edit or deletion. Returns how many documents of each collection were written.
 */
export async function seedDemo(
  stores: { pool: pg.Pool; catalogue: CatalogueStore },
  writer = 'seed-demo',
): Promise<DemoSeedResult> {
  const written = {} as DemoSeedResult;
  for (const [collection, docs] of demoCatalogue()) {
    const held = await stores.pool.query<{ id: string }>(
      'SELECT id FROM documents WHERE collection = $1 AND id = ANY($2::text[])',
      [collection, docs.map((d) => d.id)],
    );
    const present = new Set(held.rows.map((r) => r.id));
    const missing = docs
      .filter((d) => !present.has(d.id))
      .map((d) => ({ ...d, _deleted: false }) as WireDocument);
    if (missing.length === 0) {
      written[collection] = 0;
      continue;
    }
    const res = await stores.catalogue.upsertCatalogue(collection, missing, writer);
    if (res.rejected.length > 0) {
      throw new Error(`demo ${collection} rejected: ${JSON.stringify(res.rejected)}`);
    }
    written[collection] = res.written;
  }
  return written;
}

/** A one-time enrolment code for a counter of the demo office (valid one day by default). */
export function issueDemoEnrolCode(
  stores: { devices: DeviceStore },
  ttlMinutes = 24 * 60,
): Promise<{ code: string; expiresAt: string }> {
  return stores.devices.issueEnrolCode(DEMO_OFFICE_ID, 'counter', ttlMinutes);
}

/** The lines printed for a newcomer: the code and where to type it. */
export function demoEnrolMessage(code: string, serverUrl: string, expiresAt: string): string {
  return [
    `Demo office enrolment code: ${code} — enter it with the server address ${serverUrl} in the sync panel`,
    `  (office ${DEMO_OFFICE.agencyCode}, counter "${DEMO_COUNTER.name}"; one use, valid until ${expiresAt})`,
  ].join('\n');
}
