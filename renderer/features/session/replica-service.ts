import type { Officer } from '../../../shared/domain';
import { createQuickSwitch, loginWithLockout, type LockoutState, type SessionStore } from '../../auth';
import type { Replica } from '../../db';
import type { OfficerRecords } from '../officers/records';
import type { OfficersService } from '../officers/service';
import type { LoginOutcome, SessionService } from './service';

/** Where this counter keeps the failed-login counts (directory settings: they hold offline). */
export const LOCKOUT_SETTING = 'auth.lockout';

export interface SessionDeps {
  replica: Replica;
  sessions: SessionStore;
  counterId(): string;
  /** Web mode: opens the encrypted data with this officer's wrap of the key; nothing on the desktop. */
  unlockData(officer: Officer, password: string): Promise<void>;
  /** The officers as this counter sees them (its own unconfirmed changes included). */
  records: OfficerRecords;
  officers: Pick<OfficersService, 'changePassword'>;
  now?: () => number;
  /** PBKDF2 rounds over quick-switch PINs (tests lower them). */
  pinIterations?: number;
}

export function createSessionService(deps: SessionDeps): SessionService {
  const { directory } = deps.replica;
  const now = deps.now ?? Date.now;
  const lockout = {
    load: async () => (await directory.getSetting<LockoutState>(LOCKOUT_SETTING)) ?? {},
    save: (state: LockoutState) => directory.setSetting(LOCKOUT_SETTING, state),
  };

  const quick = createQuickSwitch({ now, iterations: deps.pinIterations });
  // The role an officer last acted in is the one their PIN brings back.
  deps.sessions.subscribe((state) => {
    if (state.status === 'active') quick.touch(state.officer.id, state.role);
  });

  // A change to the signed-in officer (deactivated, reset, new password), made here or pulled by a
  // sync, reaches the session at once: a deactivated officer's session ends.
  deps.records.onChange(() => {
    for (const { officer } of quick.available())
      void deps.records
        .get(officer.id)
        .then((fresh) => (fresh ? quick.refresh(fresh) : quick.forget(officer.id)));
    const state = deps.sessions.get();
    if (state.status === 'signed_out') return;
    void deps.records.get(state.officer.id).then((officer) => {
      if (officer) deps.sessions.refreshOfficer(officer);
      else deps.sessions.signOut();
    });
  });

  return {
    async login(username, password): Promise<LoginOutcome> {
      const result = await loginWithLockout(deps.records, lockout, username, password, now);
      if (!result.ok) {
        if (result.reason === 'auth.locked_out')
          return {
            ok: false,
            message: 'login.locked_out',
            minutesLeft: Math.max(1, Math.ceil((result.until - now()) / 60_000)),
          };
        return {
          ok: false,
          message:
            result.reason === 'auth.inactive'
              ? 'login.inactive'
              : result.reason === 'auth.no_verifier'
                ? 'login.no_verifier'
                : 'login.failed',
        };
      }
      await deps.unlockData(result.officer, password);
      return {
        ok: true,
        officer: result.officer,
        mustChangePassword: result.officer.mustChangePassword === true,
      };
    },
    changePassword: (officer, currentPassword, newPassword) =>
      deps.officers.changePassword(officer, currentPassword, newPassword),
    sessions: deps.sessions,
    counterId: deps.counterId,
    quickSwitch: {
      available: () => quick.available(),
      setPin: (officer, role, pin) => quick.enrol(officer, role, pin),
      async unlock(officerId, pin) {
        const result = await quick.unlock(officerId, pin);
        if (!result.ok) return result;
        // The record as this PC knows it now: a sync may have deactivated or reset the officer.
        const fresh = await deps.records.get(officerId);
        if (fresh) quick.refresh(fresh);
        if (!fresh || !quick.has(officerId)) {
          quick.forget(officerId);
          return { ok: false, reason: 'pin.expired' };
        }
        return { ok: true, officer: fresh, role: result.role };
      },
      subscribe: (listener) => quick.subscribe(listener),
    },
  };
}
