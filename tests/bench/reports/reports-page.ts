import { createCounterRepository, type Replica } from '../../../renderer/db';
import { createReportService } from '../../../renderer/features/reports/replica-service';
import { createWebPlatform } from '../../../renderer/platform/web';
import { seed, seededTotal, openDb } from '../local/seed-replica';

/**
 * The bench:reports page in real Chromium: the replica bench:local seeds (100,000 dossiers), then
 * the report screen's own service (renderer/features/reports) builds the month and the year reports
 * and exports them, through the web platform as in web mode.
 */
const pad = (n: number) => String(n).padStart(2, '0');

async function reports(runs: number) {
  const db = await openDb();
  const repo = await createCounterRepository(db);
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
  // Where a build's time goes: reading the dossiers (decrypted), reading every event, the figures.
  let t = performance.now();
  const data = replica.data();
  const dossiers = await data.listReceivedBetween(
    '2000-01-01T00:00:00.000Z',
    `${y + 1}-01-01T00:00:00.000Z`,
    2e6,
  );
  const readDossiersMs = performance.now() - t;
  t = performance.now();
  const events = await data.eventsByDossier();
  const readEventsMs = performance.now() - t;
  const parts = {
    dossiers: dossiers.length,
    readDossiersMs,
    events: [...events.values()].flat().length,
    readEventsMs,
  };
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
    reportExportMs,
    registerExportMs,
    parts,
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
window.__bench = { seed, seededTotal, reports };
