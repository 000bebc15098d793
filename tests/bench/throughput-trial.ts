/**
 * Part 1 of `npm run bench:sync`, one trial: 10,000 dossiers with their events from counter 1
 * through the server into counter 2, then the same rows with plain pg INSERTs as the baseline.
 * Each trial has a database of its own (created on the benchmark's PostgreSQL, dropped after), its
 * own server process and two fresh counters, so trials do not see each other's data.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Session } from 'node:inspector/promises';
import type { DossierEvent } from '../../shared/domain';
import { toDossierDoc } from '../../renderer/db/dossier-doc';
import { openDatabase } from '../../server/db/pool';
import {
  act,
  enrol,
  eventually,
  openCounter,
  OFFICE_A,
  seedCatalogue,
  startServer,
  THREE_STEPS,
  type RunningServer,
} from '../integration/harness';
import { startChromiumCounter } from './chromium-counter';
import { startReceivingCounter } from './counter-process';
import { busyCpuS, ownCpuS, processCpuS } from './cpu-time';
import { fmt } from './figures';
import { startServerProcess } from './server-process';

export interface TrialOptions {
  /** URL of the benchmark's PostgreSQL (its default database): the trial's database is made there. */
  pgUrl: string;
  /** Trial number, from 1: names the database and the sender profile. */
  trial: number;
  dossiers: number;
  /** Without counter 2 (BENCH_PUSH_ONLY): what its pulls add. */
  pushOnly: boolean;
  /**
   * Counter 2: the replication client on RxDB's memory storage in its own Node process, or the
   * app's database on IndexedDB in Chromium (the product's storage; chromium-counter.ts).
   */
  receiver: 'node' | 'chromium';
  log: (line: string) => void;
  /** PostgreSQL's time per statement during the sync, printed (needs pg_stat_statements loaded). */
  logStatementTimes?: (pool: RunningServer['store']['pool']) => Promise<void>;
}

export interface TrialResult {
  /** Seconds from counter 1's connect until counter 2 holds everything (push only: the server). */
  syncS: number;
  /** Seconds for the plain INSERTs of the same rows. */
  baselineS: number;
  /** CPU seconds all processes used during the sync (null where /proc/stat is not there). */
  cpuS: number | null;
  /** CPU seconds by process during the sync (null where /proc is not there or a part is missing). */
  cpuBy: CpuByProcess | null;
}

/** The trial's own database on the benchmark's PostgreSQL; dropped by the returned function. */
async function trialDatabase(pgUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await openDatabase({ url: pgUrl, poolSize: 1 });
  await admin.pool.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.pool.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/**
 * A full garbage collection of this process, when node runs with --expose-gc: counter 1 lives here,
 * and without it the garbage of generating its dossiers (and of earlier trials) would be collected
 * by a full GC inside the timed sync in some trials and not in others, making trials uneven.
 */
function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return gc !== undefined;
}

/** Where the sync's CPU time went: the three Node processes, and the rest (PostgreSQL, the system). */
export interface CpuByProcess {
  sender: number;
  server: number;
  receiver: number;
  rest: number;
}

