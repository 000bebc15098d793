import { describe, expect, it } from 'vitest';
import {
  type CounterCodeState,
  applyLease,
  counterCodeStateSchema,
  fallbackRemaining,
  initCounterCodeState,
  issuedSeqsFromCodes,
  leaseRequests,
  leasedRemaining,
  markRestored,
  prune,
  reconcile,
  reserve,
} from './allocator';
import { DEMO_OFFICE_ID } from '../demo/office';
import { slotRequest, stateForEnrolment, stateForSlot } from './enrolled';
import { createCodeIssuer } from './issuer';
import { CodesError, DEFAULT_CODE_LAYOUT } from './layout';
import {
  type CodeLease,
  type LeaseServerState,
  emptyLeaseServerState,
  enrolCounter,
  grantLease,
} from './lease';

const AGENCY = '000.00.06.H56';
const LAYOUT = { leaseMax: 40, fallbackFrom: 41, slotCount: 3, slotWidth: 5 };
const AT = '2026-11-27T02:00:00Z'; // 09:00 in Hà Nội
const DAY = '2026-11-27';

/** The successful answer of an allocator or lease step; a refusal fails the test with its reason. */
function succeeded<R extends { ok: boolean; error?: unknown }>(result: R): Extract<R, { ok: true }> {
  if (!result.ok) throw new Error(String(result.error));
  return result as Extract<R, { ok: true }>;
}

function setup(counterId = 'c1'): { state: CounterCodeState; server: LeaseServerState } {
  const e = succeeded(
    enrolCounter(emptyLeaseServerState(), {
      officeId: 'o1',
      counterId,
      today: '2026-11-26',
      layout: LAYOUT,
    }),
  );
  const state = initCounterCodeState({
    officeId: 'o1',
    counterId,
    agencyCode: AGENCY,
    deviceId: 'dev-1',
    slot: e.slot,
    layout: e.layout,
    epoch: 'epoch-1',
    fallbackClosedThrough: e.fallbackClosedThrough,
  });
  return { state, server: e.state };
}

function lease(server: LeaseServerState, state: CounterCodeState, count = 3, date = DAY) {
  const r = succeeded(
    grantLease(server, {
      ...leaseRequests(state, AT, { dates: [date], blockSize: count, lowWater: 99 })[0],
    }),
  );
  return r;
}

function take(state: CounterCodeState, n: number, at = AT): { state: CounterCodeState; codes: string[] } {
  const codes: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = succeeded(reserve(state, at, 'dev-1'));
    state = r.state;
    codes.push(r.code);
  }
  return { state, codes };
}

describe('reserve', () => {
  it('uses leased numbers first, then the slot offline range, then says codes.exhausted', () => {
    const { state, server } = setup();
    const granted = lease(server, state, 3);
    const applied = succeeded(applyLease(state, granted.lease, AT));
    let s = applied.state;
    const sources: string[] = [];
    const codes: string[] = [];
    for (;;) {
      const r = reserve(s, AT, 'dev-1');
      if (!r.ok) {
        expect(r.error).toBe('codes.exhausted');
        break;
      }
      s = r.state;
      sources.push(r.source);
      codes.push(r.code);
    }
    expect(codes).toEqual(
      [1, 2, 3, 41, 42, 43, 44, 45].map((n) => `${AGENCY}-261127-${String(n).padStart(4, '0')}`),
    );
    expect(sources).toEqual([
      'lease',
      'lease',
      'lease',
      'fallback',
      'fallback',
      'fallback',
      'fallback',
      'fallback',
    ]);
    expect(fallbackRemaining(s, DAY)).toBe(0);
    expect(counterCodeStateSchema.safeParse(JSON.parse(JSON.stringify(s))).success).toBe(true);
  });

  it('does not touch the given state (pure): reserving twice from one state gives the same code', () => {
    const { state } = setup();
    const s = { ...state, fallbackClosedThrough: null };
    const a = reserve(s, AT, 'dev-1');
    const b = reserve(s, AT, 'dev-1');
    expect(a.ok && b.ok && a.code === b.code).toBe(true);
    expect(s.fallbackNext).toEqual({});
  });

  it.each([
    ['a copied profile on another machine', { deviceId: 'dev-2' }, 'codes.device_mismatch'],
    ['a newly enrolled counter before its first lease', {}, 'codes.needs_sync'],
    ['a clock turned back past pruned days', { closedThrough: DAY }, 'codes.clock_behind'],
  ])('refuses %s', (_name, patch: { deviceId?: string; closedThrough?: string }, error) => {
    const { state } = setup();
    const s = {
      ...state,
      fallbackClosedThrough: '2026-11-27',
      ...(patch.closedThrough ? { closedThrough: patch.closedThrough } : {}),
    };
    expect(reserve(s, AT, patch.deviceId ?? 'dev-1')).toEqual({ ok: false, error });
  });
});

