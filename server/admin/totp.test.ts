import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, totp, verifyTotp } from './totp';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('TOTP', () => {
  it('HOTP: the RFC 4226 appendix D values', () => {
    const key = ascii('12345678901234567890');
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583'];
    expect(expected.map((_, i) => hotp(key, i))).toEqual(expected);
  });

  it('TOTP: the RFC 6238 appendix B values for SHA-1 (8 digits)', () => {
    const key = ascii('12345678901234567890');
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(totp(key, seconds * 1000, 8)).toBe(code);
  });

  it('base32 round trip (RFC 4648 vector)', () => {
    expect(base32Encode(ascii('foobar'))).toBe('MZXW6YTBOI');
    expect(new TextDecoder().decode(base32Decode('MZXW6YTBOI======'))).toBe('foobar');
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('accepts the current step and one either side, once', () => {
    const secret = base32Encode(ascii('12345678901234567890'));
    const at = 1111111111_000;
    const code = totp(base32Decode(secret), at);
    const step = verifyTotp(secret, code, at);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, code, at + 30_000)).toBe(step);
    expect(verifyTotp(secret, code, at + 90_000)).toBeNull();
    expect(verifyTotp(secret, code, at, step)).toBeNull();
    expect(verifyTotp(secret, '12345', at)).toBeNull();
  });
});
