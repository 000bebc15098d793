import type { ReturnTiming } from '../../../shared/calendar';
import type { Dossier, Procedure, Role } from '../../../shared/domain';
import type { CommandType } from '../../../shared/workflow/transitions';
import type { Session } from '../session/service';
import { serviceContext, useRequired } from '../service-context';

/**
 * A step the officer takes on a dossier: a shared/workflow command without its envelope
 * (dossierId, officeId) and without what the service fills in (the dossier code on complete_intake).
 */
export type StepCommand = { type: CommandType } & Record<string, unknown>;

/** What a step's form is given: the dossier and its procedure, and where the command it builds goes. */
export interface StepProps<T extends CommandType = CommandType> {
  type: T;
  dossier: Dossier;
  procedure: Procedure | null;
  now: string;
  busy: boolean;
  onSubmit: (command: StepCommand) => void;
  onCancel: () => void;
}

/** What the step buttons and step forms need: which steps, their deadlines, and taking one. */
export interface StepsService {
  commandsFor(dossier: Dossier, role: Role): CommandType[];
  /** Roles expected to act next on a dossier in this status. */
  nextRoles(dossier: Dossier): readonly Role[];
  apply(dossier: Dossier, command: StepCommand, session: Session): Promise<Dossier>;
  computeDueAt(startIso: string, procedure: Procedure): string;
  classifyReturn(returnedAtIso: string, dueAtIso: string): ReturnTiming;
  /** Whether an apology (form 04) is due now (shared/workflow/deadlines.ts). */
  apologyDue(dossier: Dossier, nowIso: string): boolean;
  isWorkingDay(date: string): boolean;
  /** First working day strictly after `date` (YYYY-MM-DD). */
  nextWorkingDay(date: string): string;
  /** Supplement asked within 3 working days of receipt (law); later needs a reason. */
  supplementInTime(dossier: Dossier, nowIso: string): boolean;
}

export const StepsServiceContext = serviceContext<StepsService>();
export const useStepsService = (): StepsService => useRequired(StepsServiceContext, 'StepsService');
