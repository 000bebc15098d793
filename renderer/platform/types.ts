import type {
  AppInfo,
  BackupExportArgs,
  BackupImportResult,
  FileSaveArgs,
  LogWriteArgs,
  PrintFormArgs,
  PrintResult,
  PrintToPdfArgs,
  ProvisioningImportResult,
  ProvisioningStatus,
  SaveResult,
  UpdateStatus,
} from '../../shared/ipc/contract';

export type {
  AppInfo,
  BackupExportArgs,
  BackupImportResult,
  FileSaveArgs,
  LogWriteArgs,
  PrintFormArgs,
  PrintResult,
  PrintToPdfArgs,
  ProvisioningImportResult,
  ProvisioningStatus,
  SaveResult,
  UpdateStatus,
} from '../../shared/ipc/contract';

/** Who is logging in: web mode derives the database key from it. */
export interface OfficerLogin {
  officeId: string;
  username: string;
  password: string;
}

/**
 * What the UI uses for everything outside the page: printing, files, keys, provisioning, logs,
 * updates. On the desktop it is the preload's bridge (window.motcua); in a browser, web.ts.
 */
export interface Platform {
  readonly kind: 'desktop' | 'web';
  printForm(args: PrintFormArgs): Promise<PrintResult>;
  printToPdf(args: PrintToPdfArgs): Promise<SaveResult>;
  saveFile(args: FileSaveArgs): Promise<SaveResult>;
  appInfo(): Promise<AppInfo>;
  /**
   * The password of RxDB's field encryption (base64 of 32 bytes). Desktop: a random key kept by the
   * OS keychain (safeStorage), the login is not used; the wiring asks for it at start. Web: derived
   * from the officer's login; the wiring does not use it for the replica, whose random data key is
   * wrapped per officer instead (key.ts wrapDataKey, renderer/auth/data-key.ts), so that every
   * officer of the counter opens the same replica.
   */
  getDatabaseKey(login: OfficerLogin): Promise<string>;
  provisioningStatus(): Promise<ProvisioningStatus>;
  /** Desktop only: IT staff choose a provisioning file; web mode throws PlatformUnsupportedError. */
  importProvisioning(): Promise<ProvisioningImportResult>;
  /** Writes a backup already sealed with sealBackup() (backup.ts). */
  exportBackup(args: BackupExportArgs): Promise<SaveResult>;
  importBackup(): Promise<BackupImportResult>;
  log(level: LogWriteArgs['level'], message: string, context?: LogWriteArgs['context']): void;
  updateStatus(): Promise<UpdateStatus>;
}

export class PlatformUnsupportedError extends Error {
  constructor(readonly feature: string) {
    super(`${feature} is only available in the desktop app`);
    this.name = 'PlatformUnsupportedError';
  }
}
