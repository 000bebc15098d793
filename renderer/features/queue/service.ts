import type { Dossier } from '../../../shared/domain';
import type { DeadlineWatch } from '../../../shared/workflow/watch';
import type { Session } from '../session/service';
import { serviceContext, useRequired } from '../service-context';

export type QueueKind = 'today' | 'mine' | 'due_soon' | 'overdue';
export type QueueCounts = Record<QueueKind, number>;

/** What the home screen needs: the queues and their counts, the code lookup and the search box. */
export interface QueueService {
  queueCounts(session: Session): Promise<QueueCounts>;
  listQueue(kind: QueueKind, session: Session): Promise<Dossier[]>;
  findByCode(code: string): Promise<Dossier | null>;
  search(text: string): Promise<Dossier[]>;
  /** The overdue watch's flag on a row (overdue, due within one working day, …) at `nowIso`. */
  watchOf(dossier: Dossier, nowIso: string): DeadlineWatch;
}

export const QueueServiceContext = serviceContext<QueueService>();
export const useQueueService = (): QueueService => useRequired(QueueServiceContext, 'QueueService');
