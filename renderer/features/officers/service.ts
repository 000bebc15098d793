import type { Officer } from '../../../shared/domain';
import type { Session } from '../session/service';
import { serviceContext, useRequired } from '../service-context';
import type { OfficerOutboxState } from './outbox';

/** Roles that manage the office's officers on a counter. */
export const OFFICER_ADMIN_ROLES = ['admin'] as const;

/**
 * Officers' passwords and active flags as a counter changes them. Every change is checked here
 * (the acting officer re-enters their password, which also signs the change), applied on this
 * counter at once, and queued for the province server, which checks it again; other counters get
 * it at their next sync. Errors carry an i18n key as their message ('officers.*', 'password.*').
 */
export interface OfficersService {
  /** The office's officers as this counter sees them (its own unconfirmed changes included). */
  list(): Promise<Officer[]>;
  /** An admin gives `officerId` a new one-time password; answers it (shown once). */
  resetPassword(session: Session, officerId: string, adminPassword: string): Promise<string>;
  /** An admin deactivates or reactivates `officerId`. */
  setActive(session: Session, officerId: string, active: boolean, adminPassword: string): Promise<void>;
  /** The officer sets their own password (after a one-time one, or a change); answers the new record. */
  changePassword(officer: Officer, currentPassword: string, newPassword: string): Promise<Officer>;
  /** What waits for the server and what it refused. */
  outbox(): Promise<OfficerOutboxState>;
  /** Calls back when an officer may have changed (here or by a sync). */
  onChange(listener: () => void): () => void;
}

export const OfficersServiceContext = serviceContext<OfficersService>();
export const useOfficersService = (): OfficersService =>
  useRequired(OfficersServiceContext, 'OfficersService');
