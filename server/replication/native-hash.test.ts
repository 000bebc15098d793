import { describe, expect, it } from 'vitest';
import { AUDIT_FORMAT_VECTOR } from '../../tests/support/workflow-fixtures';
import { computeEventHash, useSha256 } from '../../shared/workflow/hash';

describe('the server hashes events with node:crypto', () => {
  it('gives the digests the counters compute (the audit-format vector)', async () => {
    useSha256();
    expect(computeEventHash(AUDIT_FORMAT_VECTOR.event)).toBe(AUDIT_FORMAT_VECTOR.hash);
    await import('./store'); // switches to node:crypto on load
    expect(computeEventHash(AUDIT_FORMAT_VECTOR.event)).toBe(AUDIT_FORMAT_VECTOR.hash);
    const seen: string[] = [];
    useSha256((text) => (seen.push(text), AUDIT_FORMAT_VECTOR.hash));
    computeEventHash(AUDIT_FORMAT_VECTOR.event);
    expect(seen).toHaveLength(1); // the switch is the one hashing goes through
    useSha256();
  });
});
