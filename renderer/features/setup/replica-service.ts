import { SETTING_KEYS, type Replica } from '../../db';
import type { DirectoryCollections } from '../../db/database';
import { DEMO_ACCOUNTS, demoOfficers, seedDemoOffice } from '../../demo';
import type { Office, Officer } from '../../../shared/domain';
import type { ProvisioningStatus } from '../../../shared/ipc/contract';
import {
  directoryReady,
  enrolOffice,
  finishEnrolment,
  pendingEnrolment,
  provisionedEnrolment,
  type DirectoryCollection,
} from '../sync';
import type { DemoAccount, SetupService } from './service';

/** Which counter this is and how it was provisioned ('demo' for the demo office). */
export interface CounterIdentity {
  counterId: string;
  provisioning: string | null;
}

export async function readCounterIdentity(replica: Replica): Promise<CounterIdentity> {
  return {
    counterId: (await replica.directory.getCounter())?.id ?? '',
    provisioning: await replica.directory.getSetting<string>(SETTING_KEYS.provisioning),
  };
}

export interface SetupDeps {
  replica: Replica;
  /** The directory database's collections, which enrolment pulls before the first login. */
  directoryDb: Pick<DirectoryCollections, DirectoryCollection>;
  /** The desktop shell's enrolment from its provisioning file (web: always unprovisioned). */
  provisioningStatus(): Promise<ProvisioningStatus>;
  identity: CounterIdentity;
  /** Web mode's first run: makes the data key, wrapped for each demo officer, and opens the data. */
  createDataKey(accounts: { officer: Officer; password: string }[]): Promise<void>;
  /** Whether the dossier data is open (on the desktop from the start). */
  dataOpen(): boolean;
  /** Called once the demo or enrolled office is written (the calendar reloads its schedules). */
  onSeeded(): Promise<void>;
}

export function createSetupService(deps: SetupDeps): SetupService {
  const { replica, identity } = deps;
  const enrolment = { directory: replica.directory, directoryDb: deps.directoryDb };
  const enrolled = async (office: Office) => {
    await deps.onSeeded();
    Object.assign(identity, await readCounterIdentity(replica));
    return office;
  };
  return {
    // An office half brought down (a first run cut short) is not one yet: the first run resumes.
    loadOffice: async () =>
      (await directoryReady(replica.directory)) ? replica.directory.getOffice() : null,
    async firstRunState() {
      if (provisionedEnrolment(await deps.provisioningStatus())) return 'provisioned';
      return (await pendingEnrolment(replica.directory)) ? 'pending' : 'none';
    },
    async connect(input, onProgress) {
      return enrolled(await enrolOffice(enrolment, input, onProgress));
    },
    async resume(onProgress) {
      const pending =
        provisionedEnrolment(await deps.provisioningStatus()) ?? (await pendingEnrolment(replica.directory));
      if (!pending) throw new Error('no enrolment to finish');
      return enrolled(await finishEnrolment({ ...enrolment, saveConnection: false }, pending, onProgress));
    },
    async seedDemo() {
      // First run in web mode: the demo office's key is made now and wrapped for each demo officer.
      if (!deps.dataOpen()) {
        const passwords = new Map(DEMO_ACCOUNTS.map((a) => [a.username, a.password]));
        await deps.createDataKey(
          demoOfficers().map((officer) => ({ officer, password: passwords.get(officer.username) ?? '' })),
        );
      }
      await seedDemoOffice(replica.data());
      await deps.onSeeded();
      Object.assign(identity, await readCounterIdentity(replica));
      const office = await replica.directory.getOffice();
      if (!office) throw new Error('demo office missing');
      return office;
    },
    demoAccounts: (): DemoAccount[] =>
      identity.provisioning === 'demo'
        ? DEMO_ACCOUNTS.map((a) => ({
            username: a.username,
            password: a.password,
            roles: [...a.roles],
            fullName: a.fullName,
          }))
        : [],
  };
}
