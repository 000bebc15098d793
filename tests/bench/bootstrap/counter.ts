import Dexie from 'dexie';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createCounterDatabase, createCounterRepository } from '../../../renderer/db';
import { startSync } from '../../../renderer/features/sync/client';
import {
  bootstrapHistory,
  bootstrapRecent,
  type BootstrapRecord,
  type PullFrom,
} from '../../../renderer/features/sync/bootstrap';
import { readSnapshot, type SnapshotDoc } from '../../../renderer/features/sync/bootstrap-stream';
import type { Actor } from '../../../shared/workflow';
import { sampleCommand } from '../../support/workflow-fixtures';
import { writeLog } from './write-log';

/**
 * bench:bootstrap's counter in real Chromium (tests/bench/bootstrap.bench.ts): first the raw baseline
 * (the snapshot's documents read, then written with Dexie bulkPut into a plain IndexedDB database in
 * groups of the same size), then the product's bootstrap into a fresh counter replica on IndexedDB
 * opened as the app opens it (its repository: counts and report records follow the changes) with
 * the replication client running, timing a step as the counter makes it (repo.applyStep: a new
 * dossier received) every STEP_EVERY_MS while the history arrives.
 */
declare global {
  interface Window {
    __bootstrap: { done: Promise<BootstrapFigures> };
    /** Set by the bench when it profiles: a phase begins (`end`: the last one ended). */
    __benchPhase?: (name: string) => Promise<void>;
  }
}
export interface BootstrapFigures {
  documents: number;
  rawMs: number;
  /** Downloading and parsing both phases, without writing. */
  readMs: number;
  usableMs: number;
  historyMs: number;
  completeMs: number;
  stepMs: number[];
  /** Steps after the history, nothing in the background. */
  idleStepMs: number[];
  failedSteps: number;
  /** What the replica holds at the end, to check the counts and report records against. */
  check: { dossiers: number; events: number; counted: number; reportRecords: number };
  /** The storage writes per phase and what the steps waited behind (./write-log.ts). */
  writes: string[];
}

const params = new URLSearchParams(location.search);
const serverUrl = params.get('server') ?? '';
const token = params.get('token') ?? '';
const officeId = params.get('office') ?? '';
const STEP_EVERY_MS = 250;
const IDLE_STEPS = 20;
const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const phase = async (name: string) => window.__benchPhase?.(name);

/** The raw baseline: the same documents, in the same groups, put with Dexie into plain tables. */
async function rawBaseline(): Promise<{ documents: number; ms: number; readMs: number }> {
  const r0 = performance.now();
  const groups: { collection: string; docs: SnapshotDoc[] }[] = [];
  const read = async (phase: 'recent' | 'history', end?: Awaited<ReturnType<typeof readSnapshot>>) =>
    readSnapshot(
      {
        serverUrl,
        token,
        fetch: (...a) => fetch(...a),
        phase,
        since: end?.since,
        checkpoints: end?.checkpoints,
      },
      { onHead: () => {}, onGroup: async (collection, docs) => void groups.push({ collection, docs }) },
    );
  const end = await read('recent');
  await read('history', end);
  const readMs = performance.now() - r0;
  const raw = new Dexie(`raw-${Date.now()}`);
  raw.version(1).stores({ dossiers: 'id', dossier_events: 'id' });
  await raw.open();
  let documents = 0;
  await phase('raw Dexie bulkPut');
  const t0 = performance.now();
  for (const g of groups) {
    await raw.table(g.collection).bulkPut(g.docs);
    documents += g.docs.length;
  }
  const ms = performance.now() - t0;
  raw.close();
  return { documents, ms, readMs };
}

const receiver: Actor = {
  officerId: `${officeId}-receiver`,
  name: 'Cán bộ tiếp nhận',
  roles: ['receiver'],
  actingRole: 'receiver',
  counterId: 'bench-counter',
  officeId,
};

async function run(): Promise<BootstrapFigures> {
  const raw = await rawBaseline();
  const db = await createCounterDatabase({ name: `boot-${Date.now()}`, storage: getRxStorageDexie(), key });
  const repo = await createCounterRepository(db, { deviceId: 'bench-counter' });
  let record: BootstrapRecord | null = null;
  const store = { get: async () => record, set: async (r: BootstrapRecord) => void (record = r) };
  let release!: (from: PullFrom | null) => void;
  await phase('recent');
  const t0 = performance.now();
  const sync = startSync({
    serverUrl,
    token,
    collections: { dossier_events: db.dossier_events, dossiers: db.dossiers },
    pullFrom: new Promise((resolve) => (release = resolve)),
  });
  const writes = writeLog();
  writes.watch('dossiers', db.dossiers.storageInstance);
  writes.watch('dossier_events', db.dossier_events.storageInstance);
  for (const [name, rep] of sync.replications) {
    await rep.startPromise;
    const meta = rep.internalReplicationState?.input.metaInstance;
    if (meta) writes.watch(`${name} meta`, meta);
  }
  writes.section('recent');
  const opts = {
    serverUrl,
    token,
    collections: { dossiers: db.dossiers, dossier_events: db.dossier_events },
    store,
  };
  const from = await bootstrapRecent(opts, sync.replications);
  release(from);
  const usableMs = performance.now() - t0;
  await phase('history');
  writes.section('history');
  // Steps at the counter while the history arrives: a new dossier received, as the intake form does.
  const stepMs: number[] = [];
  let failedSteps = 0;
  let historyDone = false;
  let n = 0;
  const step = async (): Promise<number> => {
    const dossierId = `bench-step-${n++}`;
    const command = {
      ...(sampleCommand('receive', null) as Record<string, unknown>),
      dossierId,
      officeId,
      counterId: receiver.counterId,
      eventId: `${dossierId}-e1`,
      code: `000.00.06.H56-991231-${String(n).padStart(4, '0')}`,
    } as { dossierId: string } & Record<string, unknown>;
    const s = performance.now();
    const result = await repo.applyStep(command, receiver);
    if (!result.ok) failedSteps++;
    const e = performance.now();
    writes.step(s, e);
    return e - s;
  };
  const steps = (async () => {
    while (!historyDone) {
      await new Promise((r) => setTimeout(r, STEP_EVERY_MS));
      stepMs.push(await step());
    }
  })();
  await bootstrapHistory(opts, sync.replications);
  const historyMs = performance.now() - t0;
  historyDone = true;
  await steps;
  await phase('report records catch-up');
  writes.section('catch-up and idle steps');
  // Complete: the history written, and what follows it (counts, report records) caught up.
  await repo.reportRecords.ready();
  await repo.countsReady();
  const completeMs = performance.now() - t0;
  await phase('end');
  // The same steps with nothing in the background: what a step costs on this machine now.
  const idleStepMs: number[] = [];
  for (let i = 0; i < IDLE_STEPS; i++) {
    await new Promise((r) => setTimeout(r, STEP_EVERY_MS));
    idleStepMs.push(await step());
  }
  await repo.reportRecords.ready();
  const counts = await repo.queueCounts();
  const check = {
    dossiers: await db.dossiers.count().exec(),
    events: await db.dossier_events.count().exec(),
    counted: Object.values(counts.byStatus).reduce((a, b) => a + b, 0),
    reportRecords: await repo.reportRecords.count(),
  };
  await sync.stop();
  await repo.close();
  await db.close();
  return {
    documents: raw.documents,
    rawMs: raw.ms,
    readMs: raw.readMs,
    usableMs,
    historyMs,
    completeMs,
    stepMs,
    idleStepMs,
    failedSteps,
    check,
    writes: writes.summary(),
  };
}

window.__bootstrap = { done: run() };
