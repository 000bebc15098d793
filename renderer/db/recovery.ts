import type { RxCollection, RxDocumentData } from 'rxdb';
import type { DossierEvent } from '../../shared/domain';
import { replay } from '../../shared/workflow';
import type { CounterDatabase } from './database';
import { SETTING_KEYS } from './directory';
import { toDossierDoc } from './dossier-doc';
import {
  changedSince,
  findPlainByIds,
  latestChange,
  rangeRead,
  stripMeta,
  MAX_KEY,
  MIN_KEY,
} from './queries';

/**
 * One document written straight through the collection's storage instance (RxDB sets _rev and
 * _meta, and the collection sees the change): one IndexedDB transaction, no extra read. Returns
 * true on a revision conflict (someone else wrote `previous` meanwhile); throws on other errors.
 */
async function writeRow<T extends { id: string }>(
  collection: RxCollection<T>,
  previous: T | null,
  document: T,
): Promise<boolean> {
  const row = {
    ...(previous ? { previous: previous as RxDocumentData<T> } : {}),
    document: {
      ...document,
      _deleted: false,
      _attachments: {},
      _rev: '',
      _meta: { lwt: 0 },
    } as RxDocumentData<T>,
  };
  const result = await collection.storageInstance.bulkWrite([row], 'counter-step');
  const error = result.error[0];
  if (!error) return false;
  if (error.status === 409) return true;
  throw new Error(`write ${collection.name}/${document.id} failed: ${error.status}`);
}

/** Rebuild a dossier from its whole event chain (contiguous 1..n only). True when written. */
async function repairDossier(db: CounterDatabase, dossierId: string): Promise<boolean> {
  const events = (
    await rangeRead(db.dossier_events, {
      fields: ['dossierId', 'seq'],
      lower: [dossierId, MIN_KEY, MIN_KEY],
      upper: [dossierId, MAX_KEY, MAX_KEY],
    })
  ).map(stripMeta);
  // A gap (or a fork) means part of the chain is still on its way: sync will bring and merge it.
  if (events.length === 0 || !events.every((e, i) => e.seq === i + 1)) return false;
  const dossier = replay(events);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [previous] = await findPlainByIds(db.dossiers, [dossierId]);
    if (previous && previous.eventCount >= dossier.eventCount) return false;
    if (!(await writeRow(db.dossiers, previous ?? null, toDossierDoc(dossier)))) return true;
  }
  return false;
}

/**
 * Roll-forward recovery: every event written since the last check whose seq is beyond its dossier's
 * eventCount (a crash between the two writes of a step, or a replicated event whose dossier came
 * later) is applied by replaying the dossier's whole chain. Chains with a gap are left for sync.
 * Returns the number of dossiers repaired.
 */
export async function recover(db: CounterDatabase): Promise<number> {
  const saved = await db.settings.findOne(SETTING_KEYS.recoveryCheckpoint).exec();
  let checkpoint = (saved?.toJSON().value ?? undefined) as { id: string; lwt: number } | undefined;
  let repaired = 0;
  for (;;) {
    const page = await changedSince(db.dossier_events, checkpoint, 2000);
    if (page.documents.length === 0) break;
    checkpoint = page.checkpoint ?? undefined;
    const maxSeq = new Map<string, number>();
    for (const ev of page.documents as unknown as DossierEvent[]) {
      maxSeq.set(ev.dossierId, Math.max(maxSeq.get(ev.dossierId) ?? 0, ev.seq));
    }
    const docs = await findPlainByIds(db.dossiers, [...maxSeq.keys()]);
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const [dossierId, seq] of maxSeq) {
      const current = byId.get(dossierId);
      if (current && current.eventCount >= seq) continue;
      if (await repairDossier(db, dossierId)) repaired++;
    }
  }
  if (checkpoint) {
    await db.settings.upsert({
      id: SETTING_KEYS.recoveryCheckpoint,
      value: checkpoint,
      updatedAt: new Date().toISOString(),
    });
  }
  return repaired;
}

/**
 * Record that every event stored so far is accounted for (after an import or the first full pull
 * from the server, whose dossiers and events are consistent), so the next open's recovery does not
 * walk them. Pages RxDB's change index only.
 */
export async function markRecoveryCheckpoint(db: CounterDatabase): Promise<void> {
  const checkpoint = await latestChange(db.dossier_events);
  if (checkpoint) {
    await db.settings.upsert({
      id: SETTING_KEYS.recoveryCheckpoint,
      value: checkpoint,
      updatedAt: new Date().toISOString(),
    });
  }
}
