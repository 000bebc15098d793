import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyError, INLINE_GZIP_BYTES, inflateBody } from './gzip-body';

/** NDJSON push rows of random text: gzip cannot shrink them much, so the size is controlled. */
function rows(count: number): Buffer {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ newDocumentState: { id: `d-${i}`, note: randomBytes(48).toString('base64') } }),
  );
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function refusal(body: Buffer, limit: number): Promise<BodyError> {
  const err = await inflateBody(body, limit).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BodyError);
  return err as BodyError;
}

describe('gzip request bodies', () => {
  it('inflates a counter’s small push and a backlog push of thousands of rows to the bytes sent', async () => {
    const small = rows(3);
    const large = rows(2000);
    expect(gzipSync(small).length).toBeLessThanOrEqual(INLINE_GZIP_BYTES);
    expect(gzipSync(large).length).toBeGreaterThan(INLINE_GZIP_BYTES);
    expect((await inflateBody(gzipSync(small), 1 << 20)).equals(small)).toBe(true);
    expect((await inflateBody(gzipSync(large), 1 << 20)).equals(large)).toBe(true);
  });

  it('refuses with 413 a body that inflates past the limit, small or large once compressed', async () => {
    const bomb = gzipSync(Buffer.alloc(4 << 20, 'a'));
    expect(bomb.length).toBeLessThanOrEqual(INLINE_GZIP_BYTES);
    const big = gzipSync(rows(2000));
    for (const body of [bomb, big]) {
      const err = await refusal(body, 100_000);
      expect(err.statusCode).toBe(413);
      expect(err.message).toMatch(/inflates to more than 100000 bytes/);
    }
  });

  it('refuses with 400 a body that is not gzip, or is cut short', async () => {
    const whole = gzipSync(rows(2000));
    for (const body of [Buffer.from('{"newDocumentState":{}}\n'), whole.subarray(0, whole.length - 100)]) {
      const err = await refusal(body, 1 << 20);
      expect(err.statusCode).toBe(400);
      expect(err.message).toMatch(/not valid gzip/);
    }
  });
});
