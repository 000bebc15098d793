import type { Dossier } from '../../../shared/domain';
import type { DeadlineWatch } from '../../../shared/workflow/watch';
import type { Session } from '../session/service';
import { serviceContext, useRequired } from '../service-context';

export type QueueKind = 'today' | 'mine' | 'due_soon' | 'overdue';
export type QueueCounts = Record<QueueKind, number>;

/**
 * The provincial server's answer to a search nothing local matched: the dossiers it found (now
 * stored in the replica), none, no answer (offline), no server (the counter is not enrolled), or
 * text it cannot look up (a phone number, a partial number).
 */
export type ServerSearch =
  | { status: 'found'; dossiers: Dossier[]; more: boolean }
  | { status: 'none' }
  | { status: 'offline' }
  | { status: 'no_server' }
  | { status: 'unsupported' };

/** What the home screen needs: the queues and their counts, the code lookup and the search box. */
export interface QueueService {
  queueCounts(session: Session): Promise<QueueCounts>;
  listQueue(kind: QueueKind, session: Session): Promise<Dossier[]>;
  findByCode(code: string): Promise<Dossier | null>;
  search(text: string): Promise<Dossier[]>;
  /**
   * Asks the provincial server for what `text` names (code, ID number or tax code, name) when the
   * replica holds nothing that matches: what it finds is stored as if pulled, then read back.
   */
  searchServer(text: string): Promise<ServerSearch>;
  /**
   * Whether the replica holds the office's whole history: while it does not, a search that found
   * some dossiers asks the server for the rest too.
   */
  historyComplete(): boolean;
  /** The overdue watch's flag on a row (overdue, due within one working day, …) at `nowIso`. */
  watchOf(dossier: Dossier, nowIso: string): DeadlineWatch;
}

export const QueueServiceContext = serviceContext<QueueService>();
export const useQueueService = (): QueueService => useRequired(QueueServiceContext, 'QueueService');
