import { describe, expect, it } from 'vitest';
import type { Officer } from '../domain';
import { applyChange, refusalOf, signChange, verifyChangeSignature, type OfficerChange } from './changes';
import { createCredentials, fromBase64, generateOneTimePassword, signingSeed, toBase64 } from './credentials';
import { argon2 } from './argon2';

// The smallest parameters the schema allows.
const FAST = { memoryKiB: 8 * 1024, iterations: 1, parallelism: 1 };

const officer = (id: string, roles: Officer['roles'], extra: Partial<Officer> = {}): Officer => ({
  id,
  officeId: 'office-1',
  username: id,
  fullName: id,
  title: '',
  roles,
  active: true,
  verifier: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('officer credentials and signed changes', () => {
  it('base64 round-trips and one-time passwords are readable and random', () => {
    for (const n of [0, 1, 2, 3, 31, 32, 64]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37) % 256);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
    const a = generateOneTimePassword();
    expect(a).toMatch(/^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/);
    expect(generateOneTimePassword()).not.toBe(a);
  });

  it('a change signed with the key of the password verifies against the public key only', async () => {
    const creds = await createCredentials('mat-khau-quan-tri', FAST, argon2);
    const seed = await signingSeed('mat-khau-quan-tri', creds.verifier, argon2);
    const change: OfficerChange = {
      kind: 'set_active',
      id: 'c1',
      officerId: 'lan',
      actorId: 'admin',
      at: '2026-03-02T02:00:00.000Z',
      active: false,
    };
    const signed = signChange(change, seed);
    expect(verifyChangeSignature(signed, creds.signingKey)).toBe(true);
    // Any edit of the change, or another password's key, fails.
    expect(verifyChangeSignature({ ...signed, change: { ...change, active: true } }, creds.signingKey)).toBe(
      false,
    );
    expect(
      verifyChangeSignature({ ...signed, change: { ...change, officerId: 'minh' } }, creds.signingKey),
    ).toBe(false);
    const wrong = await signingSeed('mat-khau-khac', creds.verifier, argon2);
    expect(verifyChangeSignature(signChange(change, wrong), creds.signingKey)).toBe(false);
  });

  it('refuses what the records do not allow, and applies the rest', async () => {
    const admin = officer('admin', ['admin']);
    const lan = officer('lan', ['receiver'], { passwordChangedAt: '2026-03-01T00:00:00.000Z' });
    const creds = await createCredentials('mat-khau-moi-lan', FAST, argon2);
    const at = '2026-03-02T02:00:00.000Z';
    const reset: OfficerChange = {
      kind: 'reset_password',
      id: 'r',
      officerId: 'lan',
      actorId: 'admin',
      at,
      ...creds,
    };
    const own: OfficerChange = {
      kind: 'set_password',
      id: 's',
      officerId: 'lan',
      actorId: 'lan',
      at,
      ...creds,
    };
    const off: OfficerChange = {
      kind: 'set_active',
      id: 'a',
      officerId: 'lan',
      actorId: 'admin',
      at,
      active: false,
    };
    const cases: [OfficerChange, Officer | null, Officer | null, string, string | null][] = [
      [reset, admin, lan, 'office-1', null],
      [reset, admin, lan, 'office-2', 'other_office'],
      [reset, admin, { ...lan, officeId: 'office-2' }, 'office-1', 'other_office'],
      [reset, lan, lan, 'office-1', 'not_admin'],
      [reset, { ...admin, active: false }, lan, 'office-1', 'actor_inactive'],
      [reset, admin, null, 'office-1', 'unknown_officer'],
      [{ ...reset, at: '2026-02-01T00:00:00.000Z' }, admin, lan, 'office-1', 'stale'],
      [own, lan, lan, 'office-1', null],
      [{ ...own, actorId: 'admin' }, admin, lan, 'office-1', 'not_self'],
      [own, { ...lan, active: false }, { ...lan, active: false }, 'office-1', 'actor_inactive'],
      [off, admin, lan, 'office-1', null],
      [{ ...off, at: '2026-02-01T00:00:00.000Z' }, admin, lan, 'office-1', null],
    ];
    for (const [change, actor, target, office, expected] of cases)
      expect(refusalOf(change, actor, target, office), JSON.stringify([change.kind, actor?.id, office])).toBe(
        expected,
      );
    const afterReset = applyChange(lan, reset, '2026-03-02T02:00:01.000Z');
    expect(afterReset).toMatchObject({
      mustChangePassword: true,
      passwordChangedAt: at,
      signingKey: creds.signingKey,
    });
    expect(applyChange(afterReset, own, 'x').mustChangePassword).toBe(false);
    expect(applyChange(lan, off, 'x').active).toBe(false);
  });
});
