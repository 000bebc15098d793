import Dexie from 'dexie';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createCounterDatabase } from '../../../renderer/db';
import { startSync } from '../../../renderer/features/sync/client';
import {
  bootstrapHistory,
  bootstrapRecent,
  type BootstrapRecord,
  type PullFrom,
} from '../../../renderer/features/sync/bootstrap';
import { readSnapshot, type SnapshotDoc } from '../../../renderer/features/sync/bootstrap-stream';

/**
 * bench:bootstrap's counter in real Chromium (tests/bench/bootstrap.bench.ts): first the raw baseline
 * (the snapshot's documents read, then written with Dexie bulkPut into a plain IndexedDB database in
 * groups of the same size), then the product's bootstrap into a fresh counter database on IndexedDB
 * (encrypted personal fields, blind index, replication records) with the replication client running,
 * timing a step's write (an event and its dossier) every STEP_EVERY_MS while the history arrives.
 */
declare global {
  interface Window {
    __bootstrap: { done: Promise<BootstrapFigures> };
  }
}
export interface BootstrapFigures {
  documents: number;
  rawMs: number;
  usableMs: number;
  completeMs: number;
  writeMs: number;
  stepMs: number[];
}

const params = new URLSearchParams(location.search);
const serverUrl = params.get('server') ?? '';
const token = params.get('token') ?? '';
const STEP_EVERY_MS = 250;
const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

/** The raw baseline: the same documents, in the same groups, put with Dexie into plain tables. */
async function rawBaseline(): Promise<{ documents: number; ms: number }> {
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
  const raw = new Dexie(`raw-${Date.now()}`);
  raw.version(1).stores({ dossiers: 'id', dossier_events: 'id' });
  await raw.open();
  let documents = 0;
  const t0 = performance.now();
  for (const g of groups) {
    await raw.table(g.collection).bulkPut(g.docs);
    documents += g.docs.length;
  }
  const ms = performance.now() - t0;
  raw.close();
  return { documents, ms };
}

/** A document without RxDB's own fields, to insert as new. */
function plain<T extends object>(doc: T): Record<string, unknown> {
  const { _rev: _r, _meta: _m, _attachments: _a, _deleted: _d, ...rest } = doc as Record<string, unknown>;
  return rest;
}

async function run(): Promise<BootstrapFigures> {
  const raw = await rawBaseline();
  const db = await createCounterDatabase({ name: `boot-${Date.now()}`, storage: getRxStorageDexie(), key });
  let record: BootstrapRecord | null = null;
  const store = { get: async () => record, set: async (r: BootstrapRecord) => void (record = r) };
  let release!: (from: PullFrom | null) => void;
  const t0 = performance.now();
  const sync = startSync({
    serverUrl,
    token,
    collections: { dossier_events: db.dossier_events, dossiers: db.dossiers },
    pullFrom: new Promise((resolve) => (release = resolve)),
  });
  const opts = {
    serverUrl,
    token,
    collections: { dossiers: db.dossiers, dossier_events: db.dossier_events },
    store,
  };
  const from = await bootstrapRecent(opts, sync.replications);
  release(from);
  const usableMs = performance.now() - t0;
  // Steps at the counter while the history arrives: a new event and its dossier, as a step writes.
  const template = plain((await db.dossiers.findOne().exec())!.toMutableJSON());
  const eventTemplate = plain(
    (await db.dossier_events
      .findOne({ selector: { dossierId: String(template.id) } })
      .exec())!.toMutableJSON(),
  );
  const stepMs: number[] = [];
  let historyDone = false;
  let n = 0;
  const steps = (async () => {
    while (!historyDone) {
      await new Promise((r) => setTimeout(r, STEP_EVERY_MS));
      const id = `bench-step-${n++}`;
      const s = performance.now();
      await db.dossier_events.insert({ ...eventTemplate, id: `${id}-e1`, dossierId: id } as never);
      await db.dossiers.insert({ ...template, id, code: '' } as never);
      stepMs.push(performance.now() - s);
    }
  })();
  await bootstrapHistory(opts, sync.replications);
  const completeMs = performance.now() - t0;
  historyDone = true;
  await steps;
  await sync.stop();
  await db.close();
  return { documents: raw.documents, rawMs: raw.ms, usableMs, completeMs, writeMs: completeMs, stepMs };
}

window.__bootstrap = { done: run() };
