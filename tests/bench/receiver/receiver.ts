import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createCounterDatabase } from '../../../renderer/db';
import { startSync } from '../../../renderer/features/sync/client';
import { allArrived } from '../arrival';

/**
 * The benchmark's second counter as the product runs it (BENCH_RECEIVER=chromium): the app's
 * database on IndexedDB (Dexie storage, personal fields encrypted, blind index) and the app's
 * replication client, in real Chromium. Driven by tests/bench/chromium-counter.ts: the page reads
 * the server, credential and expected counts from its query string, opens a fresh database and
 * connects; `window.__receiver.done` resolves once everything arrived (milliseconds since connect).
 */
declare global {
  interface Window {
    __receiver: { ready: Promise<void>; done: Promise<number> };
  }
}

const params = new URLSearchParams(location.search);
const param = (name: string): string => {
  const value = params.get(name);
  if (!value) throw new Error(`receiving counter page: ${name} is missing`);
  return value;
};
const want = { d: Number(param('dossiers')), e: Number(param('events')) };
/** A key of its own, as the platform would give it (base64 of 32 random bytes). */
const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

async function receive(opened: () => void): Promise<number> {
  const db = await createCounterDatabase({
    name: `receiver-${Date.now()}`,
    storage: getRxStorageDexie(),
    key,
  });
  const t0 = performance.now();
  const sync = startSync({
    serverUrl: param('server'),
    token: param('token'),
    collections: { dossier_events: db.dossier_events, dossiers: db.dossiers },
  });
  opened();
  await allArrived(sync, db, want);
  const ms = performance.now() - t0;
  await sync.stop();
  await db.close();
  return ms;
}

let ready!: () => void;
const readyP = new Promise<void>((resolve) => (ready = resolve));
window.__receiver = { ready: readyP, done: receive(ready) };
