/**
 * bench:bootstrap (issue 27): a new counter's first download of an office with a long history.
 *
 * A server on its own embedded PostgreSQL holds an office of BENCH_BOOTSTRAP_DOSSIERS dossiers
 * (default 100,000; a tenth of them open, the rest returned long ago) with their events, seeded
 * straight into the documents table from one real dossier and its chain (act(), as the counters
 * record it) with new ids. A fresh counter in real Chromium (tests/bench/bootstrap/counter.ts, the
 * app's database on IndexedDB) first writes the same documents raw with Dexie (the baseline), then
 * bootstraps through the product's path. Printed: time until usable (recent phase in), time until
 * the history is complete, documents per second, the ratio against the raw writes, and the p95 of a
 * step's write (repo.applyStep) while the history arrives. BENCH_BOOTSTRAP_PROFILE=1 also prints
 * where each phase's CPU time goes (./bootstrap/profile.ts).
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { buildBenchPage, CHROMIUM_ARGS, CHROMIUM_PATH, serveBenchPage } from '../../scripts/bench-page.mjs';
import {
  act,
  enrol,
  OFFICE_A,
  openCounter,
  seedCatalogue,
  startPostgres,
  startServer,
  THREE_STEPS,
} from '../integration/harness';
import { PATH_TO } from '../support/workflow-fixtures';
import type { BootstrapFigures } from './bootstrap/counter';
import { phaseProfiler } from './bootstrap/profile';

const DOSSIERS = Number(process.env.BENCH_BOOTSTRAP_DOSSIERS ?? 100_000);
/** One dossier in OPEN_EVERY is open (the recent phase); the rest are returned, long ago. */
const OPEN_EVERY = 10;
const SEED_BATCH = 2000;
const PROFILE = process.env.BENCH_BOOTSTRAP_PROFILE === '1';

const log = (line: string) => console.log(line);
const fmt = (n: number, digits = 0) => n.toFixed(digits);
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
}

function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
}

type Doc = Record<string, unknown> & { id: string };

