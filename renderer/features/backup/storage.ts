import type { RxCollection, RxDocumentData } from 'rxdb';
import type { CounterDatabase } from '../../db/database';
import { fromDossierDoc, toDossierDoc } from '../../db/dossier-doc';
import { queryPlain } from '../../db/queries';
import { markRecoveryCheckpoint } from '../../db/recovery';
import type { DossierDoc } from '../../db/schemas';

/**
 * The replica's content for a backup (./seal.ts seals it with a passphrase, so
 * the file stays encrypted). Documents are plaintext inside the sealed file and are re-encrypted
 * under the restoring profile's own key on import: a backup restores on a fresh profile or PC.
 */
export interface ReplicaDump {
  format: 'motcua-replica';
  version: 1;
  exportedAt: string;
  collections: Partial<Record<BackedUpCollection, Record<string, unknown>[]>>;
}

/** The counts are rebuilt from the dossiers; everything else is backed up. */
const BACKED_UP = [
  'offices',
  'counters',
  'sectors',
  'procedures',
  'officers',
  'settings',
  'dossier_events',
  'dossiers',
] as const;
type BackedUpCollection = (typeof BACKED_UP)[number];

/**
 * Settings bound to this profile, never restored elsewhere: web mode's key wraps (the new profile
 * has its own key), the recovery checkpoint (positions in this profile's change log) and web mode's
 * server credential (features/sync/connect.ts SYNC_CONNECTION_SETTING: one enrolled device per PC,
 * so a PC restoring another's backup enrols as itself).
 */
const LOCAL_SETTINGS = new Set(['crypto.dataKeyWraps', 'recovery.eventsCheckpoint', 'sync.connection']);

function strip(doc: Record<string, unknown>): Record<string, unknown> {
  const { _deleted: _d, _rev: _r, _meta: _m, _attachments: _a, ...rest } = doc;
  return rest;
}

/** Every live document of the replica, decrypted (for sealBackup only: it holds personal data). */
export async function exportReplica(db: CounterDatabase, now = new Date()): Promise<ReplicaDump> {
  const collections: ReplicaDump['collections'] = {};
  for (const name of BACKED_UP) {
    const collection = db[name] as unknown as RxCollection<Record<string, unknown>>;
    let docs = (await queryPlain(collection, { selector: {}, sort: [{ id: 'asc' }] })).map(strip);
    if (name === 'settings') docs = docs.filter((d) => !LOCAL_SETTINGS.has(String(d.id)));
    if (name === 'dossiers') docs = docs.map((d) => fromDossierDoc(d) as unknown as Record<string, unknown>);
    collections[name] = docs;
  }
  return { format: 'motcua-replica', version: 1, exportedAt: now.toISOString(), collections };
}

export class ReplicaImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplicaImportError';
  }
}

/**
 * Writes a dump into a replica (a fresh profile: documents already there are kept). Returns the
 * number of documents written per collection. The storage encrypts and indexes them under this
 * replica's key; the queue counts follow; recovery starts after the imported events.
 */
export async function importReplica(db: CounterDatabase, dump: unknown): Promise<Record<string, number>> {
  const d = dump as Partial<ReplicaDump> | null;
  if (!d || d.format !== 'motcua-replica' || d.version !== 1 || typeof d.collections !== 'object') {
    throw new ReplicaImportError('not a replica backup of a supported version');
  }
  const written: Record<string, number> = {};
  for (const name of BACKED_UP) {
    let docs = d.collections[name] ?? [];
    if (!Array.isArray(docs)) throw new ReplicaImportError(`collection ${name} is damaged`);
    if (name === 'settings') docs = docs.filter((doc) => !LOCAL_SETTINGS.has(String(doc.id)));
    if (name === 'dossiers')
      docs = docs.map(
        (doc) => toDossierDoc(fromDossierDoc(doc as DossierDoc)) as unknown as Record<string, unknown>,
      );
    written[name] = await writeAll(db[name] as unknown as RxCollection<Record<string, unknown>>, docs);
  }
  await markRecoveryCheckpoint(db);
  return written;
}

const IMPORT_CHUNK = 1000;

async function writeAll(target: RxCollection<Record<string, unknown>>, docs: Record<string, unknown>[]) {
  let written = 0;
  for (let i = 0; i < docs.length; i += IMPORT_CHUNK) {
    const rows = docs.slice(i, i + IMPORT_CHUNK).map((doc) => ({
      document: {
        ...doc,
        _deleted: false,
        _attachments: {},
        _rev: '',
        _meta: { lwt: 0 },
      } as RxDocumentData<Record<string, unknown>>,
    }));
    const res = await target.storageInstance.bulkWrite(rows, 'backup-import');
    const failed = res.error.find((e) => e.status !== 409);
    if (failed) throw new ReplicaImportError(`${target.name}/${failed.documentId}: ${failed.status}`);
    written += rows.length - res.error.length;
  }
  return written;
}
