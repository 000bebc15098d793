// The preload's side of the contract, kept free of zod so the preload bundle stays tiny: it only
// forwards calls; the main process does all validation.
import type {
  AppInfo,
  BackupExportArgs,
  BackupImportResult,
  DatabaseKey,
  FileSaveArgs,
  IpcChannel,
  IpcErrorCode,
  LogWriteArgs,
  PrintFormArgs,
  PrintResult,
  PrintToPdfArgs,
  ProvisioningImportResult,
  ProvisioningStatus,
  SaveResult,
  UpdateStatus,
} from './contract';

/** Name of the global the preload defines in the renderer's main world. */
export const BRIDGE_GLOBAL = 'motcua';

/**
 * What the preload exposes as `window.motcua`: one narrow function per task, nothing else.
 * renderer/platform adapts it to the Platform interface the UI uses.
 */
export interface DesktopBridge {
  readonly kind: 'desktop';
  printForm(args: PrintFormArgs): Promise<PrintResult>;
  printToPdf(args: PrintToPdfArgs): Promise<SaveResult>;
  saveFile(args: FileSaveArgs): Promise<SaveResult>;
  appInfo(): Promise<AppInfo>;
  getDatabaseKey(): Promise<DatabaseKey>;
  provisioningStatus(): Promise<ProvisioningStatus>;
  importProvisioning(): Promise<ProvisioningImportResult>;
  exportBackup(args: BackupExportArgs): Promise<SaveResult>;
  importBackup(): Promise<BackupImportResult>;
  writeLog(args: LogWriteArgs): Promise<null>;
  updateStatus(): Promise<UpdateStatus>;
}

export type BridgeMethod = Exclude<keyof DesktopBridge, 'kind'>;

/** The channel behind each bridge method: the preload and its test are built from this one table. */
export const BRIDGE_METHODS: Readonly<Record<BridgeMethod, IpcChannel>> = {
  printForm: 'print.form',
  printToPdf: 'print.toPdf',
  saveFile: 'file.save',
  appInfo: 'app.info',
  getDatabaseKey: 'keys.getDatabaseKey',
  provisioningStatus: 'provisioning.status',
  importProvisioning: 'provisioning.import',
  exportBackup: 'backup.export',
  importBackup: 'backup.import',
  writeLog: 'log.write',
  updateStatus: 'updates.status',
};

/** Thrown in the renderer when the main process answers with an error envelope. */
export class IpcCallError extends Error {
  constructor(
    readonly channel: IpcChannel,
    readonly code: IpcErrorCode | 'bad_envelope',
    message: string,
  ) {
    super(`${channel}: ${message}`);
    this.name = 'IpcCallError';
  }
}

/**
 * Builds the bridge over an `invoke(channel, args)` (ipcRenderer.invoke in the preload). Each method
 * sends exactly one argument and unwraps the envelope; nothing else of IPC reaches the renderer.
 */
export function createDesktopBridge(
  invoke: (channel: IpcChannel, args: unknown) => Promise<unknown>,
): DesktopBridge {
  const call = async (channel: IpcChannel, args: unknown): Promise<unknown> => {
    const envelope = (await invoke(channel, args)) as {
      ok?: unknown;
      value?: unknown;
      error?: unknown;
    } | null;
    if (envelope && envelope.ok === true) return envelope.value;
    const error = envelope?.error as { code?: IpcErrorCode; message?: string } | undefined;
    if (envelope && envelope.ok === false && error && typeof error.code === 'string') {
      throw new IpcCallError(channel, error.code, String(error.message ?? ''));
    }
    throw new IpcCallError(channel, 'bad_envelope', 'unexpected answer from the main process');
  };
  const method =
    <T>(name: BridgeMethod) =>
    (args?: unknown) =>
      call(BRIDGE_METHODS[name], args) as Promise<T>;
  return Object.freeze({
    kind: 'desktop' as const,
    printForm: method<PrintResult>('printForm'),
    printToPdf: method<SaveResult>('printToPdf'),
    saveFile: method<SaveResult>('saveFile'),
    appInfo: () => method<AppInfo>('appInfo')(),
    getDatabaseKey: () => method<DatabaseKey>('getDatabaseKey')(),
    provisioningStatus: () => method<ProvisioningStatus>('provisioningStatus')(),
    importProvisioning: () => method<ProvisioningImportResult>('importProvisioning')(),
    exportBackup: method<SaveResult>('exportBackup'),
    importBackup: () => method<BackupImportResult>('importBackup')(),
    writeLog: method<null>('writeLog'),
    updateStatus: () => method<UpdateStatus>('updateStatus')(),
  });
}
