/**
 * `npm run bench:sync`: figures for the sync path (printed, not asserted).
 *  1. end-to-end throughput: 10,000 dossiers with their events from counter 1 through the server
 *     into counter 2 (real RxDB replicas, real server, real PostgreSQL), against a plain pg INSERT
 *     of the same rows as the baseline; the median of BENCH_TRIALS (default 3) independent trials
 *     (tests/bench/throughput-trial.ts), each printed;
 *  2. p95 push latency with 50 counters pushing at once, against the same pushes to a minimal
 *     endpoint (one INSERT, no checks: tests/bench/plain-push-server.ts) as the baseline;
 *  3. bytes on the wire per dossier (with its events), gzip both ways, against the documents' own
 *     JSON;
 *  4. a day's 150 dossiers over a throttled link (256 kbit/s each way, 300 ms round trip), against
 *     the time the link itself needs for the bytes that crossed it;
 *  1b. part 1 once more into a counter on IndexedDB in Chromium (the app's storage).
 * The server runs in its own process (server/main.ts), as in production, and so does the receiving
 * counter of part 1 (another PC). Counter 1 runs in this process, which `npm run bench:sync` starts
 * with --expose-gc: each trial collects its heap before the clock starts (throughput-trial.ts).
 * Environment:
 * BENCH_DOSSIERS (default 10,000), BENCH_IN_PROCESS=1 (server inside this process),
 * BENCH_SERVER_PROFILE=<dir> (CPU profile of the server process), BENCH_RECEIVER_PROFILE=<dir> (of
 * the receiving counter; in Chromium, of its page's JavaScript), BENCH_SENDER_PROFILE=<file> (of
 * counter 1, during the timed sync only; the trial's number is added to the name),
 * BENCH_NODE_FLAGS="<flags>" (V8/Node flags for the server and receiving-counter processes; give the
 * same ones to this process's own node), BENCH_LOG_LEVEL (the server process's, default warn),
 * BENCH_PG_STATS=1 (PostgreSQL's own time per statement during part 1, from pg_stat_statements),
 * BENCH_THROUGHPUT_ONLY=1, BENCH_PUSH_ONLY=1 (part 1 alone without counter 2: what its pulls add),
 * BENCH_RECEIVER=chromium (part 1's trials into Chromium as well), BENCH_CHROMIUM=0 (no part 1b;
 * Chromium is CHROMIUM_PATH, else /usr/bin/chromium, and 1b is left out when there is none),
 * BENCH_PARTS=<list> (the parts to run, e.g. `1b` or `1,2`; default 1,2,3,4,1b; 3 and 4 run together).
 * Chromium's CPU figures count only the Chromium this benchmark started; "PostgreSQL and the rest"
 * is the machine's busy time less the known processes, so on a shared machine it holds others' work.
 */
import { existsSync } from 'node:fs';
import type { DossierEvent } from '../../shared/domain';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import {
  act,
  enrol,
  eventually,
  openCounter,
  OFFICE_A,
  OFFICE_B,
  seedCatalogue,
  startPostgres,
  startServer,
  THREE_STEPS,
  type RunningServer,
} from '../integration/harness';
import { TestProxy } from '../integration/proxy';
import { CHROMIUM_PATH } from '../../scripts/bench-page.mjs';
import { fmt, median } from './figures';
import { describePushLatency, measurePushLatency, startPlainPushServer } from './push-latency';
import { startServerProcess } from './server-process';
import { throughputTrial, type TrialResult } from './throughput-trial';

const N = Number(process.env.BENCH_DOSSIERS ?? 10_000);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 3);
if (!Number.isInteger(TRIALS) || TRIALS < 1) throw new Error('BENCH_TRIALS must be a whole number from 1');
const COUNTERS = 50;
const DAY = 150;
/** A typical on-site dossier: received, appraised, approved (three events). */
const STEPS = THREE_STEPS;

