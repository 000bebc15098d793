import type { WorkCalendar } from '../../../shared/calendar';
import type { Dossier } from '../../../shared/domain';
import {
  apologyDue,
  availableCommands,
  issuesCode,
  NEEDS_ROLE,
  supplementInTime,
  type WorkflowError,
} from '../../../shared/workflow';
import type { SessionStore } from '../../auth';
import type { Replica } from '../../db';
import { i18next } from '../../i18n';
import type { Session } from '../session/service';
import type { StepCommand, StepsService } from './service';

/** A step the workflow refused; the message is the officer's, translated. */
export class StepFailed extends Error {
  constructor(readonly error: WorkflowError) {
    super(i18next.t(error.code, { defaultValue: error.message }));
  }
}

/** A workflow command with its dossier, before the office is added. */
export type DossierCommand = Record<string, unknown> & { dossierId: string };

/** Records a step on the replica and returns the dossier after it. */
export type StepRunner = (command: DossierCommand, session: Session) => Promise<Dossier>;

export function createStepRunner(replica: Replica, sessions: SessionStore): StepRunner {
  return async (command, session) => {
    // The store's actor: a locked or signed-out session cannot act, whatever the screen shows.
    const result = await replica
      .data()
      .applyStep({ ...command, officeId: session.office.id }, sessions.actor());
    if (!result.ok) throw new StepFailed(result.error);
    return result.dossier;
  };
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function createStepsService(deps: {
  replica: Replica;
  calendar: () => WorkCalendar;
  run: StepRunner;
}): StepsService {
  const { replica, calendar, run } = deps;
  return {
    commandsFor: (dossier, role) => availableCommands(dossier, [role]),
    nextRoles: (dossier) => NEEDS_ROLE[dossier.status],
    async apply(dossier, command: StepCommand, session) {
      const full: DossierCommand = { ...command, dossierId: dossier.id };
      if (issuesCode(command.type))
        full.code = await replica.data().issueCode(text(command.receivedAt) || new Date().toISOString());
      return run(full, session);
    },
    computeDueAt: (startIso, procedure) => calendar().computeDueAt(startIso, procedure.legalTime),
    classifyReturn: (returnedAt, dueAt) => calendar().classifyReturn(returnedAt, dueAt),
    apologyDue: (dossier, nowIso) => apologyDue(dossier, nowIso, calendar()),
    isWorkingDay: (date) => calendar().isWorkingDay(date),
    nextWorkingDay: (date) => calendar().nextWorkingDay(date),
    supplementInTime: (dossier, nowIso) => supplementInTime(dossier, nowIso, calendar()),
  };
}
