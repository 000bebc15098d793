import { describe, expect, it } from 'vitest';
import { pageAfterKey, pageAt } from './page-position';

// Three A4 pages drawn 1,100 px tall with a 12 px gap, in a panel 700 px tall.
const TOPS = [0, 1112, 2224];
const VIEW = 700;

describe('viewer page counter: the page being read as the officer scrolls', () => {
  it.each([
    [0, 1],
    [800, 1],
    // The second page's top has come into the upper third of the panel.
    [1112 - VIEW / 3, 2],
    [1500, 2],
    [2224, 3],
    // Scrolled to the bottom: the last page, even when its top never reaches the top.
    [2224 + 1100 - VIEW, 3],
  ])('scrolled to %i px: page %i', (scrollTop, page) => {
    expect(pageAt(TOPS, scrollTop, VIEW)).toBe(page);
  });

  it('scrolled to the end, the last page even when it is too short to reach the top', () => {
    const tops = [0, 1112, 2224];
    const content = 2224 + 300;
    expect(pageAt(tops, content - VIEW, VIEW, content)).toBe(3);
    expect(pageAt(tops, content - VIEW - 100, VIEW, content)).toBe(2);
  });

  it('a one-page file is always on page 1', () => {
    expect(pageAt([0], 400, VIEW)).toBe(1);
    expect(pageAt([], 0, VIEW)).toBe(1);
  });
});

describe('viewer page counter: paging with keys', () => {
  it.each([
    ['PageDown', 1, 2],
    ['ArrowRight', 2, 3],
    ['PageDown', 3, 3],
    ['PageUp', 3, 2],
    ['ArrowLeft', 1, 1],
    ['Home', 3, 1],
    ['End', 1, 3],
  ])('%s from page %i of 3 goes to page %i', (key, from, to) => {
    expect(pageAfterKey(key, from, 3)).toBe(to);
  });

  it('other keys do not page', () => {
    expect(pageAfterKey('ArrowDown', 1, 3)).toBeNull();
    expect(pageAfterKey('a', 1, 3)).toBeNull();
    expect(pageAfterKey('PageDown', 1, 0)).toBeNull();
  });
});
