// bench:local — the counter's local replica at 100,000 dossiers in real Chromium.
// Builds tests/bench/local with vite (production mode: no RxDB dev-mode), serves it, and drives it
// with playwright-core: seed once, then several app starts (open to interactive queue), then the
// reads (ours and raw Dexie on the same IndexedDB, interleaved), step writes, and the JS heap.
// Last line is machine-readable (see README / issue 3).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { buildBenchPage, CHROMIUM_ARGS, CHROMIUM_PATH, serveBenchPage } from './bench-page.mjs';

const TOTAL = Number(process.env.BENCH_DOSSIERS ?? 100_000);
const OPEN = Number(process.env.BENCH_OPEN ?? 4_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WRITES = Number(process.env.BENCH_WRITES ?? 100);
const OPENS = Number(process.env.BENCH_OPENS ?? 7);

// BENCH_PROFILE=dir keeps the seeded browser profile between runs (seeding 100k takes minutes), served
// on BENCH_PORT (4899 unless told) so the next run finds it.
const keepProfile = Boolean(process.env.BENCH_PROFILE);
const profile = process.env.BENCH_PROFILE
  ? resolve(process.env.BENCH_PROFILE)
  : mkdtempSync(join(tmpdir(), 'bench-profile-'));
const log = (...a) => console.log(...a);

log(`bench:local building the bench page (vite, production) …`);
const outDir = await buildBenchPage('tests/bench/local', 'bench-local-');

// Production bundles must not carry RxDB dev-mode (its error table holds codes like DVM1).
const bundle = readdirSync(join(outDir, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => readFileSync(join(outDir, 'assets', f), 'utf8'))
  .join('\n');
const devModeInBundle = bundle.includes('DVM1');
log(
  `  bench bundle ${(bundle.length / 1024).toFixed(0)} KiB; RxDB dev-mode in production bundle: ${devModeInBundle ? 'YES' : 'no'}`,
);

// A kept profile's replica is found again only at the same origin: a fixed port (BENCH_PORT).
const server = await serveBenchPage(outDir, Number(process.env.BENCH_PORT ?? (keepProfile ? 4899 : 0)));
const base = server.url;

const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
});
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : String(x));
const line = (label, s) =>
  log(
    `  ${label.padEnd(34)} p50 ${fmt(s.p50).padStart(7)} ms   p95 ${fmt(s.p95).padStart(7)} ms   (n=${s.n})`,
  );
