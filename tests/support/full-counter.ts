/**
 * A counter with its whole replica (directory and data, as the app opens them), synced with a real
 * server by the real replication client, its calendar rebuilt from the synced holiday schedules,
 * and the app's own intake and steps services over it: what the counter app runs, minus the screens.
 */
import { randomUUID } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { DEFAULT_CODE_LAYOUT, initCounterCodeState } from '../../shared/codes';
import type { Office, Officer, Role } from '../../shared/domain';
import { createCounterDatabase, createCounterRepository, type CounterDatabase } from '../../renderer/db';
import { openCounterCalendar, type CounterCalendar } from '../../renderer/app/calendar';
import { startSync, type SyncClient } from '../../renderer/features/sync/client';
import { syncedCollections } from '../../renderer/features/sync/connect';
import { createIntakeService } from '../../renderer/features/intake/replica-service';
import type { IntakeService } from '../../renderer/features/intake/service';
import { createStepsService, type StepRunner } from '../../renderer/features/steps/replica-service';
import type { StepsService } from '../../renderer/features/steps/service';
import type { Session } from '../../renderer/features/session/service';
import { TEST_KEY } from './db-fixtures';

type Repository = Awaited<ReturnType<typeof createCounterRepository>>;

export interface FullCounter {
  db: CounterDatabase;
  repo: Repository;
  calendar: CounterCalendar;
  sync: SyncClient;
  intake: IntakeService;
  steps: StepsService;
  /** A session of the office's officer holding `role` (the catalogue synced down). */
  sessionAs(role: Role): Promise<Session>;
  close(): Promise<void>;
}

let n = 0;

/**
 * Opens counter `counterId` of `office` on a fresh replica, initialises its dossier numbering
 * (its own `slot`) and starts syncing every collection with the server at `url` under `token`.
 */
export async function openFullCounter(opts: {
  url: string;
  token: string;
  deviceId: string;
  office: string;
  counterId: string;
  agencyCode: string;
  slot: number;
  /** The sync client's fetch (a test may fail some of its requests). */
  fetch?: typeof fetch;
}): Promise<FullCounter> {
  const db = await createCounterDatabase({
    name: `full${++n}${opts.counterId}${Date.now()}`,
    storage: getRxStorageMemory(),
    key: TEST_KEY,
  });
  const repo = await createCounterRepository(db);
  await repo.initCodeState(
    initCounterCodeState({
      officeId: opts.office,
      counterId: opts.counterId,
      agencyCode: opts.agencyCode,
      deviceId: opts.deviceId,
      slot: opts.slot,
      layout: DEFAULT_CODE_LAYOUT,
      epoch: randomUUID(),
      fallbackClosedThrough: null,
    }),
  );
  const calendar = await openCounterCalendar(repo, db.directory);
  const sync = startSync({
    serverUrl: opts.url,
    token: opts.token,
    retryMs: 100,
    maxRetryMs: 1000,
    collections: syncedCollections(db),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const replica = { directory: repo, data: () => repo };
  // The app's runner (steps/replica-service createStepRunner) with the session's officer as actor.
  const run: StepRunner = async (command, session) => {
    const result = await repo.applyStep(
      { ...command, officeId: session.office.id },
      {
        officerId: session.officer.id,
        name: session.officer.fullName,
        roles: session.officer.roles,
        actingRole: session.role,
        counterId: session.counterId,
        officeId: session.office.id,
      },
    );
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.dossier;
  };
  const noPrint = () => Promise.resolve();
  return {
    db,
    repo,
    calendar,
    sync,
    intake: createIntakeService({ replica, calendar: calendar.current, run, print: noPrint }),
    steps: createStepsService({ replica, calendar: calendar.current, run }),
    async sessionAs(role) {
      const officers = (await db.officers.find().exec()).map((d) => d.toMutableJSON() as Officer);
      const officer = officers.find((o) => o.officeId === opts.office && o.roles.includes(role));
      const office = (await db.offices.findOne(opts.office).exec())?.toMutableJSON() as Office | undefined;
      if (!officer || !office) throw new Error(`no ${role} of ${opts.office} synced yet`);
      return { officer, role, office, counterId: opts.counterId };
    },
    async close() {
      await sync.stop();
      await repo.close();
      await db.close();
    },
  };
}
