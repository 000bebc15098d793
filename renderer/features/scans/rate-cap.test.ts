import { describe, expect, it } from 'vitest';
import { TokenBucket, type BucketClock } from './rate-cap';

/** A clock that only moves when waited on or told to: every figure below is exact. */
function testClock(): BucketClock & { at: number; slept: number[]; advance(ms: number): void } {
  const clock = {
    at: 0,
    slept: [] as number[],
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.at += ms;
    },
    advance: (ms: number) => {
      clock.at += ms;
    },
  };
  return clock;
}

describe('scan upload rate cap (token bucket)', () => {
  it('lets one second of bytes go at once, then paces the rest at the cap', async () => {
    const clock = testClock();
    const bucket = new TokenBucket(10_000, clock);
    await bucket.take(10_000);
    expect(clock.at).toBe(0);
    await bucket.take(5_000);
    expect(clock.at).toBe(500);
    for (let i = 0; i < 10; i++) await bucket.take(10_000);
    expect(clock.at).toBe(10_500);
  });

  it('holds the average to the cap whatever the chunk sizes', async () => {
    const clock = testClock();
    const bucket = new TokenBucket(32_000, clock);
    let sent = 0;
    for (const size of [1_000, 64_000, 7_000, 250_000, 16_000, 3_000]) {
      await bucket.take(size);
      sent += size;
      // Never more than the cap's worth since the start, plus the one-second burst.
      expect(sent).toBeLessThanOrEqual(32_000 + (clock.at / 1000) * 32_000 + 1);
    }
    expect(clock.at).toBeGreaterThanOrEqual(((sent - 32_000) / 32_000) * 1000 - 1);
  });

  it('refills while idle, but never beyond one second of bytes', async () => {
    const clock = testClock();
    const bucket = new TokenBucket(1_000, clock);
    await bucket.take(1_000);
    clock.advance(60_000);
    await bucket.take(1_000);
    expect(clock.slept).toEqual([]);
    await bucket.take(500);
    expect(clock.slept).toEqual([500]);
  });

  it('refuses a cap that is not positive', () => {
    expect(() => new TokenBucket(0)).toThrow();
    expect(() => new TokenBucket(Number.NaN)).toThrow();
  });
});
