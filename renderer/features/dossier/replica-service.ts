import type { WorkCalendar } from '../../../shared/calendar';
import type { Replica } from '../../db';
import type { DossierService } from './service';

export function createDossierService(deps: {
  replica: Replica;
  calendar: () => WorkCalendar;
  print: DossierService['print'];
}): DossierService {
  const { replica, calendar } = deps;
  return {
    getDossier: (id) => replica.data().getDossier(id),
    listEvents: (id) => replica.data().eventsOf(id),
    getProcedure: (id) => replica.directory.getProcedure(id),
    classifyReturn: (returnedAt, dueAt) => calendar().classifyReturn(returnedAt, dueAt),
    print: deps.print,
  };
}
