// bench:local — the counter's local replica at 100,000 dossiers in real Chromium.
// Builds tests/bench/local with vite (production mode: no RxDB dev-mode), serves it, and drives it
// with playwright-core: seed once, then several app starts (open to interactive queue), then the
// reads (ours and raw Dexie on the same IndexedDB, interleaved), step writes, and the JS heap.
// Last line is machine-readable (see README / issue 3).
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, resolve } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const TOTAL = Number(process.env.BENCH_DOSSIERS ?? 100_000);
const OPEN = Number(process.env.BENCH_OPEN ?? 4_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WRITES = Number(process.env.BENCH_WRITES ?? 100);
const OPENS = Number(process.env.BENCH_OPENS ?? 7);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const root = resolve('tests/bench/local');
const outDir = mkdtempSync(join(tmpdir(), 'bench-local-'));
// BENCH_PROFILE=dir keeps the seeded browser profile between runs (seeding 100k takes minutes).
const keepProfile = Boolean(process.env.BENCH_PROFILE);
const profile = process.env.BENCH_PROFILE
  ? resolve(process.env.BENCH_PROFILE)
  : mkdtempSync(join(tmpdir(), 'bench-profile-'));
const log = (...a) => console.log(...a);

log(`bench:local building the bench page (vite, production) …`);
await build({
  root,
  base: './',
  mode: 'production',
  logLevel: 'warn',
  configFile: false,
  // The baseline must use the very Dexie that RxDB's storage bundles (two Dexie copies refuse to
  // share IndexedDB), so `dexie` resolves to RxDB's own copy when it has one.
  resolve: existsSync('node_modules/rxdb/node_modules/dexie')
    ? { alias: { dexie: resolve('node_modules/rxdb/node_modules/dexie') } }
    : {},
  build: { outDir, emptyOutDir: true, target: 'es2023', chunkSizeWarningLimit: 8000, minify: true },
});

// Production bundles must not carry RxDB dev-mode (its error table holds codes like DVM1).
const bundle = readdirSync(join(outDir, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => readFileSync(join(outDir, 'assets', f), 'utf8'))
  .join('\n');
const devModeInBundle = bundle.includes('DVM1');
log(
  `  bench bundle ${(bundle.length / 1024).toFixed(0)} KiB; RxDB dev-mode in production bundle: ${devModeInBundle ? 'YES' : 'no'}`,
);

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
};
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const file = join(outDir, path === '/' ? 'index.html' : path);
  if (!file.startsWith(outDir) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/index.html`;

const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--enable-precise-memory-info',
  ],
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
  log(
    `bench:local seeding ${TOTAL.toLocaleString('en')} dossiers (${OPEN.toLocaleString('en')} open) with their events …`,
  );
  const seeded = await page.evaluate(([t, o]) => window.__bench.seed(t, o), [TOTAL, OPEN]);
  log(
    `  seeded ${seeded.dossiers} dossiers + ${seeded.events} events in ${(seeded.seedMs / 1000).toFixed(1)} s ` +
      `(generation with decide() ${(seeded.genMs / 1000).toFixed(1)} s, bulk inserts ${(seeded.insertMs / 1000).toFixed(1)} s); counts built once in ${seeded.countsBuildMs} ms`,
  );
  log(`  by status: ${JSON.stringify(seeded.byStatus)}; overdue ${seeded.overdueTotal}`);
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
      `ratio_vs_dexie=${ratio.toFixed(2)} heap_mb=${heapMb.toFixed(1)} id_p95_ms=${fmt(s.id.p95)}`,
  );
} finally {
  await context.close();
  server.close();
  rmSync(outDir, { recursive: true, force: true });
  if (!keepProfile) rmSync(profile, { recursive: true, force: true });
}