const log = (line: string) => process.stdout.write(`${line}\n`);

const ALL_PARTS = ['1', '2', '3', '4', '1b'];
const PARTS = new Set((process.env.BENCH_PARTS ?? ALL_PARTS.join(',')).split(',').map((p) => p.trim()));
for (const part of PARTS)
  if (!ALL_PARTS.includes(part)) throw new Error(`BENCH_PARTS: no part ${part} (${ALL_PARTS.join(', ')})`);

/** PostgreSQL's execution time per statement since the last reset (wall time, CPU waits included). */
async function logStatementTimes(pool: RunningServer['store']['pool']): Promise<void> {
  const res = await pool.query<{ calls: string; ms: string; rows: string; query: string }>(
    `SELECT calls::text AS calls, round(total_exec_time)::text AS ms, rows::text AS rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
     FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 8`,
  );
  log('PostgreSQL statements during the throughput run (pg_stat_statements):');
  for (const r of res.rows)
    log(`  ${r.ms.padStart(6)} ms ${r.calls.padStart(5)} calls ${r.rows.padStart(6)} rows  ${r.query}`);
}

async function main(): Promise<void> {
  const pgStats = Boolean(process.env.BENCH_PG_STATS);
  const pushOnly = Boolean(process.env.BENCH_PUSH_ONLY);
  const pg = await startPostgres(pgStats ? ['-c', 'shared_preload_libraries=pg_stat_statements'] : []);
  let restServer: (RunningServer & { pid?: number }) | null = null;
  /** The figures of the summary line, as the parts run. */
  const summary: string[] = [];
  try {
    // ------------------------------------------------------------ 1. throughput
    // Single runs on a shared 2-core machine are noisy: the figure is the median of TRIALS
    // independent trials (each printed with its own baseline).
    const trials: TrialResult[] = [];
    for (let trial = 1; PARTS.has('1') && trial <= TRIALS; trial++) {
      log(`throughput, trial ${trial} of ${TRIALS}:`);
      trials.push(
        await throughputTrial({
          pgUrl: pg.url,
          trial,
          dossiers: N,
          pushOnly,
          receiver: process.env.BENCH_RECEIVER === 'chromium' ? 'chromium' : 'node',
          log,
          logStatementTimes: pgStats ? logStatementTimes : undefined,
        }),
      );
    }
    if (trials.length > 0) {
      const dossiersPerS = N / median(trials.map((t) => t.syncS));
      const cpu = trials.map((t) => t.cpuS).filter((c): c is number => c !== null);
      log(
        `${pushOnly ? 'push only' : 'end-to-end'}, median of ${TRIALS}: ${fmt(dossiersPerS)} dossiers/s (trials: ${trials.map((t) => fmt(N / t.syncS)).join(', ')}); sync ${pushOnly ? 'push' : 'end-to-end'} is ${fmt(median(trials.map((t) => t.syncS / t.baselineS)), 1)}× the plain insert time (median of the trials' ratios)${cpu.length ? `; CPU used by all processes: ${fmt((median(cpu) * 1e6) / N)} µs per dossier` : ''}`,
      );
      summary.push(`dossiers_per_s=${Math.round(dossiersPerS)}`);
    }

    // Part 1 alone (for profiling); push-only figures are not the end-to-end ones the last line reports.
    if (process.env.BENCH_THROUGHPUT_ONLY || pushOnly) return;
    if (PARTS.has('2') || PARTS.has('3') || PARTS.has('4')) {
      // Parts 2–4 share one server on the benchmark's default database.
      const server: RunningServer & { pid?: number } = process.env.BENCH_IN_PROCESS
        ? await startServer(pg.url)
        : await startServerProcess(pg.url);
      restServer = server;
      await seedCatalogue(server.store);
      if (PARTS.has('2')) summary.push(await concurrentPushes(server, pg.url));
      if (PARTS.has('3') || PARTS.has('4')) summary.push(await dayOverPoorLink(server));
    }
    if (PARTS.has('1b')) {
      const figure = await intoIndexedDb(pg.url);
      if (figure) summary.push(figure);
    }
    log(`bench:sync ${summary.join(' ')}`);
  } finally {
    await restServer?.close();
    await pg.stop();
  }
}

