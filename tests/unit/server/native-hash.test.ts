import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../shared/domain';
import { computeEventHash, useSha256 } from '../../../shared/workflow/hash';

describe('the server hashes events with node:crypto', () => {
  it('gives the digests the counters compute (the audit-format vector)', async () => {
    useSha256();
    const event = {
      id: 'ev-1',
      dossierId: 'd-1',
      officeId: 'o-1',
      seq: 2,
      type: 'appraise',
      from: 'received',
      to: 'appraised',
      actorId: 'officer-7',
      actorName: 'Nguyễn Thị Ánh',
      actorRole: 'appraiser',
      counterId: 'q1',
      at: '2026-03-02T01:30:00.000Z',
      payload: { note: 'Đủ điều kiện "ok"\n', changes: { status: 'appraised', nested: { z: -0, a: 1e21 } } },
      prevHash: 'ab'.repeat(32),
    } as unknown as Omit<DossierEvent, 'hash'>;
    const portable = computeEventHash(event);
    await import('../../../server/store'); // switches to node:crypto on load
    const seen: string[] = [];
    const native = computeEventHash(event);
    expect(native).toBe(portable);
    useSha256((text) => (seen.push(text), portable));
    computeEventHash(event);
    expect(seen).toHaveLength(1); // the switch is the one hashing goes through
    useSha256();
  });
});
