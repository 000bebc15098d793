import { addDays, localToIso, toLocalDate, type WorkCalendar } from '../../../shared/calendar';
import { WATCHED_STATUSES, byWatch, deadlineWatch, workingDaysLate } from '../../../shared/workflow/watch';
import type { Replica } from '../../db';
import type { OverdueService, WatchedDossier } from './service';

/** How many dossiers of each status the watch reads at most. */
const WATCH_LIMIT = 500;

export function createOverdueService(deps: {
  replica: Replica;
  calendar: () => WorkCalendar;
}): OverdueService {
  const { replica, calendar } = deps;
  const watchOf: OverdueService['watchOf'] = (dossier, nowIso) => deadlineWatch(dossier, nowIso, calendar());
  return {
    watchOf,
    async listWatched(nowIso) {
      const cal = calendar();
      // Everything due before the end of the next working day, read by the [status, dueAt] index.
      const horizonEnd = localToIso(addDays(cal.addWorkingDays(toLocalDate(nowIso), 1), 1));
      const pages = await Promise.all(
        WATCHED_STATUSES.map((status) =>
          replica.data().listQueue({ status, limit: WATCH_LIMIT, dueFrom: '0', dueBefore: horizonEnd }),
        ),
      );
      const rows: WatchedDossier[] = [];
      for (const dossier of pages.flatMap((p) => p.items)) {
        const watch = watchOf(dossier, nowIso);
        if (watch !== 'overdue' && watch !== 'due_soon') continue;
        rows.push({
          dossier,
          watch,
          workingDaysLate: workingDaysLate(dossier.dueAt, nowIso, cal),
          apologyUsed: dossier.originalDueAt !== '',
        });
      }
      const order = byWatch<WatchedDossier['dossier']>((d) => watchOf(d, nowIso));
      return rows.sort((a, b) => order(a.dossier, b.dossier));
    },
  };
}
