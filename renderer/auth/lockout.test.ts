import { describe, expect, it } from 'vitest';
import { officerLan } from '../../tests/support/officer-fixtures';
import { createVerifier, FAST_KDF_PARAMS } from './verifier';
import { loginWithLockout } from './login';
import { LOCKOUT_POLICY, lockedUntil, recordFailure, recordSuccess, type LockoutState } from './lockout';

const MIN = 60_000;

describe('lockout rules', () => {
  it('locks a username for 15 minutes at the fifth failure in a row, then counts afresh', () => {
    let state: LockoutState = {};
    for (let i = 1; i < LOCKOUT_POLICY.maxFailures; i++) {
      state = recordFailure(state, 'lan', i * 1000);
      expect(lockedUntil(state, 'lan', i * 1000)).toBeNull();
    }
    state = recordFailure(state, ' LAN ', 5000);
    expect(lockedUntil(state, 'lan', 5000)).toBe(5000 + 15 * MIN);
    expect(lockedUntil(state, 'lan', 5000 + 15 * MIN - 1)).not.toBeNull();
    expect(lockedUntil(state, 'lan', 5000 + 15 * MIN)).toBeNull();
    // Other usernames are not affected.
    expect(lockedUntil(state, 'minh', 5000)).toBeNull();
    // After the lock ran out, one failure does not lock again.
    state = recordFailure(state, 'lan', 5000 + 16 * MIN);
    expect(lockedUntil(state, 'lan', 5000 + 16 * MIN)).toBeNull();
    expect(state.lan?.failures).toBe(1);
  });

  it('a success clears the count; old entries are forgotten', () => {
    let state = recordFailure(recordFailure({}, 'lan', 0), 'lan', 1);
    state = recordSuccess(state, 'lan');
    expect(state).toEqual({});
    state = recordFailure({}, 'old', 0);
    state = recordFailure(state, 'new', 25 * 60 * MIN);
    expect(Object.keys(state)).toEqual(['new']);
  });
});

describe('login behind the lockout', () => {
  it('locks known and unknown usernames alike, refuses even the right password while locked, and persists', async () => {
    const lan = officerLan({ verifier: await createVerifier('dung-mat-khau', FAST_KDF_PARAMS) });
    const directory = { findOfficerByUsername: async (u: string) => (u === 'lan' ? lan : null) };
    let saved: unknown = {};
    const store = {
      load: async () => structuredClone(saved) as LockoutState,
      save: async (s: LockoutState) => void (saved = structuredClone(s)),
    };
    let t = 1_000_000;
    const now = () => t;
    for (const username of ['lan', 'khongcoai']) {
      const answers: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await loginWithLockout(directory, store, username, 'sai-mat-khau', now);
        answers.push(r.ok ? 'ok' : r.reason);
      }
      expect(answers, username).toEqual([
        'auth.invalid_credentials',
        'auth.invalid_credentials',
        'auth.invalid_credentials',
        'auth.invalid_credentials',
        'auth.locked_out',
      ]);
    }
    // Locked: the right password is refused too, with the end of the lock.
    const locked = await loginWithLockout(directory, store, 'lan', 'dung-mat-khau', now);
    expect(locked).toEqual({ ok: false, reason: 'auth.locked_out', until: 1_000_000 + 15 * MIN });
    // The state is in the store (a reload reads it again) and ends with the time.
    t += 15 * MIN;
    expect(await loginWithLockout(directory, store, 'lan', 'dung-mat-khau', now)).toMatchObject({ ok: true });
    expect(Object.keys(saved as object)).toEqual(['khongcoai']);
  }, 30_000);
});