/** Part 2: 50 counters pushing at once, against a minimal endpoint; answers its summary figure. */
async function concurrentPushes(server: RunningServer & { pid?: number }, pgUrl: string): Promise<string> {
  // ------------------------------------------------------------ 2. 50 counters pushing at once
  // RxDB's free tier opens at most 13 collections per JavaScript context, so the 50 counters are
  // HTTP clients sending what the replication client sends (tests/bench/push-latency.ts).
  // An office has 20 numbering slots, one per counter device: 50 counter devices cannot enrol in
  // one office. Province devices take no slot and push through the same route and checks (all
  // but "an event comes from the pushing device's own counter").
  const tokens = await Promise.all(
    Array.from({ length: COUNTERS }, () => enrol(server, OFFICE_A, 'p1', 'province').then((r) => r.token)),
  );
  const seedCounter = await openCounter(OFFICE_A, 'a1', tokens[1]!);
  const ROUNDS = 10;
  const work: { events: DossierEvent[]; dossier: Record<string, unknown> }[][] = [];
  for (let c = 0; c < COUNTERS; c++) {
    const list = [];
    for (let r = 0; r < ROUNDS; r++) {
      const { dossier, events } = await act(seedCounter, `p95-${c}-${r}`, STEPS);
      list.push({ events, dossier: toDossierDoc(dossier) });
    }
    work.push(list);
  }
  await seedCounter.remove(); // not kept in this process's memory
  const pushWork = work.map((list, c) => ({
    token: tokens[c]!,
    steps: list.flatMap(({ events, dossier }) => [
      { collection: 'dossier_events', docs: events as unknown as Record<string, unknown>[] },
      { collection: 'dossiers', docs: [dossier] },
    ]),
  }));
  const latency = await measurePushLatency(server.url, server.pid, pushWork);
  const p95 = latency.p95;
  log(describePushLatency(COUNTERS, latency));
  // Baseline: the same pushes against a minimal endpoint (one INSERT, no checks) on this machine.
  const plain = await startPlainPushServer(pgUrl);
  try {
    const base = await measurePushLatency(plain.url, plain.pid, pushWork);
    log(`  baseline: ${describePushLatency(COUNTERS, base, 'a minimal endpoint (one INSERT, no checks)')}`);
    log(`  p95 push is ${fmt(p95 / base.p95, 1)}× the minimal endpoint's`);
  } finally {
    await plain.close();
  }
  return `push_p95_ms=${p95.toFixed(1)}`;
}