describe('applyLease', () => {
  it('ignores a replayed answer, an answer of an older epoch, and answers for another counter', () => {
    const { state, server } = setup();
    const g1 = lease(server, state, 3);
    const a1 = succeeded(applyLease(state, g1.lease, AT));
    const used = take(a1.state, 3).state; // block used up and gone
    const replay = applyLease(used, g1.lease, AT);
    expect(replay).toMatchObject({ ok: true, applied: false });
    if (replay.ok) expect(leasedRemaining(replay.state, DAY)).toBe(0);

    const g2 = lease(g1.state, used, 3);
    const foreignEpoch: CodeLease = { ...g2.lease, epoch: 'epoch-0' };
    expect(applyLease(used, foreignEpoch, AT)).toMatchObject({ ok: true, applied: false });
    expect(applyLease(used, { ...g2.lease, counterId: 'c9' }, AT)).toEqual({
      ok: false,
      error: 'codes.lease_mismatch',
    });
    expect(applyLease(used, { ...g2.lease, to: 41 }, AT)).toEqual({
      ok: false,
      error: 'codes.lease_mismatch',
    });
  });

  it('detects a state rolled back behind the server and drops the answer', () => {
    const { state, server } = setup();
    const g = lease(server, { ...state, generation: 12 }, 3);
    const r = applyLease(state, g.lease, AT); // our generation is 0: we are an old copy
    expect(r).toMatchObject({ ok: true, applied: false, rolledBack: true });
    if (!r.ok) return;
    expect(r.state.generation).toBe(12);
    expect(r.state.epoch).not.toBe(state.epoch);
    expect(r.state.fallbackClosedThrough).toBe(DAY);
  });
});

describe('leaseRequests', () => {
  it('asks for today and tomorrow while below the low-water mark', () => {
    const { state, server } = setup();
    const reqs = leaseRequests(state, AT);
    expect(reqs.map((r) => r.date)).toEqual([DAY, '2026-11-28']);
    expect(reqs[0]).toMatchObject({
      officeId: 'o1',
      counterId: 'c1',
      count: 20,
      epoch: 'epoch-1',
      generation: 0,
    });
    const g = succeeded(grantLease(server, { ...reqs[0], count: 10 }));
    const a = succeeded(applyLease(state, g.lease, AT));
    expect(leaseRequests(a.state, AT).map((r) => r.date)).toEqual(['2026-11-28']);
  });
});