const pct = (arr, q) => {
  const s = [...arr].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

try {
  let page = await context.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  await page.goto(base);
  if ((await page.evaluate(() => window.__bench.seededTotal())) === TOTAL) {
    log(`bench:local reusing the ${TOTAL.toLocaleString('en')}-dossier replica seeded in ${profile}`);
  } else {
    log(
      `bench:local seeding ${TOTAL.toLocaleString('en')} dossiers (${OPEN.toLocaleString('en')} open) with their events …`,
    );
    const seeded = await page.evaluate(([t, o]) => window.__bench.seed(t, o), [TOTAL, OPEN]);
    log(
      `  seeded ${seeded.dossiers} dossiers + ${seeded.events} events in ${(seeded.seedMs / 1000).toFixed(1)} s ` +
        `(generation with decide() ${(seeded.genMs / 1000).toFixed(1)} s, bulk inserts ${(seeded.insertMs / 1000).toFixed(1)} s); counts built once in ${seeded.countsBuildMs} ms`,
    );
    log(`  by status: ${JSON.stringify(seeded.byStatus)}; overdue ${seeded.overdueTotal}`);
  }
  // Steady state: the report records' one-time build (after an import or an upgrade) is done first.
  const built = await page.evaluate(() => window.__bench.buildReportRecords());
  log(`  report records built once: ${built.records} in ${built.ms} ms`);
  await page.close();

  // App starts: a new page each time, timed from navigation start to queue + counts on screen.
  const opens = [];
  const dexieOpens = [];
  const openParts = [];
  for (let i = 0; i < OPENS; i++) {
    for (const [phase, into] of [
      ['open', opens],
      ['open-dexie', dexieOpens],
    ]) {
      page = await context.newPage();
      await page.goto(`${base}?phase=${phase}`);
      const res = await page.evaluate(() => window.__phaseResult);
      into.push(res.ms);
      if (res.parts) openParts.push(res.parts);
      await page.close();
    }
  }

  page = await context.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  await page.goto(`${base}?phase=open`);
  await page.evaluate(() => window.__phaseResult);
  const result = await page.evaluate(([n, w]) => window.__bench.run(n, w), [ITERATIONS, WRITES]);
  const kdf = await page.evaluate(() => window.__bench.kdf());
  const officerSwitch = await page.evaluate(() => window.__bench.officerSwitch());
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const heapMb = heap.usedSize / 1024 / 1024;
  const s = result.stats;

  log(`bench:local results (${TOTAL.toLocaleString('en')}-dossier replica, Chromium):`);
  log(
    `  open to interactive queue          p50 ${fmt(pct(opens, 0.5)).padStart(7)} ms   p95 ${fmt(pct(opens, 0.95)).padStart(7)} ms   (n=${opens.length}, page load + open + recovery + first 50 + counts)`,
  );
  log(
    `  raw Dexie open to first list       p50 ${fmt(pct(dexieOpens, 0.5)).padStart(7)} ms   p95 ${fmt(pct(dexieOpens, 0.95)).padStart(7)} ms`,
  );
  log(
    `  every start (ms): ${opens.map((x) => Math.round(x)).join(', ')}; raw Dexie: ${dexieOpens.map((x) => Math.round(x)).join(', ')}`,
  );
  log(`  open breakdown (ms, last start): ${JSON.stringify(openParts[openParts.length - 1])}`);
  line('lookup by code', s.code);
  line('  raw Dexie', s.dexie_code);
  line('lookup by ID number (blind index)', s.id);
  line('first 50 of a status by due date', s.queue);
  line('  raw Dexie', s.dexie_queue);
  line('name search (no diacritics)', s.search);
  line('  raw Dexie', s.dexie_search);
  line('home screen queue counts', s.counts);
  line('  raw Dexie count() per status', s.dexie_counts);
  line('step (event + dossier + counts)', s.write);
  line('argon2id login (64 MiB, t=3)', kdf);
  line('officer switch with a PIN', officerSwitch);
  log(`  officer switch p95 against a password login p95: ${fmt(officerSwitch.p95 / kdf.p95)}x`);
  log(
    `  lookups that missed: ${result.misses}; failed writes: ${result.failedWrites}; JS heap after GC ${heapMb.toFixed(1)} MB`,
  );

  // Ratio over the same reads (code, queue, search); counts are a design, not the same read.
  const ratios = ['code', 'queue', 'search'].map((k) => s[k].p95 / s[`dexie_${k}`].p95);
  const ratio = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
  log(
    `  read p95 ratios vs raw Dexie: code ${fmt(ratios[0])}, queue ${fmt(ratios[1])}, search ${fmt(ratios[2])}`,
  );
  log(
    `bench:local code_p95_ms=${fmt(s.code.p95)} queue_p95_ms=${fmt(s.queue.p95)} search_p95_ms=${fmt(s.search.p95)} ` +
      `counts_p95_ms=${fmt(s.counts.p95)} write_p95_ms=${fmt(s.write.p95)} open_ms=${Math.round(pct(opens, 0.95))} ` +
      `ratio_vs_dexie=${ratio.toFixed(2)} heap_mb=${heapMb.toFixed(1)} id_p95_ms=${fmt(s.id.p95)} ` +
      `switch_p95_ms=${fmt(officerSwitch.p95)}`,
  );
} finally {
  await context.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
  if (!keepProfile) rmSync(profile, { recursive: true, force: true });
}
