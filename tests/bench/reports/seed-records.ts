import { reportRecord } from '../../../shared/reports';
import { createCounterRepository, toDossierDoc } from '../../../renderer/db';
import { latestChange } from '../../../renderer/db/queries';
import { lastInstant } from '../../../renderer/db/report-records';
import {
  openReportRecordsStore,
  reportRecordsStoreName,
  STORE_WRITE_CHUNK,
  type StoredReportRecord,
} from '../../../renderer/db/report-records-store';
import { seedDemoOffice } from '../../../renderer/demo';
import { createGenerator } from '../local/seed-data';
import { bulkImport, markRecoveryStart, openDb } from '../local/seed-replica';

/**
 * bench:reports' replica, seeded at the storage level: the demo office, then `total` dossiers made by
 * bench:local's generator (three years of a district counter, real event chains) whose report
 * records go straight into the records' store through its write (closed ones packed per day), in
 * chunks as the app's rebuild writes them. A report reads only those records (and the directory),
 * so this is all it reads at 100,000 dossiers. The first `inReplica` dossiers and their events also
 * go into the replica itself (encrypted, through RxDB's storage: the slow part), for the register's
 * export and the folded baseline; the records' checkpoints are saved after them, so opening starts
 * no rebuild.
 */
export async function seedReports(total: number, openCount: number, inReplica: number) {
  const t0 = performance.now();
  const db = await openDb();
  const repo = await createCounterRepository(db);
  await seedDemoOffice(repo, { deviceId: 'bench-device' });
  // Closing waits for the demo dossiers' records: the store then holds the office's own.
  await repo.close();
  const store = await openReportRecordsStore(
    reportRecordsStoreName(db.data.name),
    await db.data.storageToken,
  );
  const gen = createGenerator({ total, openCount, nowMs: Date.now() });
  let recordsMs = 0;
  let replicaMs = 0;
  let events = 0;
  let lastEventIds: string[] = [];
  for (let from = 0; from < total; from += STORE_WRITE_CHUNK) {
    const rows: StoredReportRecord[] = [];
    const dossiers = [];
    const chains = [];
    for (let i = from; i < Math.min(total, from + STORE_WRITE_CHUNK); i++) {
      const { dossier, events: chain } = gen.make(i);
      const record = reportRecord(dossier, chain);
      rows.push({
        id: dossier.id,
        lastAt: lastInstant(record),
        receivedOn: dossier.receivedAt ?? '',
        record,
      });
      if (i < inReplica) {
        dossiers.push(toDossierDoc(dossier));
        chains.push(...chain);
      }
    }
    let t = performance.now();
    await store.write(rows);
    recordsMs += performance.now() - t;
    if (dossiers.length > 0) {
      t = performance.now();
      await bulkImport(db.dossier_events, chains);
      await bulkImport(db.dossiers, dossiers);
      replicaMs += performance.now() - t;
      events += chains.length;
      lastEventIds = chains.map((e) => e.id);
    }
  }
  if (lastEventIds.length > 0) await markRecoveryStart(db, lastEventIds);
  await store.saveCheckpoints({
    dossiers: await latestChange(db.dossiers),
    events: await latestChange(db.dossier_events),
  });
  const stored = await store.count();
  store.close();
  await db.settings.upsert({ id: 'bench.total', value: total, updatedAt: new Date().toISOString() });
  await db.close();
  return {
    seedMs: Math.round(performance.now() - t0),
    recordsMs: Math.round(recordsMs),
    records: stored,
    replicaMs: Math.round(replicaMs),
    replicaDossiers: Math.min(total, inReplica),
    events,
  };
}
