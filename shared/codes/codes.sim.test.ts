import { describe, expect, it } from 'vitest';
import {
  type CodeLayout,
  type CodeLease,
  type CodeLeaseRequest,
  type CounterCodeState,
  type LeaseServerState,
  applyLease,
  DEFAULT_CODE_LAYOUT,
  emptyLeaseServerState,
  enrolCounter,
  grantLease,
  initCounterCodeState,
  leaseRequests,
  localDateVn,
  markRestored,
  parseDossierCode,
  prune,
  reconcile,
  reserve,
  retireCounter,
  slotRequest,
  stateForSlot,
} from './index';
import { mulberry32 } from '../../tests/support/prng';

/**
 * Many counters of two offices over several days, with everything that goes wrong at a real counter
 * drawn from a seeded PRNG (so a failure reproduces from its seed): network on and off, lease requests
 * and answers delivered late, twice, out of order or never, crashes between reserve and persist and
 * after persist, backups restored through the app, a counter retired and its slot reused.
 * Invariant checked on every code handed out: never seen before, well-formed, dated in Vietnam time.
 */

interface SimCounter {
  id: string;
  officeId: string;
  deviceId: string;
  /** What is on disk (RxDB). Only ever replaced after a successful "write". */
  disk: CounterCodeState;
  /** Codes of dossiers saved locally and not yet pushed. */
  unsynced: string[];
  online: boolean;
  retired: boolean;
  backup: { disk: CounterCodeState; unsynced: string[]; pulled: number; issued: number } | null;
  /** Every code this device has numbered and saved, in order (survives restores: it is the world's view). */
  issuedLog: string[];
  /** How much of the office replica this counter has pulled (the replication checkpoint). */
  pulled: number;
}

interface SimOptions {
  seed: number;
  counters: number;
  days: number;
  eventsPerDay: number;
  layout: CodeLayout;
  /** Retire one counter on day 2 and enrol a new one (takes its slot when all are used). */
  replaceOne?: boolean;
  /**
   * Also copy backups back behind the app's back (no markRestored). Only done when everything numbered
   * since the backup has reached the server, and the app pulls before numbering: the conditions under
   * which the design claims to catch it (see allocator.ts). Crashes after persist are then off, since
   * such a copy would legitimately reuse a number that was written but never shown.
   */
  rawRestores?: boolean;
}

interface SimFigures {
  issued: number;
  fromLease: number;
  fromFallback: number;
  refused: Record<string, number>;
  restores: number;
  rawRestores: number;
  /** Rollbacks caught by reconcile or by a lease answer. */
  rollbacks: number;
}

const AGENCIES: Record<string, string> = { o1: '000.00.06.H56', o2: '000.17.22.H56' };

/** A restored or copied state asks for a slot of its new epoch, as server/codes/store.ts keys it. */
function reslot(
  server: LeaseServerState,
  c: SimCounter,
  today: string,
): { server: LeaseServerState; refused?: string } {
  const wanted = slotRequest(c.disk);
  if (!wanted) return { server };
  const e = enrolCounter(server, { officeId: c.officeId, counterId: `${c.id}#${wanted.epoch}`, today });
  if (!e.ok) return { server: e.state, refused: e.error };
  c.disk = stateForSlot(c.disk, wanted.epoch, e);
  return { server: e.state };
}