export async function throughputTrial(opts: TrialOptions): Promise<TrialResult> {
  const { dossiers: N, log } = opts;
  const database = await trialDatabase(opts.pgUrl, `bench_trial_${opts.trial}`);
  // The server runs in its own process, as in production; BENCH_IN_PROCESS=1 runs it inside this
  // one (sharing a JavaScript thread with counter 1) for comparison.
  const server: RunningServer & { pid?: number } = process.env.BENCH_IN_PROCESS
    ? await startServer(database.url)
    : await startServerProcess(database.url);
  try {
    await seedCatalogue(server.store);
    const { token: t1 } = await enrol(server, OFFICE_A, 'a1');
    const { token: t2 } = await enrol(server, OFFICE_A, 'a2');
    const c1 = await openCounter(OFFICE_A, 'a1', t1);
    const genStart = performance.now();
    const allEvents: DossierEvent[] = [];
    const allDossiers: Record<string, unknown>[] = [];
    for (let i = 0; i < N; i++) {
      const { dossier, events } = await act(c1, `tp-${i}`, THREE_STEPS);
      allEvents.push(...events);
      allDossiers.push(toDossierDoc(dossier));
    }
    log(
      `  generated ${fmt(N)} dossiers (${fmt(allEvents.length)} events) on counter 1 in ${fmt((performance.now() - genStart) / 1000, 1)} s (not timed)`,
    );
    // Counter 2 is another PC: its own process (tests/bench/receiving-counter.ts, or Chromium), so
    // the two replicas do not take turns on one JavaScript thread. Both use the counter app's own
    // batch sizes (renderer/sync/client.ts defaults).
    const startReceiver = opts.receiver === 'chromium' ? startChromiumCounter : startReceivingCounter;
    const receiver = opts.pushOnly
      ? null
      : await startReceiver({
          office: OFFICE_A,
          counter: 'a2',
          token: t2,
          serverUrl: server.url,
          dossiers: N,
          events: allEvents.length,
        });
    if (opts.logStatementTimes) {
      await server.store.pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await server.store.pool.query('SELECT pg_stat_statements_reset()');
    }
    // Collected before the sender's profile starts, so that profile shows the sync alone.
    if (!collectGarbage() && opts.trial === 1)
      log(
        '  (run with node --expose-gc, as `npm run bench:sync` does, to start each trial from a collected heap)',
      );
    const profileFile = process.env.BENCH_SENDER_PROFILE?.replace(/(\.cpuprofile)?$/, `.${opts.trial}$1`);
    const senderProfile = profileFile ? new Session() : null;
    if (senderProfile) {
      senderProfile.connect();
      await senderProfile.post('Profiler.enable');
      await senderProfile.post('Profiler.start');
    }
    const serverCpuS = () => (server.pid === undefined ? null : processCpuS(server.pid));
    const cpu0 = { all: busyCpuS(), sender: ownCpuS(), server: serverCpuS() };
    const t0 = performance.now();
    c1.connect(server.url);
    // Accepted by the server, as counter 1 counts it (polling the database would load it).
    await eventually(
      async () => c1.sync!.snapshot.progress.sent,
      (sent) => sent >= N + allEvents.length,
      600_000,
      20,
    );
    const onServerS = (performance.now() - t0) / 1000;
    const received = await receiver?.done;
    const syncS = (performance.now() - t0) / 1000;
    const cpu1 = { all: busyCpuS(), sender: ownCpuS(), server: serverCpuS() };
    const cpuS = cpu0.all === null || cpu1.all === null ? null : cpu1.all - cpu0.all;
    let cpuBy: CpuByProcess | null = null;
    if (cpuS !== null && received && cpu0.server !== null && cpu1.server !== null) {
      const sender = cpu1.sender - cpu0.sender;
      const serverS = cpu1.server - cpu0.server;
      cpuBy = {
        sender,
        server: serverS,
        receiver: received.cpuS,
        rest: cpuS - sender - serverS - received.cpuS,
      };
    }
    log(
      `  all on the server after ${fmt(onServerS, 2)} s; rejected-then-retried on counter 1: ${c1.sync!.snapshot.rejected.length}${cpuS === null ? '' : `; CPU busy meanwhile (all processes): ${fmt(cpuS, 1)} s of ${fmt(syncS * availableParallelism(), 1)}`}`,
    );
    if (cpuBy)
      log(
        `  CPU by process: counter 1 ${fmt(cpuBy.sender, 1)} s, server ${fmt(cpuBy.server, 1)} s, counter 2 ${fmt(cpuBy.receiver, 1)} s${received?.cpuDetail ? ` (${received.cpuDetail})` : ''}, PostgreSQL and the rest ${fmt(cpuBy.rest, 1)} s`,
      );
    if (senderProfile) {
      const { profile } = await senderProfile.post('Profiler.stop');
      writeFileSync(profileFile!, JSON.stringify(profile));
      senderProfile.disconnect();
    }
    log(
      `  ${opts.pushOnly ? 'push only (BENCH_PUSH_ONLY)' : 'end-to-end'}: ${fmt(N)} dossiers + ${fmt(allEvents.length)} events counter 1 → server${opts.pushOnly ? '' : ' → counter 2'} in ${fmt(syncS, 2)} s = ${fmt(N / syncS)} dossiers/s`,
    );
    // Removed, not closed: the next trials and the latency part (whose clients run in this process)
    // would otherwise carry its data.
    await c1.remove();
    if (opts.logStatementTimes) await opts.logStatementTimes(server.store.pool);

    // Baseline: the same rows written with plain multi-row INSERTs through pg, no validation.
    await server.store.pool.query('CREATE TABLE bench_plain (id text PRIMARY KEY, doc jsonb NOT NULL)');
    const rows = [
      ...allEvents.map((e) => ({ id: `b-${e.id}`, doc: e })),
      ...allDossiers.map((d) => ({ id: `b-${String(d.id)}`, doc: d })),
    ];
    const b0 = performance.now();
    for (let i = 0; i < rows.length; i += 200) {
      await server.store.pool.query(
        'INSERT INTO bench_plain (id, doc) SELECT u.id, u.doc FROM jsonb_to_recordset($1::jsonb) AS u(id text, doc jsonb)',
        [JSON.stringify(rows.slice(i, i + 200))],
      );
    }
    const baselineS = (performance.now() - b0) / 1000;
    log(
      `  baseline: plain pg INSERT of the same ${fmt(rows.length)} rows in ${fmt(baselineS, 2)} s = ${fmt(N / baselineS)} dossiers/s; sync ${opts.pushOnly ? 'push' : 'end-to-end'} is ${fmt(syncS / baselineS, 1)}× the plain insert time`,
    );
    return { syncS, baselineS, cpuS, cpuBy };
  } finally {
    await server.close();
    await database.drop();
  }
}