/** Seeds the office: copies of two real dossiers (one open, one returned) and their events. */
async function seed(server: Awaited<ReturnType<typeof startServer>>, token: string): Promise<number> {
  const c = await openCounter(OFFICE_A, 'a1', token);
  const open = await act(c, 'tpl-open', THREE_STEPS);
  const closed = await act(c, 'tpl-closed', PATH_TO.returned);
  await c.remove();
  const templates = [open, closed].map(({ dossier, events }) => ({
    dossier: dossier as unknown as Doc,
    events: events as unknown as Doc[],
  }));
  let documents = 0;
  for (let from = 0; from < DOSSIERS; from += SEED_BATCH) {
    const rows: {
      collection: string;
      id: string;
      doc: string;
      dossierId: string | null;
      seq: number | null;
    }[] = [];
    for (let i = from; i < Math.min(DOSSIERS, from + SEED_BATCH); i++) {
      const t = templates[i % OPEN_EVERY === 0 ? 0 : 1]!;
      const id = `bd-${i}`;
      const code = `000.00.06.H56-${String(200000 + Math.floor(i / 10_000)).padStart(6, '0')}-${String(i % 10_000).padStart(4, '0')}`;
      for (const e of t.events) {
        const eid = `${id}-${String(e.seq)}`;
        rows.push({
          collection: 'dossier_events',
          id: eid,
          doc: JSON.stringify({ ...e, id: eid, dossierId: id }),
          dossierId: id,
          seq: e.seq as number,
        });
      }
      rows.push({
        collection: 'dossiers',
        id,
        doc: JSON.stringify({ ...t.dossier, id, code, applicantGiven: 'an nguyen van' }),
        dossierId: null,
        seq: null,
      });
    }
    await server.store.pool.query(
      `INSERT INTO documents (collection, id, office_id, seq, doc, dossier_id, chain_seq)
       SELECT r.collection, r.id, $1, nextval('change_seq'), r.doc::json, r.dossier_id, r.chain_seq
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
         AS r(collection, id, doc, dossier_id, chain_seq)`,
      [
        OFFICE_A,
        rows.map((r) => r.collection),
        rows.map((r) => r.id),
        rows.map((r) => r.doc),
        rows.map((r) => r.dossierId),
        rows.map((r) => r.seq),
      ],
    );
    documents += rows.length;
  }
  await server.store.pool.query('ANALYZE documents');
  return documents;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`bench:bootstrap needs Chromium (${CHROMIUM_PATH})`);
  const pg = await startPostgres();
  const server = await startServer(pg.url);
  try {
    await seedCatalogue(server.store);
    const { token: seedToken } = await enrol(server, OFFICE_A, 'a1');
    const t0 = Date.now();
    const documents = await seed(server, seedToken);
    log(`seeded ${DOSSIERS} dossiers, ${documents} documents, in ${fmt((Date.now() - t0) / 1000, 1)} s`);
    const { token } = await enrol(server, OFFICE_A, 'a2');
    const pageDir = await buildBenchPage('tests/bench/bootstrap', 'bench-bootstrap-', { sourcemap: PROFILE });
    const page = await serveBenchPage(pageDir);
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    let figures: BootstrapFigures;
    let profileReport: () => string[] = () => [];
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      if (PROFILE) {
        const profiler = phaseProfiler(await tab.context().newCDPSession(tab), pageDir);
        await tab.exposeFunction('__benchPhase', (name: string) => profiler.phase(name));
        profileReport = () => profiler.report();
      }
      const url = new URL(page.url);
      url.search = new URLSearchParams({ server: server.url, token, office: OFFICE_A }).toString();
      await tab.goto(url.toString());
      figures = await tab
        .evaluate(() => window.__bootstrap.done, undefined)
        .catch((err: unknown) => {
          throw new Error(`${String(err)}; page errors: ${errors.slice(0, 5).join(' | ')}`);
        });
    } finally {
      await browser.close();
      await page.close();
    }
    for (const line of profileReport()) log(line);
    for (const line of figures.writes) log(line);
    const rawPerS = figures.documents / (figures.rawMs / 1000);
    const docsPerS = figures.documents / (figures.completeMs / 1000);
    const stepP95 = p95(figures.stepMs);
    log(`snapshot download and parse alone (both phases, no writes): ${fmt(figures.readMs / 1000, 1)} s`);
    log(
      `raw Dexie bulkPut of the same ${figures.documents} documents: ${fmt(figures.rawMs / 1000, 1)} s, ${fmt(rawPerS)} docs/s`,
    );
    log(
      `bootstrap: usable after ${fmt(figures.usableMs / 1000, 1)} s, history written after ${fmt(figures.historyMs / 1000, 1)} s, complete (counts and report records caught up) after ${fmt(figures.completeMs / 1000, 1)} s (download, parse and write), ${fmt(docsPerS)} docs/s`,
    );
    log(
      `step writes (repo.applyStep) while the history arrived: ${figures.stepMs.length} (${figures.failedSteps} refused), p50 ${fmt(p50(figures.stepMs), 1)} ms, p95 ${fmt(stepP95, 1)} ms, max ${fmt(Math.max(0, ...figures.stepMs), 1)} ms`,
    );
    log(
      `the same step with nothing in the background: p50 ${fmt(p50(figures.idleStepMs), 1)} ms, p95 ${fmt(p95(figures.idleStepMs), 1)} ms`,
    );
    const c = figures.check;
    log(
      `replica at the end: ${c.dossiers} dossiers, ${c.events} events; counts total ${c.counted}, report records ${c.reportRecords}${c.counted === c.dossiers && c.reportRecords === c.dossiers ? ' (exact)' : ' (MISMATCH)'}`,
    );
    log(
      `bench:bootstrap usable_s=${fmt(figures.usableMs / 1000, 1)} complete_s=${fmt(figures.completeMs / 1000, 1)} docs_per_s=${fmt(docsPerS)} ratio_vs_raw=${fmt(docsPerS / rawPerS, 2)} write_p95_ms=${fmt(stepP95, 1)}`,
    );
  } finally {
    await server.close();
    await pg.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
