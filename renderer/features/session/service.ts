import type { Office, Officer, Role } from '../../../shared/domain';
import type { QuickSwitchResult, SessionStore } from '../../auth';
import { serviceContext, useRequired } from '../service-context';

/** Who works at this counter now: the signed-in officer, the acting role, the office and counter. */
export interface Session {
  officer: Officer;
  role: Role;
  office: Office;
  counterId: string;
}

/**
 * The answer to a login: the officer (who must first set their own password when they came in with
 * a one-time one), or why not, as an i18n key ('login.failed', 'login.inactive', 'login.locked_out'
 * with the minutes left).
 */
export type LoginOutcome =
  | { ok: true; officer: Officer; mustChangePassword: boolean }
  | { ok: false; message: 'login.failed' | 'login.inactive' | 'login.no_verifier' }
  | { ok: false; message: 'login.locked_out'; minutesLeft: number };

/** What the login and lock screens and the app frame need. */
export interface SessionService {
  /** Checks the username and password behind the lockout; in web mode it also opens the data. */
  login(username: string, password: string): Promise<LoginOutcome>;
  /** The officer sets their own password (old or one-time one, then the new one); the new record. */
  changePassword(officer: Officer, currentPassword: string, newPassword: string): Promise<Officer>;
  counterId(): string;
  /** The signed-in officer, acting role and inactivity lock (renderer/auth). */
  sessions: SessionStore;
  /** Coming back with a PIN on this PC today (renderer/auth/quick-switch.ts). */
  quickSwitch: QuickSwitchService;
}

/** The quick switch as the login screen and the account menu use it. */
export interface QuickSwitchService {
  /** The officers who can come back with their PIN now, most recently active first. */
  available(): { officer: Officer; role: Role }[];
  /** The signed-in officer sets their PIN for today ('pin.format' / 'pin.trivial' when refused). */
  setPin(officer: Officer, role: Role, pin: string): Promise<void>;
  /** Checks the PIN against this PC's memory and the officer's current record. */
  unlock(officerId: string, pin: string): Promise<QuickSwitchResult>;
  subscribe(listener: () => void): () => void;
}

export const SessionServiceContext = serviceContext<SessionService>();
export const useSessionService = (): SessionService => useRequired(SessionServiceContext, 'SessionService');

export const SessionContext = serviceContext<Session>();
export const useSession = (): Session => useRequired(SessionContext, 'Session');