function simulate(opts: SimOptions): SimFigures {
  const rnd = mulberry32(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let epochs = 0;
  const newEpoch = () => `ep-${opts.seed}-${++epochs}`;

  let server: LeaseServerState = emptyLeaseServerState();
  /** The office replica on the server: every dossier code pushed, by office. */
  const serverDossiers: Record<string, string[]> = { o1: [], o2: [] };
  const onServer = new Set<string>();
  /** Every code ever persisted-and-returned by any counter, with who and when. */
  const handedOut = new Map<string, string>();
  const figures: SimFigures = {
    issued: 0,
    fromLease: 0,
    fromFallback: 0,
    refused: {},
    restores: 0,
    rawRestores: 0,
    rollbacks: 0,
  };
  const requests: Array<{ counter: SimCounter; request: CodeLeaseRequest }> = [];
  const answers: Array<{ counter: SimCounter; lease: CodeLease }> = [];

  const start = Date.parse('2026-11-23T00:00:00+07:00');
  let now = start;
  const iso = () => new Date(now).toISOString();

  const counters: SimCounter[] = [];
  const enrol = (officeId: string, id: string) => {
    const e = enrolCounter(server, {
      officeId,
      counterId: id,
      today: localDateVn(iso()),
      layout: opts.layout,
    });
    if (!e.ok) throw new Error(`enrol ${id}: ${e.error}`);
    server = e.state;
    const deviceId = `dev-${id}`;
    const disk = initCounterCodeState({
      officeId,
      counterId: id,
      agencyCode: AGENCIES[officeId]!,
      deviceId,
      slot: e.slot,
      layout: e.layout,
      epoch: newEpoch(),
      fallbackClosedThrough: e.fallbackClosedThrough,
    });
    const c: SimCounter = {
      id,
      officeId,
      deviceId,
      disk,
      unsynced: [],
      online: true,
      retired: false,
      backup: null,
      pulled: 0,
      issuedLog: [],
    };
    counters.push(c);
    return c;
  };
  for (let i = 0; i < opts.counters; i++) enrol('o1', `o1-c${i}`);
  for (let i = 0; i < 3; i++) enrol('o2', `o2-c${i}`);

  const sync = (c: SimCounter) => {
    if (!c.online || c.retired) return;
    const replica = serverDossiers[c.officeId]!;
    replica.push(...c.unsynced);
    for (const code of c.unsynced) onServer.add(code);
    c.unsynced = [];
    // The app reconciles with what each pull brings (own pushed dossiers come back in it too).
    const before = c.disk.epoch;
    c.disk = reconcile(c.disk, replica.slice(c.pulled), iso());
    if (c.disk.epoch !== before) figures.rollbacks++;
    c.pulled = replica.length;
    const slotted = reslot(server, c, localDateVn(iso()));
    server = slotted.server;
    if (slotted.refused) figures.refused[slotted.refused] = (figures.refused[slotted.refused] ?? 0) + 1;
  };

  const issue = (c: SimCounter) => {
    const r = reserve(c.disk, iso(), c.deviceId);
    if (!r.ok) {
      figures.refused[r.error] = (figures.refused[r.error] ?? 0) + 1;
      return;
    }
    if (rnd() < 0.05) return; // crash before the state is written: the code was never shown
    c.disk = r.state; // written
    const previous = handedOut.get(r.code);
    if (previous !== undefined) {
      throw new Error(
        `seed ${opts.seed}: ${r.code} issued by ${c.id} at ${iso()} was issued before by ${previous}`,
      );
    }
    handedOut.set(r.code, `${c.id} at ${iso()} (${r.source})`);
    const parsed = parseDossierCode(r.code);
    if (!parsed || parsed.agencyCode !== AGENCIES[c.officeId] || parsed.date !== localDateVn(iso())) {
      throw new Error(`seed ${opts.seed}: malformed ${r.code}`);
    }
    figures.issued++;
    if (r.source === 'lease') figures.fromLease++;
    else figures.fromFallback++;
    if (!opts.rawRestores && rnd() < 0.03) return; // crash after writing the state, before saving the dossier: a gap
    c.unsynced.push(r.code);
    c.issuedLog.push(r.code);
  };

  for (let day = 0; day < opts.days; day++) {
    now = start + day * 86_400_000 + 7 * 3_600_000; // 07:00
    const dayEnd = start + day * 86_400_000 + 17 * 3_600_000;
    for (const c of counters) {
      c.disk = prune(c.disk, iso()); // on start-up
      sync(c);
    }
    if (opts.replaceOne && day === 2) {
      const old = counters.find((c) => c.officeId === 'o1' && !c.retired)!;
      sync(old);
      const r = retireCounter(server, { officeId: 'o1', counterId: old.id, today: localDateVn(iso()) });
      if (!r.ok) throw new Error(r.error);
      server = r.state;
      old.retired = true; // the PC is wiped; it never numbers again
      const fresh = enrol('o1', `o1-new${day}`);
      sync(fresh);
    }
    const active = counters.filter((c) => !c.retired);
    for (let e = 0; e < opts.eventsPerDay; e++) {
      now = Math.min(dayEnd, now + Math.floor(rnd() * ((2 * (dayEnd - now)) / (opts.eventsPerDay - e))));
      const c = pick(active);
      const roll = rnd();
      if (roll < 0.06) {
        c.online = !c.online;
      } else if (roll < 0.5) {
        issue(c);
      } else if (roll < 0.62) {
        if (c.online) {
          for (const request of leaseRequests(c.disk, iso())) {
            requests.push({ counter: c, request });
            if (rnd() < 0.1) requests.push({ counter: c, request }); // retried
          }
        }
      } else if (roll < 0.74) {
        // The server handles one pending request, in any order.
        if (requests.length) {
          const [{ counter, request }] = requests.splice(Math.floor(rnd() * requests.length), 1) as [
            (typeof requests)[number],
          ];
          const g = grantLease(server, request);
          server = g.state;
          if (g.ok && rnd() > 0.08) {
            answers.push({ counter, lease: g.lease });
            if (rnd() < 0.08) answers.push({ counter, lease: g.lease }); // delivered twice
          }
        }
      } else if (roll < 0.86) {
        if (answers.length) {
          const [{ counter, lease }] = answers.splice(Math.floor(rnd() * answers.length), 1) as [
            (typeof answers)[number],
          ];
          if (counter.retired || !counter.online) continue;
          const r = applyLease(counter.disk, lease, iso());
          if (!r.ok) throw new Error(`seed ${opts.seed}: ${r.error}`);
          if (r.rolledBack) figures.rollbacks++;
          if (rnd() < 0.05) continue; // crash before writing: the block is lost (a gap)
          counter.disk = r.state;
        }
      } else if (roll < 0.95) {
        sync(c);
      } else if (roll < 0.98) {
        c.backup = { disk: c.disk, unsynced: [...c.unsynced], pulled: c.pulled, issued: c.issuedLog.length };
      } else if (
        c.backup &&
        opts.rawRestores &&
        c.online &&
        c.issuedLog.slice(c.backup.issued).every((code) => onServer.has(code)) &&
        rnd() < 0.5
      ) {
        figures.rawRestores++;
        c.disk = c.backup.disk;
        c.unsynced = c.unsynced.filter((code) => !onServer.has(code));
        c.pulled = c.backup.pulled;
        sync(c); // on start-up, before numbering
      } else if (c.backup) {
        // Restore through the app: whatever was numbered since the backup and not pushed is lost here,
        // but its receipts are in citizens' hands (still in handedOut).
        figures.restores++;
        c.disk = markRestored(c.backup.disk, iso(), newEpoch());
        c.unsynced = [...c.backup.unsynced];
        c.pulled = c.backup.pulled; // the replication checkpoint is restored with the rest
        c.disk = reconcile(c.disk, c.unsynced, iso());
        sync(c);
      }
    }
  }
  return figures;
}

describe('dossier numbering across many counters', () => {
  it.each([1, 2, 3])('never issues a code twice (default layout, seed %i)', (seed) => {
    const f = simulate({
      seed,
      counters: 12,
      days: 5,
      eventsPerDay: 1200,
      layout: DEFAULT_CODE_LAYOUT,
      replaceOne: true,
    });
    expect(f.issued).toBeGreaterThan(1000);
    // Online counters mostly number from leases, so codes stay compact.
    expect(f.fromLease).toBeGreaterThan(f.fromFallback);
    expect(f.fromFallback).toBeGreaterThan(0);
    expect(f.restores).toBeGreaterThan(0);
  });

  it.each([21, 22])('never issues a code twice with backups copied back behind the app (seed %i)', (seed) => {
    const f = simulate({
      seed,
      counters: 12,
      days: 4,
      eventsPerDay: 1200,
      layout: DEFAULT_CODE_LAYOUT,
      rawRestores: true,
    });
    expect(f.rawRestores).toBeGreaterThan(0);
    expect(f.rollbacks).toBeGreaterThan(0);
    expect(f.issued).toBeGreaterThan(1000);
  });

  it.each([11, 12])('never issues a code twice when ranges run out (tight layout, seed %i)', (seed) => {
    // 12 slots exactly, so the replacement counter reuses the retired counter's slot.
    const layout = { leaseMax: 120, fallbackFrom: 121, slotCount: 12, slotWidth: 8 };
    const f = simulate({ seed, counters: 12, days: 4, eventsPerDay: 1500, layout, replaceOne: true });
    expect(f.refused['codes.exhausted']).toBeGreaterThan(0);
    // No slot is left for a restored counter's new epoch: it numbers from leases only.
    expect(f.refused['codes.no_free_slot']).toBeGreaterThan(0);
    expect(f.issued).toBeGreaterThan(250);
  });
});
