import type { Office } from '../../shared/domain';
import { createSessionStore } from '../auth';
import { getPlatform } from '../platform';
import { createBackupService } from '../features/backup/replica-service';
import type { BackupService } from '../features/backup/service';
import { createDossierService } from '../features/dossier/replica-service';
import type { DossierService } from '../features/dossier/service';
import { createIntakeService } from '../features/intake/replica-service';
import type { IntakeService } from '../features/intake/service';
import { createOverdueService } from '../features/overdue/replica-service';
import type { OverdueService } from '../features/overdue/service';
import { createQueueService } from '../features/queue/replica-service';
import type { QueueService } from '../features/queue/service';
import { createRegisterService, registerOf } from '../features/register/replica-service';
import type { RegisterService } from '../features/register/service';
import { createRatingDesk } from '../features/rating/desk';
import { openRatingPort } from '../features/rating/messages';
import type { RatingDesk } from '../features/rating/service';
import { createReportService } from '../features/reports/replica-service';
import type { ReportService } from '../features/reports/service';
import { createSessionService } from '../features/session/replica-service';
import { openOfficers } from '../features/officers/open';
import type { OfficersService } from '../features/officers/service';
import { openCounters } from '../features/counters/open';
import type { CountersService } from '../features/counters/service';
import type { SessionService } from '../features/session/service';
import { createSetupService, readCounterIdentity } from '../features/setup/replica-service';
import type { SetupService } from '../features/setup/service';
import { createStepRunner, createStepsService } from '../features/steps/replica-service';
import type { StepsService } from '../features/steps/service';
import { syncHost } from '../features/sync/host';
import { localHistoryStatus } from '../features/sync/bootstrap-counter';
import { openCounterCalendar } from './calendar';
import { scanHost } from '../features/scans/host';
import { createScansService } from '../features/scans/replica-service';
import type { ScansService } from '../features/scans/service';
import { createPrintService, deviceSealKey } from '../features/printing';
import { openCounterReplica } from './replica';
import type { ConflictServices } from './services';
import { lockDelayMs } from './useActivity';

/** Every feature's service, wired over this counter's replica. */
export interface CounterFeatures {
  setup: SetupService;
  session: SessionService;
  intake: IntakeService;
  steps: StepsService;
  dossier: DossierService;
  queue: QueueService;
  register: RegisterService;
  backup: BackupService;
  reports: ReportService;
  overdue: OverdueService;
  /** The citizen's rating screen as the counter talks to it. */
  rating: RatingDesk;
  officers: OfficersService;
  counters: CountersService;
  /** Digitisation: attach, open and upload scans. */
  scans: ScansService;
  /** What the sync panel's conflict list uses. */
  conflicts: ConflictServices;
  /** Calls back whenever dossiers change (local writes or sync), so lists refresh. */
  onChange(listener: () => void): () => void;
  /** The provisioned office of this counter, or null on a first run. */
  loadOffice(): Promise<Office | null>;
}

/** The composition root: opens the replica and the calendar and wires each feature's service. */
export async function openCounterServices(): Promise<CounterFeatures> {
  const platform = getPlatform();
  const replica = await openCounterReplica();
  const calendarHolder = await openCounterCalendar(replica.directory, replica.directoryDb);
  const calendar = calendarHolder.current;
  const identity = await readCounterIdentity(replica);
  const sessions = createSessionStore({ lockAfterMs: lockDelayMs() });
  const run = createStepRunner(replica, sessions);
  // Official forms print in Vietnamese whatever the UI language (the print service sees to it).
  const { print } = createPrintService({
    eventsOf: (id) => replica.data().eventsOf(id),
    getProcedure: (id) => replica.directory.getProcedure(id),
    registerRows: (year) => registerOf(replica, year),
    sealKey: () => deviceSealKey(replica.directory),
  });

  const setup = createSetupService({
    replica,
    directoryDb: replica.directoryDb,
    provisioningStatus: () => platform.provisioningStatus(),
    identity,
    createDataKey: (accounts) => replica.createDataKey(accounts),
    dataOpen: () => replica.isDataOpen(),
    onSeeded: () => calendarHolder.reload(),
  });
  const steps = createStepsService({ replica, calendar, run });
  const dossier = createDossierService({ replica, calendar, print });
  const { officers, records } = openOfficers(replica);
  const overdue = createOverdueService({ replica, calendar });
  // The citizen's answer on the rating screen becomes the dossier's `rate` step.
  const rating = createRatingDesk({
    port: openRatingPort(),
    async record(dossierId, given, session) {
      const returned = await dossier.getDossier(dossierId);
      if (!returned) throw new Error('workflow.dossier_not_found');
      await steps.apply(returned, { type: 'rate', rating: given }, session);
    },
    openScreen: () => platform.openRatingScreen(),
  });
  return {
    setup,
    session: createSessionService({
      replica,
      sessions,
      counterId: () => identity.counterId,
      unlockData: (officer, password) => replica.unlockData(officer, password),
      records,
      officers,
    }),
    intake: createIntakeService({ replica, calendar, run, print }),
    steps,
    dossier,
    // A search nothing local matches asks the server through the running sync client, if any.
    queue: createQueueService(
      replica,
      overdue,
      (query) => syncHost.get().client?.findOnServer(query) ?? null,
      () => localHistoryStatus.get()?.complete !== false,
    ),
    register: createRegisterService({
      replica,
      print: (year, session) => print('06', null, session, { year }),
    }),
    backup: createBackupService({ replica, sessions, platform }),
    reports: createReportService({ replica, platform }),
    overdue,
    rating,
    officers,
    counters: openCounters(replica, records),
    scans: createScansService({ host: scanHost, run, listEvents: (id) => replica.data().eventsOf(id) }),
    conflicts: { getDossier: dossier.getDossier, commandsFor: steps.commandsFor, apply: steps.apply },
    onChange: (listener) => replica.onChange(listener),
    loadOffice: () => setup.loadOffice(),
  };
}
