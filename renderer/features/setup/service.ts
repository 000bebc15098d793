import type { Office, Role } from '../../../shared/domain';
import { serviceContext, useRequired } from '../service-context';

export interface DemoAccount {
  username: string;
  password: string;
  roles: Role[];
  fullName: string;
}

/** What the first-run screen and the demo accounts table need. */
export interface SetupService {
  /** The provisioned office of this counter, or null on a first run. */
  loadOffice(): Promise<Office | null>;
  seedDemo(): Promise<Office>;
  /** The demo office's accounts, shown on the login screen; none on a provisioned counter. */
  demoAccounts(): DemoAccount[];
}

export const SetupServiceContext = serviceContext<SetupService>();
export const useSetupService = (): SetupService => useRequired(SetupServiceContext, 'SetupService');
