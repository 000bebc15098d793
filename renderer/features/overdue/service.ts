import type { Dossier, Role } from '../../../shared/domain';
import type { DeadlineWatch } from '../../../shared/workflow/watch';
import { serviceContext, useRequired } from '../service-context';

/** Who sees the overdue list: the supervisor, the head of the agency (who signs form 04) and IT staff. */
export const OVERDUE_ROLES: readonly Role[] = ['supervisor', 'approver', 'admin'];

/** An open dossier the watch flags. */
export interface WatchedDossier {
  dossier: Dossier;
  watch: 'overdue' | 'due_soon';
  /** Working days past the appointment (0 when due today or not yet due). */
  workingDaysLate: number;
  /** Form 04 already set a new date (it may only once). */
  apologyUsed: boolean;
}

/** The overdue watch over this counter's replica, judged with the office's working calendar. */
export interface OverdueService {
  /** Open dossiers overdue or due within one working day at `nowIso`, the most urgent first. */
  listWatched(nowIso: string): Promise<WatchedDossier[]>;
  /** One dossier's place in the watch at `nowIso`. */
  watchOf(dossier: Dossier, nowIso: string): DeadlineWatch;
}

export const OverdueServiceContext = serviceContext<OverdueService>();
export const useOverdueService = (): OverdueService => useRequired(OverdueServiceContext, 'OverdueService');
