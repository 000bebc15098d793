// The preload's side of the contract, kept free of zod so the preload bundle stays tiny: it only
// forwards calls; the main process does all validation.
import type {
  AppInfo,
  BackupExportArgs,
  BackupImportResult,
  DatabaseKey,
  FileSaveArgs,
  IpcChannel,
  IpcEnvelope,
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

/** The typed API the renderer uses on the desktop (renderer/platform wraps the bridge into this). */
export interface DesktopApi {
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

export type BridgeMethod = keyof DesktopApi;

/**
 * What the preload exposes as `window.motcua`: one narrow function per task, each answering the
 * main process's envelope as is. Envelopes, not thrown errors, because contextBridge keeps only
 * the message of an Error crossing worlds and the renderer needs the code.
 */
export type DesktopBridge = { readonly kind: 'desktop' } & {
  readonly [M in BridgeMethod]: (
    ...args: Parameters<DesktopApi[M]>
  ) => Promise<IpcEnvelope<Awaited<ReturnType<DesktopApi[M]>>>>;
};

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

/** Methods that take no argument: the preload sends `undefined` whatever the page passes. */
const NO_ARGS: ReadonlySet<BridgeMethod> = new Set([
  'appInfo',
  'getDatabaseKey',
  'provisioningStatus',
  'importProvisioning',
  'importBackup',
  'updateStatus',
]);

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

/** Builds the bridge over `invoke(channel, args)` (ipcRenderer.invoke in the preload). */
export function createDesktopBridge(
  invoke: (channel: IpcChannel, args: unknown) => Promise<unknown>,
): DesktopBridge {
  const bridge: Record<string, unknown> = { kind: 'desktop' };
  for (const [method, channel] of Object.entries(BRIDGE_METHODS) as [BridgeMethod, IpcChannel][]) {
    bridge[method] = NO_ARGS.has(method)
      ? () => invoke(channel, undefined)
      : (args: unknown) => invoke(channel, args);
  }
  return Object.freeze(bridge) as DesktopBridge;
}

/** The renderer's side: unwraps envelopes into values or IpcCallError with the code. */
export function desktopApiFrom(bridge: DesktopBridge): DesktopApi {
  const api: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(BRIDGE_METHODS) as [BridgeMethod, IpcChannel][]) {
    const call = bridge[method] as (args?: unknown) => Promise<unknown>;
    api[method] = async (args?: unknown) => {
      const envelope = (await call(args)) as { ok?: unknown; value?: unknown; error?: unknown } | null;
      if (envelope && envelope.ok === true) return envelope.value;
      const error = envelope?.error as { code?: IpcErrorCode; message?: string } | undefined;
      if (envelope && envelope.ok === false && error && typeof error.code === 'string') {
        throw new IpcCallError(channel, error.code, String(error.message ?? ''));
      }
      throw new IpcCallError(channel, 'bad_envelope', 'unexpected answer from the main process');
    };
  }
  return Object.freeze(api) as unknown as DesktopApi;
}
