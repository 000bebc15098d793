import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  createCounterDatabase,
  createCounterRepository,
  SETTING_KEYS,
  toDossierDoc,
} from '../../../renderer/db';
import type { CounterDatabase, DossierDoc } from '../../../renderer/db';
import { seedDemoOffice } from '../../../renderer/demo';
import { createGenerator, rng } from './seed-data';

/**
 * A counter's replica of 100,000 dossiers in this page's IndexedDB, seeded once by bulk imports:
 * shared by the bench pages (bench:local, bench:reports) that run in real Chromium.
 */
export const DB_NAME = 'bench';
/** The database key (the app gets it from the OS keychain or, on the web, an officer's wrap). */
const DB_KEY = 'YmVuY2gta2V5LTMyLWJ5dGVzLWZvci10aGUtcmVwbGljYQ==';

/** Sample codes, names and dossiers to appraise, picked while seeding, for the lookups of bench:local. */
export type Samples = { codes: string[]; names: string[]; toAppraise: string[] };

export async function openDb(): Promise<CounterDatabase> {
  return createCounterDatabase({ name: DB_NAME, storage: getRxStorageDexie(), key: DB_KEY });
}

/** Straight through the storage instance (RxDB still sets _rev/_meta): an import, not steps. */
export async function bulkImport<T>(
  collection: {
    storageInstance: { bulkWrite: (rows: never[], ctx: string) => Promise<{ error: unknown[] }> };
  },
  docs: T[],
) {
  const rows = docs.map((d) => ({
    document: { ...d, _deleted: false, _attachments: {}, _rev: '', _meta: { lwt: 0 } },
  }));
  const res = await collection.storageInstance.bulkWrite(rows as never[], 'bench-import');
  if (res.error.length) throw new Error(`import failed: ${JSON.stringify(res.error[0])}`);
}

/** Seeds 100,000 dossiers and their events with bulk inserts straight into the collections. */
export async function seed(total: number, openCount: number) {
  const t0 = performance.now();
  const db = await openDb();
  const repo0 = await createCounterRepository(db);
  await seedDemoOffice(repo0, { deviceId: 'bench-device' });
  await repo0.close();
  const gen = createGenerator({ total, openCount, nowMs: Date.now() });
  const r = rng(7);
  const samples: Samples = { codes: [], names: [], toAppraise: [] };
  const CHUNK = 2000;
  let events = 0;
  let lastEventIds: string[] = [];
  let genMs = 0;
  let insertMs = 0;
  for (let from = 0; from < total; from += CHUNK) {
    const g0 = performance.now();
    const dossiers: DossierDoc[] = [];
    const evs = [];
    for (let i = from; i < Math.min(total, from + CHUNK); i++) {
      const { dossier, events: chain } = gen.make(i);
      dossiers.push(toDossierDoc(dossier));
      evs.push(...chain);
      if (dossier.code && r() < 0.01) samples.codes.push(dossier.code);
      if (r() < 0.005) samples.names.push(dossier.applicant.fullName);
      if (dossier.status === 'received' && samples.toAppraise.length < 400)
        samples.toAppraise.push(dossier.id);
    }
    genMs += performance.now() - g0;
    const w0 = performance.now();
    // Straight through the storage instances (RxDB still sets _rev/_meta): an import, not steps.
    await bulkImport(db.dossier_events, evs);
    await bulkImport(db.dossiers, dossiers);
    insertMs += performance.now() - w0;
    events += evs.length;
    lastEventIds = evs.map((e) => e.id);
  }
  await markRecoveryStart(db, lastEventIds);
  await db.settings.upsert({ id: 'bench.samples', value: samples, updatedAt: new Date().toISOString() });
  await db.settings.upsert({ id: 'bench.total', value: total, updatedAt: new Date().toISOString() });
  const seededMs = performance.now() - t0;
  // First open after the import: counts are built once (in the background in the app).
  const c0 = performance.now();
  const repo = await createCounterRepository(db);
  await repo.countsReady();
  const counts = await repo.queueCounts();
  const countsBuildMs = performance.now() - c0;
  await repo.close();
  await db.close();
  return {
    dossiers: total,
    events,
    seedMs: Math.round(seededMs),
    genMs: Math.round(genMs),
    insertMs: Math.round(insertMs),
    countsBuildMs: Math.round(countsBuildMs),
    byStatus: counts.byStatus,
    overdueTotal: counts.overdueTotal,
  };
}

/** Whether this profile already holds a seeded replica of `total` dossiers (BENCH_PROFILE reuse). */
export async function seededTotal(): Promise<number> {
  const db = await openDb();
  const doc = await db.settings.findOne('bench.total').exec();
  const total = doc ? Number(doc.toJSON().value) : 0;
  await db.close();
  return total;
}

/** Seeding is an import of a consistent set: records where recovery may start, as a sync does. */
export async function markRecoveryStart(db: CounterDatabase, lastEventIds: string[]): Promise<void> {
  const last = await db.dossier_events.storageInstance.findDocumentsById(lastEventIds, false);
  const checkpoint = last
    .map((d) => ({ id: d.id, lwt: d._meta.lwt }))
    .sort((a, b) => a.lwt - b.lwt || (a.id < b.id ? -1 : 1))
    .pop();
  await db.settings.upsert({
    id: SETTING_KEYS.recoveryCheckpoint,
    value: checkpoint,
    updatedAt: new Date().toISOString(),
  });
}

/**
 * Builds the report records once (what the app does in the background after an import or an
 * upgrade), so the starts, reads and steps are measured in the steady state.
 */
export async function buildReportRecords(): Promise<{ ms: number; records: number }> {
  const db = await openDb();
  const repo = await createCounterRepository(db);
  const t0 = performance.now();
  await repo.reportRecords.ready();
  const ms = Math.round(performance.now() - t0);
  const records = await repo.reportRecords.count();
  await repo.close();
  await db.close();
  return { ms, records };
}
