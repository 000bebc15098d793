import { describe, expect, it } from 'vitest';
import { type CodeLayout, DEFAULT_CODE_LAYOUT, fallbackRange } from './layout';
import {
  type LeaseServerState,
  codeLeaseSchema,
  emptyLeaseServerState,
  enrolCounter,
  grantLease,
  leaseServerStateSchema,
  pruneLeaseState,
  retireCounter,
} from './lease';

const TODAY = '2026-11-27';

function enrolled(counters: string[], layout: CodeLayout = DEFAULT_CODE_LAYOUT): LeaseServerState {
  let state = emptyLeaseServerState();
  for (const counterId of counters) {
    const r = enrolCounter(state, { officeId: 'o1', counterId, today: TODAY, layout });
    if (!r.ok) throw new Error(r.error);
    state = r.state;
  }
  return state;
}

describe('layout', () => {
  it('keeps every slot range above the leased part and inside 0001–9999, without overlaps', () => {
    const l = DEFAULT_CODE_LAYOUT;
    let previousTo = l.leaseMax;
    for (let slot = 0; slot < l.slotCount; slot++) {
      const r = fallbackRange(l, slot);
      expect(r.from).toBe(previousTo + 1);
      expect(r.to - r.from + 1).toBe(l.slotWidth);
      previousTo = r.to;
    }
    expect(previousTo).toBeLessThanOrEqual(9999);
    expect(() => fallbackRange(l, l.slotCount)).toThrow(RangeError);
  });
});

describe('enrolCounter', () => {
  it('gives distinct slots, the same slot again to an enrolled counter, and refuses when full', () => {
    const layout = { leaseMax: 50, fallbackFrom: 51, slotCount: 3, slotWidth: 10 };
    const state = enrolled(['a', 'b', 'c'], layout);
    expect(state.offices.o1?.slots).toEqual({ a: 0, b: 1, c: 2 });
    const again = enrolCounter(state, { officeId: 'o1', counterId: 'b', today: TODAY });
    expect(again).toMatchObject({ ok: true, slot: 1, fallbackClosedThrough: TODAY });
    expect(enrolCounter(state, { officeId: 'o1', counterId: 'd', today: TODAY })).toMatchObject({
      ok: false,
      error: 'codes.no_free_slot',
    });
  });

  it('reuses a retired slot only with its offline range closed through the retirement day', () => {
    const layout = { leaseMax: 50, fallbackFrom: 51, slotCount: 2, slotWidth: 10 };
    let state = enrolled(['a', 'b'], layout);
    const retired = retireCounter(state, { officeId: 'o1', counterId: 'a', today: '2026-11-30' });
    expect(retired.ok).toBe(true);
    state = retired.state;
    const r = enrolCounter(state, { officeId: 'o1', counterId: 'z', today: '2026-11-28' });
    expect(r).toMatchObject({ ok: true, slot: 0, fallbackClosedThrough: '2026-11-30' });
    if (!r.ok) return;
    expect(grantLease(r.state, { officeId: 'o1', counterId: 'a', date: TODAY, count: 5 })).toMatchObject({
      ok: false,
      error: 'codes.not_enrolled',
    });
  });
});

describe('grantLease', () => {
  it('hands out consecutive disjoint blocks per date and never reaches the offline ranges', () => {
    let state = enrolled(['a', 'b']);
    const blocks: Array<[number, number]> = [];
    for (let i = 0; i < 400; i++) {
      const r = grantLease(state, { officeId: 'o1', counterId: i % 2 ? 'a' : 'b', date: TODAY, count: 20 });
      state = r.state;
      if (!r.ok) {
        expect(r.error).toBe('codes.lease_exhausted');
        break;
      }
      expect(codeLeaseSchema.safeParse(r.lease).success).toBe(true);
      blocks.push([r.lease.from, r.lease.to]);
    }
    expect(blocks[0]).toEqual([1, 20]);
    expect(blocks.at(-1)?.[1]).toBe(DEFAULT_CODE_LAYOUT.leaseMax);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]![0]).toBe(blocks[i - 1]![1] + 1);
    // Another date starts again from 0001.
    const other = grantLease(state, { officeId: 'o1', counterId: 'a', date: '2026-11-28', count: 20 });
    expect(other).toMatchObject({ ok: true, lease: { from: 1, to: 20 } });
    expect(leaseServerStateSchema.safeParse(state).success).toBe(true);
  });

  it('cuts the last block short at leaseMax', () => {
    const state = enrolled(['a'], { leaseMax: 30, fallbackFrom: 31, slotCount: 1, slotWidth: 5 });
    const first = grantLease(state, { officeId: 'o1', counterId: 'a', date: TODAY, count: 25 });
    const second = first.ok
      ? grantLease(first.state, { officeId: 'o1', counterId: 'a', date: TODAY, count: 25 })
      : first;
    expect(second).toMatchObject({ ok: true, lease: { from: 26, to: 30 } });
  });

  it.each([
    [{ officeId: 'o1', counterId: 'a', date: TODAY, count: 0 }, 'codes.invalid_request'],
    [{ officeId: 'o1', counterId: 'a', date: TODAY, count: 101 }, 'codes.invalid_request'],
    [{ officeId: 'o1', counterId: 'a', date: '27/11/2026', count: 5 }, 'codes.invalid_request'],
    [{ officeId: 'o1', counterId: 'x', date: TODAY, count: 5 }, 'codes.not_enrolled'],
    [{ officeId: 'o2', counterId: 'a', date: TODAY, count: 5 }, 'codes.not_enrolled'],
    [null, 'codes.invalid_request'],
  ])('refuses %j with %s', (request, error) => {
    const state = enrolled(['a']);
    const r = grantLease(state, request);
    expect(r).toMatchObject({ ok: false, error });
    expect(r.state.offices.o1?.leased).toEqual({});
  });

  it('echoes the highest generation seen and the epoch', () => {
    let state = enrolled(['a']);
    const gens = [3, 9, 4];
    const seen: number[] = [];
    for (const generation of gens) {
      const r = grantLease(state, {
        officeId: 'o1',
        counterId: 'a',
        date: TODAY,
        count: 1,
        generation,
        epoch: 'e1',
      });
      if (!r.ok) throw new Error(r.error);
      expect(r.lease.epoch).toBe('e1');
      seen.push(r.lease.seenGeneration);
      state = r.state;
    }
    expect(seen).toEqual([3, 9, 9]);
  });

  it('refuses dates whose high-water mark was pruned instead of starting again at 0001', () => {
    let state = enrolled(['a']);
    for (const date of ['2026-11-25', '2026-11-26', TODAY]) {
      const r = grantLease(state, { officeId: 'o1', counterId: 'a', date, count: 10 });
      state = r.state;
    }
    state = pruneLeaseState(state, 'o1', TODAY);
    expect(Object.keys(state.offices.o1?.leased ?? {})).toEqual([TODAY]);
    expect(grantLease(state, { officeId: 'o1', counterId: 'a', date: '2026-11-20', count: 5 })).toMatchObject(
      {
        ok: false,
        error: 'codes.date_closed',
      },
    );
    expect(grantLease(state, { officeId: 'o1', counterId: 'a', date: TODAY, count: 5 })).toMatchObject({
      ok: true,
      lease: { from: 11, to: 15 },
    });
  });
});
