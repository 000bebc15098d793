// A main-process host for the IPC tests: real files under a temporary folder, and dialogs that
// answer what the test set in `next`. Everything it was asked to print or log is kept in `seen`.
import fs from 'node:fs/promises';
import {
  type DesktopHandlers,
  IPC_METHODS,
  type LogWriteArgs,
  type PrintFormArgs,
} from '../../shared/ipc/contract';
import type { MainHost } from '../../electron/ipc/handlers';

export interface FakeMainHost {
  host: MainHost;
  /** What the save and open dialogs answer next (null: the officer cancels). */
  next: { savePath: string | null; openPath: string | null };
  seen: { printed: PrintFormArgs[]; logged: LogWriteArgs[] };
}

/**
 * Every call of the contract, read from it, failing until a test fakes it: a new call needs no
 * change here. Only the calls these tests answer without a fake of their own are listed below.
 */
function notFaked(): DesktopHandlers {
  const entries = IPC_METHODS.map((method) => [
    method,
    () => {
      throw new Error(`${method} is not faked in the IPC tests`);
    },
  ]);
  return Object.fromEntries(entries) as DesktopHandlers;
}

export function fakeMainHost(direct: Partial<MainHost['direct']> = {}): FakeMainHost {
  const next: FakeMainHost['next'] = { savePath: null, openPath: null };
  const seen: FakeMainHost['seen'] = { printed: [], logged: [] };
  const host: MainHost = {
    direct: {
      ...notFaked(),
      printForm: async (args) => {
        seen.printed.push(args);
        return { printed: true };
      },
      appInfo: () => ({
        name: 'Một cửa',
        version: '0.1.0',
        mode: 'desktop',
        platform: 'linux',
        electron: '39.8.10',
        chrome: '142',
        packaged: false,
        locale: 'vi',
      }),
      getDatabaseKey: async () => Buffer.alloc(32, 7).toString('base64'),
      provisioningStatus: async () => ({ state: 'unprovisioned' }),
      log: (args) => {
        seen.logged.push(args);
      },
      updateStatus: () => ({ state: 'disabled', currentVersion: '0.1.0' }),
      ...direct,
    },
    files: {
      renderPdf: async ({ html }) => new TextEncoder().encode(`%PDF-1.7\n${html.length}`),
      chooseSavePath: async () => next.savePath,
      chooseOpenPath: async () => next.openPath,
      writeFile: (filePath, data) => fs.writeFile(filePath, data),
      readFile: async (filePath, maxBytes) => {
        const stat = await fs.stat(filePath);
        if (stat.size > maxBytes) throw new Error('file too large');
        return new Uint8Array(await fs.readFile(filePath));
      },
    },
  };
  return { host, next, seen };
}