describe('reconcile and restore', () => {
  it('a copy restored behind the app marks itself restored when a pull brings back its later dossiers', () => {
    const { state, server } = setup();
    const g = lease(server, state, 5);
    const a = succeeded(applyLease({ ...state, fallbackClosedThrough: null }, g.lease, AT));
    const backup = a.state;
    const used = take(backup, 7); // 1–5 leased, 41–42 offline, then synced
    expect(issuedSeqsFromCodes(used.codes, AGENCY)).toHaveLength(7);
    const restored = reconcile(backup, [...used.codes, '000.17.22.H56-261127-0043', ''], AT);
    expect(restored.epoch).not.toBe(backup.epoch);
    expect(restored.leases).toEqual([]);
    expect(reserve(restored, AT, 'dev-1')).toEqual({ ok: false, error: 'codes.needs_sync' });
    // A copy may number from this slot on any later day too: no offline number until a new slot.
    expect(reserve(restored, '2026-11-28T02:00:00Z', 'dev-1')).toEqual({
      ok: false,
      error: 'codes.needs_sync',
    });
    // The replay guard now refuses the old answer even though the epoch is new.
    expect(applyLease(restored, { ...g.lease, epoch: restored.epoch }, AT)).toMatchObject({ applied: false });
  });

  it('an ordinary pull changes no cursor but refuses a late answer below numbers already in use', () => {
    const { state, server } = setup('c1');
    const other = succeeded(enrolCounter(server, { officeId: 'o1', counterId: 'c2', today: DAY }));
    const mine = succeeded(
      grantLease(other.state, {
        officeId: 'o1',
        counterId: 'c1',
        date: DAY,
        count: 3,
        epoch: 'epoch-1',
      }),
    );
    // c2 is granted the next block, 0004–0006.
    succeeded(grantLease(mine.state, { officeId: 'o1', counterId: 'c2', date: DAY, count: 3 }));
    // c2 numbers 0004 and syncs before c1 hears about its block 0001–0003.
    const pulled = reconcile(state, [`${AGENCY}-261127-0004`], AT);
    expect(pulled.epoch).toBe(state.epoch);
    expect(pulled.leasedThrough[DAY]).toBe(4);
    expect(applyLease(pulled, mine.lease, AT)).toMatchObject({ ok: true, applied: false });
    expect(reconcile(pulled, [`${AGENCY}-261127-0004`, `${AGENCY}-261127-0046`], AT)).toBe(pulled);
  });

  it('markRestored drops leases and numbers offline again only on a slot named for its new epoch', () => {
    const { state, server } = setup();
    const g = lease(server, state, 5);
    const a = succeeded(applyLease({ ...state, fallbackClosedThrough: null }, g.lease, AT));
    const r = markRestored(a.state, AT, 'epoch-2');
    expect(r.leases).toEqual([]);
    expect(reserve(r, AT, 'dev-1')).toEqual({ ok: false, error: 'codes.needs_sync' });
    expect(reserve(r, '2026-11-28T02:00:00Z', 'dev-1')).toEqual({ ok: false, error: 'codes.needs_sync' });
    expect(slotRequest(r)).toEqual({ officeId: 'o1', counterId: r.counterId, epoch: 'epoch-2' });
    // An answer for another epoch (an older request) changes nothing.
    const answer = { slot: 2, layout: r.layout, fallbackClosedThrough: DAY };
    expect(stateForSlot(r, 'epoch-1', answer)).toBe(r);
    const slotted = stateForSlot(r, 'epoch-2', answer);
    expect(slotRequest(slotted)).toBeNull();
    expect(reserve(slotted, AT, 'dev-1')).toEqual({ ok: false, error: 'codes.needs_sync' });
    expect(reserve(slotted, '2026-11-28T02:00:00Z', 'dev-1')).toMatchObject({
      ok: true,
      source: 'fallback',
      seq: LAYOUT.fallbackFrom + 2 * LAYOUT.slotWidth,
    });
    expect(() => markRestored(r, AT, 'epoch-2')).toThrow(RangeError);
  });

  it('a slot the app chose itself numbers for the demo office only; a real office enrols first', () => {
    const local = (officeId: string) =>
      initCounterCodeState({
        officeId,
        counterId: 'c1',
        agencyCode: AGENCY,
        deviceId: 'dev-1',
        slot: 0,
        layout: DEFAULT_CODE_LAYOUT,
        epoch: 'epoch-1',
        fallbackClosedThrough: null,
        slotFrom: 'local',
      });
    expect(reserve(local('o1'), AT, 'dev-1')).toEqual({ ok: false, error: 'codes.not_enrolled' });
    expect(reserve(local(DEMO_OFFICE_ID), AT, 'dev-1')).toMatchObject({ ok: true, seq: 6000 });
    // No server can name the demo office another slot: a restore closes today only.
    const restoredDemo = markRestored(local(DEMO_OFFICE_ID), AT, 'epoch-2');
    expect(restoredDemo.needsSlot).toBe(false);
    expect(reserve(restoredDemo, '2026-11-28T02:00:00Z', 'dev-1')).toMatchObject({ ok: true, seq: 6000 });
    const enrolled = stateForEnrolment(local('o1'), {
      officeId: 'o1',
      counterId: 'c1',
      agencyCode: AGENCY,
      deviceId: 'dev-1',
      slot: 2,
      layout: DEFAULT_CODE_LAYOUT,
      fallbackClosedThrough: null,
      epoch: 'epoch-2',
    });
    expect(reserve(enrolled, AT, 'dev-1')).toMatchObject({ ok: true, seq: 6400 });
  });

  it('prune forgets old dates and closes them', () => {
    const { state } = setup();
    const s = take({ ...state, fallbackClosedThrough: null }, 2, '2026-10-01T02:00:00Z').state;
    const pruned = prune(s, AT);
    expect(pruned.fallbackNext).toEqual({});
    expect(pruned.closedThrough).toBe('2026-10-01');
    expect(reserve(pruned, '2026-10-01T02:00:00Z', 'dev-1')).toEqual({
      ok: false,
      error: 'codes.clock_behind',
    });
    expect(reserve(pruned, AT, 'dev-1')).toMatchObject({ ok: true });
  });
});

describe('createCodeIssuer', () => {
  it('persists before returning, queues concurrent calls, and returns nothing when the write fails', async () => {
    const { state } = setup();
    let stored: CounterCodeState = { ...state, fallbackClosedThrough: null };
    let failNext = false;
    const writes: number[] = [];
    const issuer = createCodeIssuer(
      {
        load: async () => stored,
        save: async (next) => {
          for (let i = 0; i < 3; i++) await Promise.resolve(); // let other calls run if they could
          if (failNext) {
            failNext = false;
            throw new Error('disk full');
          }
          stored = next;
          writes.push(next.generation);
        },
      },
      'dev-1',
    );
    const codes = await Promise.all([issuer.issue(AT), issuer.issue(AT), issuer.issue(AT)]);
    expect(new Set(codes.map((c) => c.code)).size).toBe(3);
    expect(writes).toEqual([1, 2, 3]);
    failNext = true;
    await expect(issuer.issue(AT)).rejects.toThrow('disk full');
    const after = await issuer.issue(AT);
    expect(after.seq).toBe(44); // the number of the failed write was never shown, so it is reused
    await issuer.issue(AT);
    await expect(issuer.issue(AT)).rejects.toMatchObject({ key: 'codes.exhausted' });
    await expect(issuer.issue(AT)).rejects.toBeInstanceOf(CodesError);
  });
});
