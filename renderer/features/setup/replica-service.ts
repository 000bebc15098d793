import { SETTING_KEYS, type Replica } from '../../db';
import { DEMO_ACCOUNTS, demoOfficers, seedDemoOffice } from '../../demo';
import type { Officer } from '../../../shared/domain';
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
  identity: CounterIdentity;
  /** Web mode's first run: makes the data key, wrapped for each demo officer, and opens the data. */
  createDataKey(accounts: { officer: Officer; password: string }[]): Promise<void>;
  /** Whether the dossier data is open (on the desktop from the start). */
  dataOpen(): boolean;
  /** Called once the demo office is written (the calendar reloads its schedules). */
  onSeeded(): Promise<void>;
}

export function createSetupService(deps: SetupDeps): SetupService {
  const { replica, identity } = deps;
  return {
    loadOffice: () => replica.directory.getOffice(),
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
