import type { Office, Role } from '../../../shared/domain';
import type { ConnectInput, DirectoryProgress } from '../sync';
import { serviceContext, useRequired } from '../service-context';

export interface DemoAccount {
  username: string;
  password: string;
  roles: Role[];
  fullName: string;
}

/**
 * A first run that can finish without anyone typing a code: a web enrolment cut short after the
 * server accepted its code ('pending'), or a desktop enrolled from its provisioning file
 * ('provisioned'). 'none': the first-run screen asks how to start.
 */
export type FirstRunState = 'none' | 'pending' | 'provisioned';

/** What the first-run screen and the demo accounts table need. */
export interface SetupService {
  /** The provisioned office of this counter, or null on a first run. */
  loadOffice(): Promise<Office | null>;
  seedDemo(): Promise<Office>;
  /** The demo office's accounts, shown on the login screen; none on a provisioned counter. */
  demoAccounts(): DemoAccount[];
  firstRunState(): Promise<FirstRunState>;
  /** Enrols this PC with the province's one-time code and brings its office down. */
  connect(input: ConnectInput, onProgress: (progress: DirectoryProgress) => void): Promise<Office>;
  /** Finishes a 'pending' or 'provisioned' first run (see FirstRunState). */
  resume(onProgress: (progress: DirectoryProgress) => void): Promise<Office>;
}

export const SetupServiceContext = serviceContext<SetupService>();
export const useSetupService = (): SetupService => useRequired(SetupServiceContext, 'SetupService');
