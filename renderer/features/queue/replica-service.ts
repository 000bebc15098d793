import { statusesAwaiting } from '../../../shared/workflow';
import { byWatch } from '../../../shared/workflow/watch';
import type { Dossier } from '../../../shared/domain';
import { lookupQueryOf, type DossierLookup } from '../../../shared/sync/lookup';
import type { Replica } from '../../db';
import type { OverdueService } from '../overdue/service';
import type { ServerLookupResult } from '../sync/server-lookup';
import type { QueueKind, QueueService, ServerSearch } from './service';

/** The server's lookup through the running sync client (sync/server-lookup.ts); null with no client. */
export type ServerFinder = (query: DossierLookup) => Promise<ServerLookupResult> | null;

/** How many rows each list shows. */
const TODAY_LIMIT = 200;
const QUEUE_LIMIT = 100;
const SEARCH_LIMIT = 50;

/**
 * The queue over the replica; due-soon is the overdue watch's (within one working day, by the
 * calendar). A search nothing local matches (or any search while `historyComplete` says the
 * office's history is still coming down) may ask the server through `findOnServer`.
 */
export function createQueueService(
  replica: Replica,
  watch: OverdueService,
  findOnServer: ServerFinder = () => null,
  historyComplete: () => boolean = () => true,
): QueueService {
  const data = () => replica.data();
  const dueSoon = async (nowIso: string): Promise<Dossier[]> =>
    (await watch.listWatched(nowIso)).filter((r) => r.watch === 'due_soon').map((r) => r.dossier);
  /** Overdue rows first, then due soon, then the rest by due date: the watch's order. */
  const urgentFirst = (rows: Dossier[]): Dossier[] => {
    const now = new Date().toISOString();
    return rows.sort(byWatch((d: Dossier) => watch.watchOf(d, now)));
  };
  return {
    async queueCounts(session) {
      const [counts, today, soon] = await Promise.all([
        data().queueCounts(),
        data().countReceivedToday(),
        dueSoon(new Date().toISOString()),
      ]);
      return {
        today,
        mine: statusesAwaiting(session.role).reduce((sum, s) => sum + (counts.byStatus[s] ?? 0), 0),
        due_soon: soon.length,
        overdue: counts.overdueTotal,
      };
    },
    async listQueue(kind: QueueKind, session) {
      switch (kind) {
        case 'today':
          return (await data().listReceivedToday(TODAY_LIMIT)).reverse();
        case 'mine':
          return urgentFirst(await data().listStatuses(statusesAwaiting(session.role), QUEUE_LIMIT));
        case 'due_soon':
          return (await dueSoon(new Date().toISOString())).slice(0, QUEUE_LIMIT);
        case 'overdue':
          return data().listOverdue(QUEUE_LIMIT);
      }
    },
    watchOf: (dossier, nowIso) => watch.watchOf(dossier, nowIso),
    findByCode: (code) => data().findByCode(code),
    search: (text) => data().lookup(text, SEARCH_LIMIT),
    historyComplete,
    async searchServer(text): Promise<ServerSearch> {
      const query = lookupQueryOf(text);
      if (!query) return { status: 'unsupported' };
      const asked = findOnServer(query);
      if (!asked) return { status: 'no_server' };
      const answer = await asked;
      if (answer.status !== 'found') return answer;
      const read = await Promise.all(answer.dossierIds.map((id) => data().getDossier(id)));
      return { status: 'found', dossiers: read.filter((d): d is Dossier => d !== null), more: answer.more };
    },
  };
}
