import { describe, expect, it } from 'vitest';
import { backupFileName } from './file-name';

describe('backup file name', () => {
  it('names the office, the counter and the time in Vietnam, whatever the PC’s time zone', () => {
    // 17:05 UTC on 31 Dec is 00:05 on 1 Jan in Vietnam.
    expect(backupFileName('000.17.22.H56', 'quay 1', new Date('2026-12-31T17:05:00Z'))).toBe(
      'motcua-000.17.22.H56-quay-1-2027-01-01-0005.mcbak',
    );
  });
});
