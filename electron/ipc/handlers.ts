// The main process's answer to every call of the desktop contract. The calls that write or read a
// file the officer picks are built here from injected capabilities (dialogs, disk, PDF rendering),
// so they are tested without Electron; main.ts answers the others itself.
import path from 'node:path';
import type { DesktopHandlers, SaveResult } from '../../shared/ipc/contract';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** What the file calls need from Electron and the disk; main.ts passes the real ones. */
export interface FileHost {
  renderPdf(args: { html: string; pageSize: 'A5' | 'A4'; landscape: boolean }): Promise<Uint8Array>;
  /** A path the user chose in the save dialog, or null when cancelled. */
  chooseSavePath(options: { suggestedName: string; filters: FileFilter[] }): Promise<string | null>;
  chooseOpenPath(options: { filters: FileFilter[] }): Promise<string | null>;
  writeFile(filePath: string, data: Uint8Array | string): Promise<void>;
  readFile(filePath: string, maxBytes: number): Promise<Uint8Array>;
}

/** The calls built here from a FileHost. */
export type FileCall = 'printToPdf' | 'saveFile' | 'exportBackup' | 'importBackup';

export interface MainHost {
  /** Every other call, answered by main.ts with Electron's and the main process's services. */
  direct: Omit<DesktopHandlers, FileCall>;
  files: FileHost;
}

/** Backups are the replica sealed by the renderer: a file type of their own. */
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
  files: FileHost,
  suggestedName: string,
  filters: FileFilter[],
  data: Uint8Array | string,
): Promise<SaveResult> {
  const target = await files.chooseSavePath({ suggestedName, filters });
  if (target === null) return { saved: false, reason: 'cancelled' };
  await files.writeFile(target, data);
  return { saved: true, fileName: path.basename(target), bytes: byteLength(data) };
}

export function fileHandlers(files: FileHost): Pick<DesktopHandlers, FileCall> {
  return {
    printToPdf: async (args) => {
      // Render first: a PDF that fails to render should not leave the officer with an empty file.
      const pdf = await files.renderPdf({
        html: args.html,
        pageSize: args.pageSize,
        landscape: args.landscape ?? false,
      });
      return saveWithDialog(
        files,
        withExtension(args.suggestedName, 'pdf'),
        [{ name: DIALOG_TEXT.pdf, extensions: ['pdf'] }],
        pdf,
      );
    },
    saveFile: (args) =>
      saveWithDialog(
        files,
        args.suggestedName,
        args.filters ?? defaultFilters(args.suggestedName),
        args.data,
      ),
    exportBackup: (args) =>
      saveWithDialog(
        files,
        withExtension(args.suggestedName, BACKUP_EXTENSION),
        [{ name: DIALOG_TEXT.backup, extensions: [BACKUP_EXTENSION] }],
        args.data,
      ),
    importBackup: async () => {
      const source = await files.chooseOpenPath({
        filters: [{ name: DIALOG_TEXT.backup, extensions: [BACKUP_EXTENSION] }],
      });
      if (source === null) return { opened: false };
      const data = await files.readFile(source, MAX_BACKUP_BYTES);
      return { opened: true, fileName: path.basename(source), data };
    },
  };
}

export function createHandlers(host: MainHost): DesktopHandlers {
  return { ...host.direct, ...fileHandlers(host.files) };
}
