import { statusesAwaiting } from '../../../shared/workflow';
import type { Replica } from '../../db';
import type { QueueKind, QueueService } from './service';

/** How many rows each list shows. */
const TODAY_LIMIT = 200;
const QUEUE_LIMIT = 100;
const SEARCH_LIMIT = 50;

export function createQueueService(replica: Replica): QueueService {
  const data = () => replica.data();
  return {
    async queueCounts(session) {
      const [counts, today] = await Promise.all([data().queueCounts(), data().countReceivedToday()]);
      return {
        today,
        mine: statusesAwaiting(session.role).reduce((sum, s) => sum + (counts.byStatus[s] ?? 0), 0),
        due_soon: counts.dueSoonTotal,
        overdue: counts.overdueTotal,
      };
    },
    async listQueue(kind: QueueKind, session) {
      switch (kind) {
        case 'today':
          return (await data().listReceivedToday(TODAY_LIMIT)).reverse();
        case 'mine':
          return data().listStatuses(statusesAwaiting(session.role), QUEUE_LIMIT);
        case 'due_soon':
          return data().listDueSoon(QUEUE_LIMIT);
        case 'overdue':
          return data().listOverdue(QUEUE_LIMIT);
      }
    },
    findByCode: (code) => data().findByCode(code),
    search: (text) => data().lookup(text, SEARCH_LIMIT),
  };
}
