import type { Officer } from '../../../shared/domain';
import { login as verifyLogin, type SessionStore } from '../../auth';
import type { Replica } from '../../db';
import type { SessionService } from './service';

export interface SessionDeps {
  replica: Replica;
  sessions: SessionStore;
  counterId(): string;
  /** Web mode: opens the encrypted data with this officer's wrap of the key; nothing on the desktop. */
  unlockData(officer: Officer, password: string): Promise<void>;
}

export function createSessionService(deps: SessionDeps): SessionService {
  return {
    async login(username, password) {
      const result = await verifyLogin(deps.replica.directory, username, password);
      if (!result.ok) return null;
      await deps.unlockData(result.officer, password);
      return result.officer;
    },
    sessions: deps.sessions,
    counterId: deps.counterId,
  };
}
