import { describe, expect, it } from 'vitest';
import { formatBytes } from './StoragePage';

describe('scan storage sizes', () => {
  it('reads as people read sizes', () => {
    expect(formatBytes(0, 'en-GB')).toBe('0 B');
    expect(formatBytes(1536, 'en-GB')).toBe('1.5 KB');
    expect(formatBytes(1536, 'vi-VN')).toBe('1,5 KB');
    expect(formatBytes(3 * 1024 ** 3, 'en-GB')).toBe('3 GB');
  });
});
