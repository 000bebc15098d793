import { describe, expect, it } from 'vitest';
import { PacedSource, type PacingOptions } from './paced-source';
import { TokenBucket } from './rate-cap';

const KB = 1024;

/** A source over `size` bytes with a clock the test moves; every `dataFirst` call is counted. */
function source(size: number, opts: Partial<PacingOptions> = {}) {
  const clock = { at: 0 };
  const calls = { dataFirst: 0 };
  const paced = new PacedSource(new Uint8Array(size), {
    maxChunk: 1024 * KB,
    minChunk: 8 * KB,
    chunkSeconds: 1,
    checkStopped: () => {},
    dataFirst: () => {
      calls.dataFirst++;
      return Promise.resolve();
    },
    now: () => clock.at,
    ...opts,
  });
  /** Reads a chunk at `start` (tus asks for up to maxChunk); answers its length and `done`. */
  const read = async (start: number) => {
    const { value, done } = await paced.slice(start, Math.min(size, start + 1024 * KB));
    return { length: (value as Uint8Array).byteLength, done };
  };
  return { clock, calls, read };
}

describe('paced scan source (chunks sized to the link, after the dossiers)', () => {
  it('waits for the dossiers before every chunk, not only the first', async () => {
    const { calls, read } = source(64 * KB);
    let offset = 0;
    for (let done = false; !done;) {
      const chunk = await read(offset);
      offset += chunk.length;
      done = chunk.done;
    }
    expect(offset).toBe(64 * KB);
    expect(calls.dataFirst).toBeGreaterThan(1);
  });

  it('keeps chunks to about a second of a slow link, and grows them on a fast one', async () => {
    const slow = source(4096 * KB);
    let offset = 0;
    // 32 KB a second: every chunk takes its size over that rate to come back.
    for (let i = 0; i < 8; i++) {
      const { length } = await slow.read(offset);
      offset += length;
      slow.clock.at += (length / (32 * KB)) * 1000;
    }
    const { length: slowChunk } = await slow.read(offset);
    expect(slowChunk).toBeGreaterThan(24 * KB);
    expect(slowChunk).toBeLessThan(40 * KB);

    const fast = source(4096 * KB);
    const first = await fast.read(0);
    fast.clock.at += 1;
    const second = await fast.read(first.length);
    expect(second.length).toBe(1024 * KB);
  });

  it('takes the round trip off a chunk time, and keeps chunks within the rate cap', async () => {
    const withRtt = source(4096 * KB, { roundTripMs: () => 300 });
    let offset = 0;
    for (let i = 0; i < 8; i++) {
      const { length } = await withRtt.read(offset);
      offset += length;
      withRtt.clock.at += (length / (32 * KB)) * 1000 + 300;
    }
    const { length } = await withRtt.read(offset);
    expect(length).toBeGreaterThan(28 * KB);
    expect(length).toBeLessThan(36 * KB);

    const slept: number[] = [];
    let bucketAt = 0;
    const cap = new TokenBucket(16 * KB, {
      now: () => bucketAt,
      sleep: async (ms) => {
        slept.push(ms);
        bucketAt += ms;
      },
    });
    const capped = source(4096 * KB, { bucket: () => cap });
    const first = await capped.read(0);
    capped.clock.at += 1;
    const second = await capped.read(first.length);
    expect(second.length).toBe(16 * KB);
    expect(slept.length).toBeGreaterThan(0);
  });
});
