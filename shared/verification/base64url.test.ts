import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url } from './base64url';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('base64url', () => {
  it.each([
    [bytes(), ''],
    [bytes(0xff), '_w'],
    [bytes(0xfb, 0xff), '-_8'],
    [bytes(0x66, 0x6f, 0x6f), 'Zm9v'],
    [bytes(0x66, 0x6f, 0x6f, 0x62, 0x61), 'Zm9vYmE'],
  ])('encodes %o as %s and back', (input, text) => {
    expect(bytesToBase64url(input)).toBe(text);
    expect(base64urlToBytes(text)).toEqual(input);
  });

  it('round-trips every length up to 70 bytes', () => {
    for (let n = 0; n <= 70; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(base64urlToBytes(bytesToBase64url(data))).toEqual(data);
    }
  });

  it.each(['A', 'Zm9v=', 'Zm+v', 'Zm/v', 'Zm 9', '_x'])('rejects %s', (text) => {
    expect(() => base64urlToBytes(text)).toThrow();
  });
});
