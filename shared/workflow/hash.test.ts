import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../domain';
import { AUDIT_FORMAT_VECTOR } from '../../tests/support/workflow-fixtures';
import { life } from '../../tests/support/chain-fixtures';
import { canonicalJson, computeEventHash, sameJson, useSha256 } from './hash';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson('Nguyễn')).toBe('"Nguyễn"');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });

  it('orders keys by UTF-16 code unit, as sorting the key strings does, for few keys and for many', () => {
    const few = ['b', 'B', 'a', '_x', 'Z', 'ă', '10', '9', 'aa', 'A1', 'đ', ' '];
    const many = Array.from({ length: 40 }, (_, i) => `k${(i * 7) % 40}${i % 3 === 0 ? 'Ư' : ''}`);
    for (const keys of [few, many]) {
      const record = Object.fromEntries(keys.map((k, i) => [k, i]));
      const expected = `{${[...keys]
        .sort()
        .map((k) => `${JSON.stringify(k)}:${record[k]}`)
        .join(',')}}`;
      expect(canonicalJson(record)).toBe(expected);
    }
  });

  it('writes every text, in values and in keys, exactly as JSON.stringify does', () => {
    const texts = [
      'Hồ sơ "đủ" điều kiện',
      'C:\\hồ sơ\\tệp',
      'dòng 1\ndòng 2\t\r\b\f',
      '\u0000\u001f\u007f',
      'nửa cặp \ud83d và \ude00',
      'đủ cặp 😀',
      '\u2028\u2029',
      '',
    ];
    for (const text of texts) {
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
      expect(canonicalJson({ [text]: true })).toBe(`{${JSON.stringify(text)}:true}`);
    }
    expect(canonicalJson([true, false])).toBe('[true,false]');
  });

  it('keeps the audit format: a fixed event hashes to the value recorded when the format was set', () => {
    // Changing canonicalJson or the covered fields would silently invalidate every stored chain.
    expect(computeEventHash(AUDIT_FORMAT_VECTOR.event)).toBe(AUDIT_FORMAT_VECTOR.hash);
  });

  it('sameJson agrees with comparing canonical JSON', () => {
    const pairs: [unknown, unknown][] = [
      [
        { a: 1, b: [1, { c: 'x' }] },
        { b: [1, { c: 'x' }], a: 1 },
      ],
      [{ a: 1, b: undefined }, { a: 1 }],
      [{ a: null }, {}],
      [{ a: null }, { a: undefined }],
      [[undefined], [null]],
      [
        [1, 2],
        [2, 1],
      ],
      [[1], { 0: 1 }],
      [{ z: -0 }, { z: 0 }],
      ['1', 1],
      [{ a: { b: {} } }, { a: { b: { c: undefined } } }],
      [{ a: { b: {} } }, { a: { b: { c: null } } }],
      [{}, []],
      [null, undefined],
      [true, 'true'],
    ];
    for (const [a, b] of pairs) {
      expect(sameJson(a, b), `${canonicalJson(a)} vs ${canonicalJson(b)}`).toBe(
        canonicalJson(a) === canonicalJson(b),
      );
      expect(sameJson(b, a)).toBe(sameJson(a, b));
    }
  });

  it('hashes with the sha256 a platform supplies, and back with the portable one', () => {
    const event = life.events[0] as DossierEvent;
    const seen: string[] = [];
    useSha256((text) => {
      seen.push(text);
      return 'f'.repeat(64);
    });
    try {
      expect(computeEventHash(event)).toBe('f'.repeat(64));
      expect(seen[0]).toContain(`"dossierId":"${event.dossierId}"`);
    } finally {
      useSha256();
    }
    expect(computeEventHash(event)).toBe(event.hash);
  });

  it('the event hash is sha256 hex and ignores key order', () => {
    const event = life.events[0] as DossierEvent;
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    const reversed = Object.fromEntries(Object.entries(event).reverse()) as DossierEvent;
    expect(computeEventHash(reversed)).toBe(event.hash);
  });
});