/** Parts 3 and 4: a day's dossiers over a throttled link; answers their summary figures. */
async function dayOverPoorLink(server: RunningServer): Promise<string> {
  // ------------------------------------------------------------ 3 + 4. a day over a poor link
  // A counter of office B that synced yesterday: its catalogue is current, today's work is local.
  const { token: t3 } = await enrol(server, OFFICE_B, 'b1');
  const day = await openCounter(OFFICE_B, 'b1', t3);
  day.connect(server.url, { replicationKey: 'province' });
  await day.sync!.endOfDaySync(60_000);
  await day.disconnect();
  // Baseline of the bytes on the wire: the documents themselves as JSON (UTF-8).
  let documentBytes = 0;
  for (let i = 0; i < DAY; i++) {
    const { dossier, events } = await act(day, `day-${i}`, STEPS);
    for (const doc of [toDossierDoc(dossier), ...events])
      documentBytes += Buffer.byteLength(JSON.stringify(doc));
  }
  const link = { bitsPerSecond: 256_000, rttMs: 300 };
  const proxy = new TestProxy({ targetPort: server.port, ...link });
  await proxy.start();
  const d0 = performance.now();
  const sync = day.connect(proxy.url, { replicationKey: 'province' });
  await eventually(
    async () =>
      (await server.store.pool.query(`SELECT count(*)::int AS n FROM documents WHERE id LIKE 'day-%'`))
        .rows[0].n as number,
    (n) => n === DAY * (1 + STEPS.length),
    600_000,
  );
  const pushS = (performance.now() - d0) / 1000;
  const summary = await sync.endOfDaySync(600_000);
  const dayS = (performance.now() - d0) / 1000;
  const wire = proxy.bytesUp + proxy.bytesDown;
  log(
    `poor link (256 kbit/s each way, 300 ms RTT): ${DAY} dossiers + ${DAY * STEPS.length} events on the server after ${fmt(pushS, 2)} s; end-of-day sync done after ${fmt(dayS, 2)} s (sent ${summary.sent}, received ${summary.received}, rejected ${summary.rejected.length}, pending ${summary.pending})`,
  );
  // Baseline of the day's time: what the link itself needs for the bytes that went through it (the
  // busier direction at its rate) and one round trip.
  const linkS = Math.max(proxy.bytesUp, proxy.bytesDown) / (link.bitsPerSecond / 8) + link.rttMs / 1000;
  log(
    `  baseline: the link alone needs ${fmt(linkS, 2)} s for those bytes (the busier direction at 256 kbit/s, plus one round trip); the day's sync took ${fmt(dayS / linkS, 1)}× that`,
  );
  const bytesPerDossier = wire / DAY;
  log(
    `bytes on the wire per dossier with ${STEPS.length} events (everything through the proxy: pushes, pulls, live stream, HTTP headers): ${fmt(bytesPerDossier)} B (up ${fmt(proxy.bytesUp)} B, down ${fmt(proxy.bytesDown)} B)`,
  );
  log(
    `  baseline: the documents themselves as JSON are ${fmt(documentBytes / DAY)} B per dossier with its events; on the wire is ${fmt(bytesPerDossier / (documentBytes / DAY), 2)}× that`,
  );
  await day.close();
  await proxy.stop();
  return `bytes_per_dossier=${Math.round(bytesPerDossier)} poor_link_day_s=${dayS.toFixed(2)}`;
}

/** Part 1b: part 1 into Chromium's IndexedDB; answers its summary figure (null when left out). */
async function intoIndexedDb(pgUrl: string): Promise<string | null> {
  // ------------------------------------------------------------ 1b. into the app's own storage
  // Part 1 into a counter as the product stores: IndexedDB in Chromium. One trial (it is several
  // times slower), after parts 2–4 so that Chromium's IndexedDB writing out does not run under them;
  // reported after part 1's figure in the last line (which keeps its earlier figures first).
  if (process.env.BENCH_CHROMIUM !== '0' && existsSync(CHROMIUM_PATH)) {
    log('throughput into a counter on IndexedDB in Chromium (the app’s storage), one trial:');
    const t = await throughputTrial({
      pgUrl,
      trial: TRIALS + 1,
      dossiers: N,
      pushOnly: false,
      receiver: 'chromium',
      log,
    });
    log(
      `end-to-end into Chromium/IndexedDB: ${fmt(N / t.syncS)} dossiers/s; ${fmt(t.syncS / t.baselineS, 1)}× the plain insert time${t.cpuS === null ? '' : `; CPU used by all processes: ${fmt((t.cpuS * 1e6) / N)} µs per dossier`}`,
    );
    return `indexeddb_dossiers_per_s=${Math.round(N / t.syncS)}`;
  }
  log(
    process.env.BENCH_CHROMIUM === '0'
      ? '(BENCH_CHROMIUM=0: the IndexedDB trial is left out)'
      : `(no Chromium at ${CHROMIUM_PATH}: the IndexedDB trial is left out)`,
  );
  return null;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
