import Dexie from 'dexie';
import { dailyCounts, index766, periodBounds, periodReportBy, reportRecord } from '../../../shared/reports';
import { createCounterRepository, type Replica } from '../../../renderer/db';
import { createReportService } from '../../../renderer/features/reports/replica-service';
import { createWebPlatform } from '../../../renderer/platform/web';
import { seededTotal, openDb } from '../local/seed-replica';
import { reportRecordsStoreName } from '../../../renderer/db/report-records-store';
import { seedReports } from './seed-records';

/**
 * The bench:reports page in real Chromium: a replica of 100,000 dossiers' report records (and the
 * first dossiers themselves, ./seed-records.ts), then the report screen's own service
 * (renderer/features/reports) builds the month and the year reports and exports them, through the
 * web platform as in web mode. The year is also taken apart: the records' read, the aggregation.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The report as it was built before the records were kept: every dossier received before the
 * period's end and every event read (decrypted), each dossier's record folded, then the figures.
 * The baseline the kept records are compared with.
 */
async function foldedYear(replica: Replica, year: { from: string; to: string }, end: string) {
  const data = replica.data();
  let t = performance.now();
  const dossiers = await data.listReceivedBetween('2000-01-01T00:00:00.000Z', end, 2e6);
  const readDossiersMs = performance.now() - t;
  t = performance.now();
  const events = await data.eventsByDossier();
  const readEventsMs = performance.now() - t;
  t = performance.now();
  const records = dossiers.map((d) => reportRecord(d, events.get(d.id) ?? []));
  const options = { asOf: Date.now() };
  const { total } = periodReportBy(records, year, 'sectorId', options);
  dailyCounts(records, year);
  index766(total, records, year, options);
  const foldMs = performance.now() - t;
  return {
    dossiers: dossiers.length,
    events: [...events.values()].reduce((n, list) => n + list.length, 0),
    readDossiersMs,
    readEventsMs,
    foldMs,
    totalMs: readDossiersMs + readEventsMs + foldMs,
    total,
  };
}

/**
 * The year's read taken apart: the store's rows as IndexedDB gives them (the packs from the year's
 * first day, every open pack), then their texts parsed.
 */
async function rawRead(storeName: string, from: string) {
  const store = new Dexie(storeName);
  await store.open();
  let t = performance.now();
  const rows = [
    ...(await store.table('packs').where('day').aboveOrEqual(from.slice(0, 10)).toArray()),
    ...(await store.table('openPacks').toArray()),
  ] as { json: string }[];
  const idbMs = performance.now() - t;
  t = performance.now();
  const entries = rows.reduce((n, row) => n + (JSON.parse(row.json) as unknown[]).length, 0);
  const parseMs = performance.now() - t;
  store.close();
  const kb = rows.reduce((n, row) => n + row.json.length, 0) / 1024 / rows.length;
  return { rows: rows.length, entries, kbPerRow: Math.round(kb), idbMs, parseMs };
}

/** The year's parts, as the service runs them: the records' read and the aggregation. */
async function yearSplit(replica: Replica, year: { from: string; to: string }, storeName: string) {
  const data = replica.data();
  const bounds = periodBounds(year);
  let t = performance.now();
  const asOf = Date.now();
  const records = await data.reportRecords.between({
    ...bounds,
    judgedAt: Math.min(bounds.end, asOf),
    receivedSince: '2000-01-01T00:00:00.000Z',
  });
  const readMs = performance.now() - t;
  const raw = await rawRead(storeName, new Date(bounds.start).toISOString());
  t = performance.now();
  const { total } = periodReportBy(records, year, 'sectorId', { asOf });
  const figuresMs = performance.now() - t;
  t = performance.now();
  dailyCounts(records, year);
  const dailyMs = performance.now() - t;
  t = performance.now();
  index766(total, records, year, { asOf });
  const index766Ms = performance.now() - t;
  return { records: records.length, readMs, raw, figuresMs, dailyMs, index766Ms };
}

async function reports(runs: number, baseline: number) {
  const db = await openDb();
  // Opening: the records are up to date with their checkpoints (a rebuild would be timed here).
  let t = performance.now();
  const repo = await createCounterRepository(db);
  let progressSteps = 0;
  await repo.reportRecords.ready(() => progressSteps++);
  const backfill = {
    ms: performance.now() - t,
    rebuilds: repo.reportRecords.stats().rebuilds,
    progressSteps,
  };
  const replica: Replica = { directory: repo, data: () => repo };
  const service = createReportService({ replica, platform: createWebPlatform() });
  const now = new Date();
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  const lastDay = new Date(y, m, 0).getDate();
  const month = { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay)}` };
  const year = { from: `${y}-01-01`, to: `${y}-12-31` };
  const monthMs: number[] = [];
  const yearMs: number[] = [];
  const folded = baseline ? await foldedYear(replica, year, `${y + 1}-01-01T00:00:00.000Z`) : null;
  let yearView: Awaited<ReturnType<typeof service.build>> | null = null;
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await service.build(month, 'sectorId');
    monthMs.push(performance.now() - t);
    t = performance.now();
    yearView = await service.build(year, 'sectorId');
    yearMs.push(performance.now() - t);
  }
  if (!yearView) throw new Error('no run');
  const split = [];
  for (let i = 0; i < runs; i++)
    split.push(await yearSplit(replica, year, reportRecordsStoreName(db.data.name)));
  t = performance.now();
  await service.exportWorkbook(yearView);
  const reportExportMs = performance.now() - t;
  t = performance.now();
  await service.exportRegister(y);
  const registerExportMs = performance.now() - t;
  await repo.close();
  await db.close();
  return {
    monthMs,
    yearMs,
    split,
    reportExportMs,
    registerExportMs,
    backfill,
    baseline: folded && {
      ...folded,
      total: undefined,
      sameTotal: JSON.stringify(folded.total) === JSON.stringify(yearView.total),
    },
    year: {
      toProcess: yearView.total.toProcess,
      resolved: yearView.total.resolved.total,
      received: yearView.total.received.total,
      losing: yearView.index766.losingTotal,
    },
  };
}

declare global {
  interface Window {
    __bench: Record<string, (...args: number[]) => Promise<unknown>>;
  }
}
window.__bench = { seed: seedReports, seededTotal, reports };
