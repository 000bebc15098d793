import { createContext } from 'react';
import type { Dossier, Role } from '../../shared/domain';
import type { CommandType } from '../../shared/workflow/transitions';
import type { Session } from '../features/session/service';
import type { StepCommand } from '../features/steps/service';

export { SessionContext, type Session } from '../features/session/service';
export type { StepCommand } from '../features/steps/service';

/**
 * What the sync panel's conflict list needs from the counter: read a dossier and take a
 * contact-details step on it.
 */
export interface ConflictServices {
  getDossier(id: string): Promise<Dossier | null>;
  commandsFor(dossier: Dossier, role: Role): CommandType[];
  apply(dossier: Dossier, command: StepCommand, session: Session): Promise<Dossier>;
}

export const ServicesContext = createContext<ConflictServices | null>(null);
