import type { Applicant, Dossier, Procedure, ReceivedDocument } from '../../../shared/domain';
import type { FormKind } from '../printing';
import type { Session } from '../session/service';
import { serviceContext, useRequired } from '../service-context';

export type IntakeOutcome =
  | { outcome: 'received' }
  | { outcome: 'incomplete'; missing: string[]; note: string }
  | { outcome: 'refused'; reason: string };

export interface IntakeInput {
  procedure: Procedure;
  applicant: Applicant;
  documents: ReceivedDocument[];
  receivedAt: string;
  result: IntakeOutcome;
}

/** What the intake screen needs: the catalogue, the appointment, recording and the intake's paper. */
export interface IntakeService {
  /** The active procedures, by code. */
  listProcedures(): Promise<Procedure[]>;
  computeDueAt(startIso: string, procedure: Procedure): string;
  /** Records the intake (received, incomplete or refused) as a new dossier. */
  receive(input: IntakeInput, session: Session): Promise<Dossier>;
  print(form: FormKind, dossier: Dossier, session: Session): Promise<void>;
}

export const IntakeServiceContext = serviceContext<IntakeService>();
export const useIntakeService = (): IntakeService => useRequired(IntakeServiceContext, 'IntakeService');
