import { describe, expect, it } from 'vitest';
import { nestingDeeperThan } from './body-bounds';

describe('nestingDeeperThan', () => {
  it('measures objects and arrays without recursion, up to any depth', () => {
    let deep: unknown = {};
    for (let i = 1; i < 50_000; i++) deep = i % 2 ? [deep] : { a: deep };
    expect(nestingDeeperThan(deep, 32)).toBe(true);
  });

  it('lets bodies within the bound through, counting each level once', () => {
    expect(nestingDeeperThan({ a: { b: [1, { c: 2 }] } }, 4)).toBe(false);
    expect(nestingDeeperThan({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
    expect(nestingDeeperThan('text', 1)).toBe(false);
    expect(nestingDeeperThan(null, 1)).toBe(false);
  });
});
