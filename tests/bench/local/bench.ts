import Dexie, { type Table } from 'dexie';
import { createCounterRepository } from '../../../renderer/db';
import type { CounterDatabase, CounterRepository } from '../../../renderer/db';
import { DEMO_OFFICE } from '../../../renderer/demo';
import {
  createQuickSwitch,
  createVerifier,
  verifyPassword,
  DEFAULT_KDF_PARAMS,
} from '../../../renderer/auth';
import type { DossierStatus } from '../../../shared/domain';
import type { Actor } from '../../../shared/workflow';
import { rng } from './seed-data';
import { buildReportRecords, DB_NAME, openDb, seed, seededTotal, type Samples } from './seed-replica';

/**
 * The bench page: runs in real Chromium, driven by scripts/bench-local.mjs. Each phase is a page
 * load (`?phase=…`), so "open" really is an app start on an existing IndexedDB.
 */
const OPEN_STATUSES: DossierStatus[] = ['received', 'appraised', 'approved', 'transferred', 'sealed'];

type Stats = { n: number; p50: number; p95: number; mean: number };

function stats(times: number[]): Stats {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { n: s.length, p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** App start to interactive queue: open the replica, recovery, first queue page and the counts. */
async function openToInteractive() {
  const script = performance.now();
  const db = await openDb();
  const dbMs = performance.now();
  const repo = await createCounterRepository(db);
  const repoMs = performance.now();
  const [page, counts] = await Promise.all([
    repo.listQueue({ status: 'received', limit: 50 }),
    repo.queueCounts(),
  ]);
  const ms = performance.now(); // since navigation start: includes loading this page's script
  (window as unknown as { __app: unknown }).__app = { db, repo };
  return {
    ms,
    parts: {
      script: Math.round(script),
      db: Math.round(dbMs - script),
      repo: Math.round(repoMs - dbMs),
      list: Math.round(ms - repoMs),
    },
    items: page.items.length,
    received: counts.byStatus.received,
  };
}

// --- raw Dexie on the same IndexedDB data (the baseline) ---
type RawDoc = Record<string, unknown>;
async function openRawDexie(): Promise<Table<RawDoc>> {
  const names = (await Dexie.getDatabaseNames()).filter(
    // The dossiers live in the encrypted part of the replica (`<name>-data`).
    (n) => n.startsWith(`rxdb-dexie-${DB_NAME}-data--`) && n.endsWith('--dossiers'),
  );
  const dx = new Dexie(names[0]!);
  await dx.open();
  return dx.table('docs');
}
const MIN = Dexie.minKey;
const MAX = Dexie.maxKey;
function raw(docs: Table<RawDoc>) {
  return {
    byCode: (code: string) =>
      docs.where('[_deleted+code+id]').between(['0', code, MIN], ['0', code, MAX]).first(),
    queue: (status: string) =>
      docs
        .where('[_deleted+status+dueAt+id]')
        .between(['0', status, MIN, MIN], ['0', status, MAX, MAX])
        .limit(50)
        .toArray(),
    search: async (prefix: string) => {
      const [a, b] = await Promise.all([
        docs
          .where('[_deleted+applicantSearch+id]')
          .between(['0', prefix, MIN], ['0', prefix + '\uffff', MAX])
          .limit(20)
          .toArray(),
        docs
          .where('[_deleted+applicantGiven+id]')
          .between(['0', prefix, MIN], ['0', prefix + '\uffff', MAX])
          .limit(20)
          .toArray(),
      ]);
      return [...a, ...b];
    },
    /** What a plain app would do for the home screen: count each open status. */
    counts: async () => {
      const out: Record<string, number> = {};
      for (const s of OPEN_STATUSES)
        out[s] = await docs
          .where('[_deleted+status+dueAt+id]')
          .between(['0', s, MIN, MIN], ['0', s, MAX, MAX])
          .count();
      return out;
    },
  };
}

async function rawOpenToFirstList() {
  const docs = await openRawDexie();
  const list = await raw(docs).queue('received');
  return { ms: performance.now(), items: list.length };
}

function searchInputs(names: string[]): string[] {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase();
  const out: string[] = [];
  names.forEach((n, i) => {
    const parts = norm(n).split(' ');
    // Full names, partial ('nguyen van a'), family + middle, and given names.
    const variants = [
      parts.join(' '),
      `${parts[0]} ${parts[1]} ${parts[2]!.slice(0, 1)}`,
      `${parts[0]} ${parts[1]}`,
      parts[2]!,
    ];
    out.push(variants[i % variants.length]!);
  });
  return out;
}

async function run(iterations: number, writes: number) {
  const { repo } = (window as unknown as { __app: { db: CounterDatabase; repo: CounterRepository } }).__app;
  const samples = (await repo.getSetting<Samples>('bench.samples'))!;
  const docs = await openRawDexie();
  const baseline = raw(docs);
  const r = rng(99);
  const times: Record<string, number[]> = {
    code: [],
    id: [],
    queue: [],
    search: [],
    counts: [],
    dexie_code: [],
    dexie_queue: [],
    dexie_search: [],
    dexie_counts: [],
  };
  const time = async (key: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    const res = await fn();
    times[key]!.push(performance.now() - t);
    return res;
  };
  const names = searchInputs(samples.names);
  let misses = 0;
  // Warm-up (first queries compile, caches fill), then interleave ours and the baseline.
  // ID numbers to look up: those of sampled dossiers (encrypted at rest, found through the blind index).
  const idNumbers: string[] = [];
  for (let i = 0; i < Math.min(50, samples.codes.length); i++) {
    const d = (await repo.findByCode(samples.codes[i]!)) as { applicant: { idNumber: string } } | null;
    if (d?.applicant.idNumber) idNumbers.push(d.applicant.idNumber);
    if (i < 10) await baseline.byCode(samples.codes[i]!);
  }
  for (let i = 0; i < iterations; i++) {
    const code = samples.codes[Math.floor(r() * samples.codes.length)]!;
    const status = OPEN_STATUSES[i % OPEN_STATUSES.length]!;
    const name = names[Math.floor(r() * names.length)]!;
    const hit = (await time('code', () => repo.findByCode(code))) as { code: string } | null;
    if (hit?.code !== code) misses++;
    await time('dexie_code', () => baseline.byCode(code));
    const idNumber = idNumbers[i % idNumbers.length];
    if (idNumber) {
      const byId = (await time('id', () => repo.findByIdNumber(idNumber))) as unknown[];
      if (byId.length === 0) misses++;
    }
    await time('queue', () => repo.listQueue({ status, limit: 50 }));
    await time('dexie_queue', () => baseline.queue(status));
    const found = (await time('search', () => repo.searchByName(name, 20))) as unknown[];
    if (found.length === 0) misses++;
    await time('dexie_search', () => baseline.search(name));
    await time('counts', () => repo.queueCounts());
    if (i < 5) await time('dexie_counts', () => baseline.counts()); // O(n): a few are enough
  }
  // Step transitions: appraise received dossiers (event + dossier + counts, serialised).
  const appraiser: Actor = {
    officerId: 'demo-officer-thamdinh',
    name: 'Nguyễn Đức Minh',
    roles: ['appraiser'],
    actingRole: 'appraiser',
    counterId: 'demo-counter-1',
    officeId: DEMO_OFFICE.id,
  };
  const write: number[] = [];
  let failed = 0;
  // Dossiers waiting for appraisal right now (a reused profile has appraised earlier ones).
  const waiting = (await repo.listQueue({ status: 'received', limit: writes })).items.map((d) => d.id);
  for (const id of waiting) {
    const t = performance.now();
    const res = await repo.applyStep(
      {
        type: 'appraise',
        dossierId: id,
        officeId: DEMO_OFFICE.id,
        checklist: [{ label: 'Đủ thành phần', ok: true }],
      },
      appraiser,
    );
    write.push(performance.now() - t);
    if (!res.ok) failed++;
  }
  const countsAfter = await repo.queueCounts();
  const out: Record<string, Stats> = {};
  for (const [k, v] of Object.entries(times)) out[k] = stats(v);
  out.write = stats(write);
  return { stats: out, misses, failedWrites: failed, appraisedAfter: countsAfter.byStatus.appraised };
}

/** argon2id with the production parameters, as a login on this machine costs. */
async function kdf() {
  const times: number[] = [];
  const v = await createVerifier('demo1234', DEFAULT_KDF_PARAMS);
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await verifyPassword(v, 'demo1234');
    times.push(performance.now() - t);
  }
  return stats(times);
}

/**
 * An officer switch with a PIN, as the login screen's quick switch does it: the PIN check (PBKDF2 at
 * the production rounds) and the officer's current record read from the replica.
 */
async function officerSwitch() {
  const db = await openDb();
  try {
    const officers = (await db.officers.find().exec()).map((d) => d.toMutableJSON());
    const quick = createQuickSwitch();
    for (const officer of officers) await quick.enrol(officer, officer.roles[0] ?? 'receiver', '2580');
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const officer = officers[i % officers.length]!;
      const t = performance.now();
      const result = await quick.unlock(officer.id, '2580');
      const fresh = await db.officers.findOne(officer.id).exec();
      if (!result.ok || !fresh) throw new Error('switch failed');
      times.push(performance.now() - t);
    }
    return stats(times);
  } finally {
    await db.close();
  }
}

declare global {
  interface Window {
    __bench: Record<string, (...args: number[]) => Promise<unknown>>;
    __phaseResult?: Promise<unknown>;
  }
}
window.__bench = { seed, seededTotal, buildReportRecords, run, kdf, officerSwitch };
const phase = new URLSearchParams(location.search).get('phase');
if (phase === 'open') window.__phaseResult = openToInteractive();
if (phase === 'open-dexie') window.__phaseResult = rawOpenToFirstList();
