import type { Office, Officer, Role } from '../../shared/domain';
import type { Actor } from '../../shared/workflow';
import { verifyPassword } from './verifier';

/**
 * The signed-in officer and the role they act in, as a small observable store. The session locks
 * after a period without activity (counter PCs are shared): a locked session keeps the officer but
 * refuses to produce an Actor until the same officer re-enters the password.
 */
export type SessionState =
  | { status: 'signed_out' }
  | {
      status: 'active' | 'locked';
      officer: Officer;
      role: Role;
      office: Office;
      counterId: string;
      since: string;
    };

export type SessionStore = ReturnType<typeof createSessionStore>;

export type SessionOptions = {
  /** Inactivity before locking, in ms (default 10 minutes). */
  lockAfterMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

export const DEFAULT_LOCK_AFTER_MS = 10 * 60_000;

export function createSessionStore(options: SessionOptions = {}) {
  const lockAfterMs = options.lockAfterMs ?? DEFAULT_LOCK_AFTER_MS;
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let state: SessionState = { status: 'signed_out' };
  let lastActivity = now();
  let timer: unknown = null;
  const listeners = new Set<(s: SessionState) => void>();

  const emit = () => {
    for (const l of listeners) l(state);
  };
  const set = (next: SessionState) => {
    state = next;
    emit();
  };
  const arm = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (state.status !== 'active') return;
    const remaining = lastActivity + lockAfterMs - now();
    timer = setTimer(check, Math.max(0, remaining));
  };
  function check() {
    timer = null;
    if (state.status !== 'active') return;
    if (now() - lastActivity >= lockAfterMs) set({ ...state, status: 'locked' });
    else arm();
  }

  return {
    get: (): SessionState => state,
    subscribe(listener: (s: SessionState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Start a session for an officer who just passed `login()`, acting in one of their roles. */
    start(officer: Officer, role: Role, office: Office, counterId: string): void {
      if (!officer.roles.includes(role)) throw new Error('auth.role_not_held');
      lastActivity = now();
      set({ status: 'active', officer, role, office, counterId, since: new Date(now()).toISOString() });
      arm();
    },
    /** Switch the acting role (the officer must hold it). */
    setRole(role: Role): void {
      if (state.status !== 'active') throw new Error('auth.not_active');
      if (!state.officer.roles.includes(role)) throw new Error('auth.role_not_held');
      set({ ...state, role });
    },
    /** Call on user input (keyboard, pointer): postpones the lock. */
    touch(): void {
      if (state.status !== 'active') return;
      lastActivity = now();
    },
    /** Lock now if the inactivity delay has passed (also runs on its own timer). */
    check,
    lock(): void {
      if (state.status === 'active') set({ ...state, status: 'locked' });
      arm();
    },
    /** Unlock with the same officer's password; false (and still locked) otherwise. */
    async unlock(password: string): Promise<boolean> {
      if (state.status !== 'locked' || !state.officer.verifier) return false;
      const ok = await verifyPassword(state.officer.verifier, password);
      if (ok && state.status === 'locked') {
        lastActivity = now();
        set({ ...state, status: 'active' });
        arm();
      }
      return ok;
    },
    signOut(): void {
      set({ status: 'signed_out' });
      arm();
    },
    /**
     * The signed-in officer's record changed (on this counter or by a sync): the session carries the
     * new one (a new password unlocks it). Deactivated, reset to a one-time password by an admin,
     * or without the acting role any more: the session ends at once.
     */
    refreshOfficer(officer: Officer): void {
      if (state.status === 'signed_out' || state.officer.id !== officer.id) return;
      if (officer.updatedAt === state.officer.updatedAt) return;
      const newSalt = officer.verifier?.saltB64 !== state.officer.verifier?.saltB64;
      const reset = officer.mustChangePassword === true && newSalt;
      if (!officer.active || reset || !officer.roles.includes(state.role)) {
        set({ status: 'signed_out' });
        arm();
        return;
      }
      set({ ...state, officer });
    },
    /** Who acts, for shared/workflow decide(). Throws when nobody is signed in or the session is locked. */
    actor(): Actor {
      if (state.status !== 'active')
        throw new Error(state.status === 'locked' ? 'auth.locked' : 'auth.signed_out');
      return {
        officerId: state.officer.id,
        name: state.officer.fullName,
        roles: [...state.officer.roles],
        actingRole: state.role,
        counterId: state.counterId,
        officeId: state.office.id,
      };
    },
  };
}
