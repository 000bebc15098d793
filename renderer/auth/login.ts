import type { LoginVerifier, Officer } from '../../shared/domain';
import { verifyPassword } from './verifier';
import { loadLockout, lockedUntil, recordFailure, recordSuccess, type LockoutStore } from './lockout';

export type OfficerDirectory = { findOfficerByUsername(username: string): Promise<Officer | null> };

/** A verifier that matches no password, checked when the username is unknown so both paths cost the same. */
const DECOY: LoginVerifier = {
  algorithm: 'argon2id',
  saltB64: 'AAAAAAAAAAAAAAAAAAAAAA==',
  hashB64: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  memoryKiB: 64 * 1024,
  iterations: 3,
  parallelism: 1,
};

export type LoginResult =
  | { ok: true; officer: Officer }
  | { ok: false; reason: 'auth.invalid_credentials' | 'auth.inactive' | 'auth.no_verifier' };

/**
 * Offline login against the officers cached on the counter (replicated from the province, or the
 * demo office). Wrong username and wrong password give the same answer in the same time.
 */
export async function login(
  directory: OfficerDirectory,
  username: string,
  password: string,
): Promise<LoginResult> {
  const officer = await directory.findOfficerByUsername(username.trim().toLowerCase());
  if (!officer || !officer.verifier) {
    await verifyPassword(officer?.verifier ?? DECOY, password);
    return { ok: false, reason: officer ? 'auth.no_verifier' : 'auth.invalid_credentials' };
  }
  const ok = await verifyPassword(officer.verifier, password);
  if (!ok) return { ok: false, reason: 'auth.invalid_credentials' };
  if (!officer.active) return { ok: false, reason: 'auth.inactive' };
  return { ok: true, officer };
}

export type GuardedLoginResult = LoginResult | { ok: false; reason: 'auth.locked_out'; until: number };

/**
 * login() behind this counter's failed-login lockout (./lockout.ts): a locked username is refused
 * before any password check, known or not; a wrong password (or unknown username) counts, and the
 * failure that reaches the limit already answers 'auth.locked_out'.
 */
export async function loginWithLockout(
  directory: OfficerDirectory,
  lockout: LockoutStore,
  username: string,
  password: string,
  now: () => number = Date.now,
): Promise<GuardedLoginResult> {
  const state = await loadLockout(lockout);
  const until = lockedUntil(state, username, now());
  if (until !== null) return { ok: false, reason: 'auth.locked_out', until };
  const result = await login(directory, username, password);
  if (result.ok) {
    if (state[username.trim().toLowerCase()]) await lockout.save(recordSuccess(state, username));
    return result;
  }
  if (result.reason === 'auth.inactive') return result;
  // Read again: another login may have counted meanwhile.
  const next = recordFailure(await loadLockout(lockout), username, now());
  await lockout.save(next);
  const locked = lockedUntil(next, username, now());
  return locked !== null ? { ok: false, reason: 'auth.locked_out', until: locked } : result;
}
