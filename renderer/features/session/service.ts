import type { Office, Officer, Role } from '../../../shared/domain';
import type { SessionStore } from '../../auth';
import { serviceContext, useRequired } from '../service-context';

/** Who works at this counter now: the signed-in officer, the acting role, the office and counter. */
export interface Session {
  officer: Officer;
  role: Role;
  office: Office;
  counterId: string;
}

/** What the login and lock screens and the app frame need. */
export interface SessionService {
  /** The officer whose username and password match, or null; in web mode it also opens the data. */
  login(username: string, password: string): Promise<Officer | null>;
  counterId(): string;
  /** The signed-in officer, acting role and inactivity lock (renderer/auth). */
  sessions: SessionStore;
}

export const SessionServiceContext = serviceContext<SessionService>();
export const useSessionService = (): SessionService => useRequired(SessionServiceContext, 'SessionService');

export const SessionContext = serviceContext<Session>();
export const useSession = (): Session => useRequired(SessionContext, 'Session');
