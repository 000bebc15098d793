import { z } from 'zod';

/**
 * Failed-login lockout on this counter: after `maxFailures` wrong passwords in a row for a username,
 * that username is locked for `lockMinutes`. Kept in the directory settings, so it holds offline and
 * across reloads. Usernames are counted whether or not an officer has them, so the lock tells
 * nobody which usernames exist.
 */
export const LOCKOUT_POLICY = { maxFailures: 5, lockMinutes: 15 } as const;

/** Entries older than this without a failure are dropped; at most MAX_ENTRIES are kept. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;
const MAX_ENTRIES = 500;

const entrySchema = z.object({
  failures: z.number().int().min(0),
  lastFailureAt: z.number(),
  lockedUntil: z.number().nullable(),
});
export const lockoutStateSchema = z.record(z.string(), entrySchema);
export type LockoutState = z.infer<typeof lockoutStateSchema>;

export interface LockoutStore {
  load(): Promise<LockoutState>;
  save(state: LockoutState): Promise<void>;
}

const key = (username: string) => username.trim().toLowerCase().slice(0, 100);

/** When the lock on `username` ends (epoch ms), or null when it may try now. */
export function lockedUntil(state: LockoutState, username: string, now: number): number | null {
  const until = state[key(username)]?.lockedUntil ?? null;
  return until !== null && until > now ? until : null;
}

/** The state after one more failed login for `username` (locking it at the limit). */
export function recordFailure(
  state: LockoutState,
  username: string,
  now: number,
  policy: { maxFailures: number; lockMinutes: number } = LOCKOUT_POLICY,
): LockoutState {
  const k = key(username);
  const previous = state[k];
  // A lock that has run out starts a new count.
  const expired = previous !== undefined && previous.lockedUntil !== null && previous.lockedUntil <= now;
  const failures = (expired || !previous ? 0 : previous.failures) + 1;
  const locked = failures >= policy.maxFailures;
  const next: LockoutState = {
    ...prune(state, now),
    [k]: {
      failures: locked ? 0 : failures,
      lastFailureAt: now,
      lockedUntil: locked ? now + policy.lockMinutes * 60_000 : null,
    },
  };
  return next;
}

/** The state after a successful login: the count starts again. */
export function recordSuccess(state: LockoutState, username: string): LockoutState {
  const { [key(username)]: _dropped, ...rest } = state;
  return rest;
}

function prune(state: LockoutState, now: number): LockoutState {
  const kept = Object.entries(state)
    .filter(([, e]) => (e.lockedUntil ?? 0) > now || now - e.lastFailureAt < FORGET_AFTER_MS)
    .sort(([, a], [, b]) => b.lastFailureAt - a.lastFailureAt)
    .slice(0, MAX_ENTRIES - 1);
  return Object.fromEntries(kept);
}

/** Reads the stored state, treating a damaged one as empty (never blocks every login). */
export async function loadLockout(store: LockoutStore): Promise<LockoutState> {
  const parsed = lockoutStateSchema.safeParse(await store.load());
  return parsed.success ? parsed.data : {};
}
