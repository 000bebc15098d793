import type { ReturnTiming } from '../../../shared/calendar';
import type { Dossier, DossierEvent, Procedure } from '../../../shared/domain';
import type { FormKind } from '../printing';
import type { Session } from '../session/service';
import { serviceContext, useRequired } from '../service-context';

/** What the dossier screen needs besides its steps: the dossier, its history, procedure and papers. */
export interface DossierService {
  getDossier(id: string): Promise<Dossier | null>;
  listEvents(dossierId: string): Promise<DossierEvent[]>;
  getProcedure(id: string): Promise<Procedure | null>;
  classifyReturn(returnedAtIso: string, dueAtIso: string): ReturnTiming;
  print(form: FormKind, dossier: Dossier, session: Session): Promise<void>;
}

export const DossierServiceContext = serviceContext<DossierService>();
export const useDossierService = (): DossierService => useRequired(DossierServiceContext, 'DossierService');
