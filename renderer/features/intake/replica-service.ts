import type { WorkCalendar } from '../../../shared/calendar';
import type { Dossier } from '../../../shared/domain';
import { procedureAsOf, procedureTermsOn } from '../../../shared/rules';
import type { Replica } from '../../db';
import type { FormKind } from '../printing';
import type { Session } from '../session/service';
import type { StepRunner } from '../steps/replica-service';
import type { IntakeInput, IntakeService } from './service';

export function createIntakeService(deps: {
  replica: Replica;
  calendar: () => WorkCalendar;
  run: StepRunner;
  print: (form: FormKind, dossier: Dossier, session: Session) => Promise<void>;
}): IntakeService {
  const { replica, calendar, run } = deps;
  return {
    // Each procedure as the version in force today has it (documents, fees, legal time).
    listProcedures: async () => {
      const today = new Date().toISOString();
      return (await replica.directory.listProcedures())
        .filter((p) => p.active)
        .map((p) => procedureAsOf(p, today))
        .sort((a, b) => a.code.localeCompare(b.code));
    },
    computeDueAt: (startIso, procedure) =>
      calendar().computeDueAt(startIso, procedureTermsOn(procedure, startIso).legalTime),
    async receive(input: IntakeInput, session) {
      const { procedure, applicant, documents, receivedAt, result } = input;
      // The version in force at receipt, from the catalogue as stored: recorded on the dossier.
      const catalogued = (await replica.directory.getProcedure(procedure.id)) ?? procedure;
      const terms = procedureTermsOn(catalogued, receivedAt);
      const content = {
        dossierId: crypto.randomUUID(),
        counterId: session.counterId,
        procedureId: procedure.id,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        procedureVersion: terms.version,
        sectorId: procedure.sectorId,
        channel: 'counter',
        applicant,
        documents,
        receivedAt,
      };
      // A complete intake is the one that issues the dossier's code (shared/workflow issuesCode).
      if (result.outcome === 'received') {
        const code = await replica.data().issueCode(receivedAt);
        return run(
          {
            type: 'receive',
            ...content,
            code,
            clockStartAt: receivedAt,
            dueAt: calendar().computeDueAt(receivedAt, terms.legalTime),
          },
          session,
        );
      }
      if (result.outcome === 'incomplete') {
        const reason = result.note;
        return run(
          {
            type: 'record_incomplete',
            ...content,
            notes: result.note,
            missingDocuments: result.missing.map((name) => ({ name, reason })),
          },
          session,
        );
      }
      return run({ type: 'refuse_intake', ...content, reason: result.reason }, session);
    },
    print: deps.print,
  };
}
