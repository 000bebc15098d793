// The main process's IPC layer as plain functions over injected services: every call is checked
// for its sender frame and its arguments before any service runs, and every answer is checked
// against the contract before it leaves. main.ts binds this to ipcMain.handle.
import path from 'node:path';
import type { z } from 'zod';
import {
  type AppInfo,
  type BackupImportResult,
  type IpcChannel,
  type IpcEnvelope,
  type IpcErrorCode,
  type IpcResult,
  type PrintFormArgs,
  type PrintResult,
  type ProvisioningImportResult,
  type ProvisioningStatus,
  type SaveResult,
  type UpdateStatus,
  type LogWriteArgs,
  ipcContract,
  isIpcChannel,
} from '../../shared/ipc/contract';
import { isTrustedSender } from '../security/policy';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Everything the handlers need from Electron and the disk; main.ts passes the real ones. */
export interface MainServices {
  printForm(args: PrintFormArgs): Promise<PrintResult>;
  renderPdf(args: { html: string; pageSize: 'A5' | 'A4'; landscape: boolean }): Promise<Uint8Array>;
  /** A path the user chose in the save dialog, or null when cancelled. */
  chooseSavePath(options: { suggestedName: string; filters: FileFilter[] }): Promise<string | null>;
  chooseOpenPath(options: { filters: FileFilter[] }): Promise<string | null>;
  writeFile(filePath: string, data: Uint8Array | string): Promise<void>;
  readFile(filePath: string, maxBytes: number): Promise<Uint8Array>;
  appInfo(): AppInfo;
  getDatabaseKey(): Promise<string>;
  provisioningStatus(): Promise<ProvisioningStatus>;
  importProvisioning(): Promise<ProvisioningImportResult>;
  writeLog(args: LogWriteArgs): void;
  updateStatus(): UpdateStatus;
}

export interface SenderFrame {
  url: string;
  isMainFrame: boolean;
}

/** Backups are the replica sealed by renderer/platform/backup.ts: a file type of their own. */
export const BACKUP_EXTENSION = 'mcbak';
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

const DIALOG_TEXT = {
  pdf: 'Tài liệu PDF',
  backup: 'Bản sao lưu Một cửa',
  allFiles: 'Tất cả tệp',
};

/** Without explicit filters, offer the suggested name's own type first, then any file. */
export function defaultFilters(suggestedName: string): FileFilter[] {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(suggestedName)?.[1];
  const all = { name: DIALOG_TEXT.allFiles, extensions: ['*'] };
  return extension ? [{ name: extension.toUpperCase(), extensions: [extension] }, all] : [all];
}

function withExtension(name: string, extension: string): string {
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

function byteLength(data: Uint8Array | string): number {
  return typeof data === 'string' ? new TextEncoder().encode(data).byteLength : data.byteLength;
}

async function saveWithDialog(
  services: MainServices,
  suggestedName: string,
  filters: FileFilter[],
  data: Uint8Array | string | (() => Promise<Uint8Array | string>),
): Promise<SaveResult> {
  const target = await services.chooseSavePath({ suggestedName, filters });
  if (target === null) return { saved: false, reason: 'cancelled' };
  const bytes = typeof data === 'function' ? await data() : data;
  await services.writeFile(target, bytes);
  return { saved: true, fileName: path.basename(target), bytes: byteLength(bytes) };
}

type Handlers = {
  [C in IpcChannel]: (
    args: z.output<(typeof ipcContract)[C]['args']>,
  ) => Promise<IpcResult<C>> | IpcResult<C>;
};

export function createHandlers(services: MainServices): Handlers {
  return {
    'print.form': (args) => services.printForm(args),
    'print.toPdf': async (args) => {
      // Render first: a PDF that fails to render should not leave the officer with an empty file.
      const pdf = await services.renderPdf({
        html: args.html,
        pageSize: args.pageSize,
        landscape: args.landscape ?? false,
      });
      return saveWithDialog(
        services,
        withExtension(args.suggestedName, 'pdf'),
        [{ name: DIALOG_TEXT.pdf, extensions: ['pdf'] }],
        pdf,
      );
    },
    'file.save': (args) =>
      saveWithDialog(
        services,
        args.suggestedName,
        args.filters ?? defaultFilters(args.suggestedName),
        args.data,
      ),
    'app.info': () => services.appInfo(),
    'keys.getDatabaseKey': async () => ({ key: await services.getDatabaseKey() }),
    'provisioning.status': () => services.provisioningStatus(),
    'provisioning.import': () => services.importProvisioning(),
    'backup.export': (args) =>
      saveWithDialog(
        services,
        withExtension(args.suggestedName, BACKUP_EXTENSION),
        [{ name: DIALOG_TEXT.backup, extensions: [BACKUP_EXTENSION] }],
        args.data,
      ),
    'backup.import': async (): Promise<BackupImportResult> => {
      const source = await services.chooseOpenPath({
        filters: [{ name: DIALOG_TEXT.backup, extensions: [BACKUP_EXTENSION] }],
      });
      if (source === null) return { opened: false };
      const data = await services.readFile(source, MAX_BACKUP_BYTES);
      return { opened: true, fileName: path.basename(source), data };
    },
    'log.write': (args) => {
      services.writeLog(args);
      return null;
    },
    'updates.status': () => services.updateStatus(),
  };
}

function failure(code: IpcErrorCode, message: string): IpcEnvelope<never> {
  return { ok: false, error: { code, message } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('; ');
}

export interface IpcRouter {
  handle(channel: string, frame: SenderFrame | null, rawArgs: unknown): Promise<IpcEnvelope>;
}

/**
 * The gate in front of the handlers. Order matters: the sender is checked before the arguments are
 * even looked at, so a foreign frame learns nothing about the contract.
 */
export function createIpcRouter(
  services: MainServices,
  onError: (channel: string, code: IpcErrorCode, message: string) => void = () => {},
): IpcRouter {
  const handlers = createHandlers(services);
  return {
    async handle(channel, frame, rawArgs) {
      const refuse = (code: IpcErrorCode, message: string) => {
        onError(channel, code, message);
        return failure(code, message);
      };
      if (!isTrustedSender(frame)) return refuse('forbidden_sender', 'the sender frame is not the app');
      if (!isIpcChannel(channel))
        return refuse('unknown_channel', `no channel named ${JSON.stringify(channel)}`);
      const contract = ipcContract[channel];
      const args = contract.args.safeParse(rawArgs);
      if (!args.success) return refuse('bad_arguments', describeIssues(args.error));
      try {
        const handler = handlers[channel] as (parsed: unknown) => unknown;
        const value = await handler(args.data);
        const result = contract.result.safeParse(value);
        if (!result.success) return refuse('failed', `invalid result: ${describeIssues(result.error)}`);
        return { ok: true, value: result.data };
      } catch (error) {
        return refuse('failed', error instanceof Error ? error.message : String(error));
      }
    },
  };
}
