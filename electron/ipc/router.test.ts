import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type LogWriteArgs, type PrintFormArgs } from '../../shared/ipc/contract';
import { IpcCallError, createDesktopBridge, desktopApiFrom, BRIDGE_METHODS } from '../../shared/ipc/bridge';
import { type MainServices, type SenderFrame, createIpcRouter, defaultFilters } from './router';

const APP_FRAME: SenderFrame = { url: 'app://motcua/index.html#/reception', isMainFrame: true };
const FORM = '<!doctype html><html><body><h1>GIẤY TIẾP NHẬN HỒ SƠ</h1></body></html>';

let dir: string;
let nextSavePath: string | null;
let nextOpenPath: string | null;
let printed: PrintFormArgs[];
let logged: LogWriteArgs[];
let errors: string[];

function services(overrides: Partial<MainServices> = {}): MainServices {
  return {
    printForm: async (args) => {
      printed.push(args);
      return { printed: true };
    },
    renderPdf: async ({ html }) => new TextEncoder().encode(`%PDF-1.7\n${html.length}`),
    chooseSavePath: async () => nextSavePath,
    chooseOpenPath: async () => nextOpenPath,
    writeFile: (filePath, data) => fs.writeFile(filePath, data),
    readFile: async (filePath, maxBytes) => {
      const stat = await fs.stat(filePath);
      if (stat.size > maxBytes) throw new Error('file too large');
      return new Uint8Array(await fs.readFile(filePath));
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
    importProvisioning: async () => ({ outcome: 'cancelled' }),
    writeLog: (args) => logged.push(args),
    updateStatus: () => ({ state: 'disabled', currentVersion: '0.1.0' }),
    ...overrides,
  };
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-ipc-'));
  nextSavePath = null;
  nextOpenPath = null;
  printed = [];
  logged = [];
  errors = [];
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const router = (overrides?: Partial<MainServices>) =>
  createIpcRouter(services(overrides), (channel, code) => errors.push(`${channel}:${code}`));

describe('IPC router: sender check', () => {
  it.each([
    ['another origin', { url: 'https://evil.example/', isMainFrame: true }],
    ['a sub-frame of the app', { url: 'app://motcua/index.html', isMainFrame: false }],
    ['a file:// page', { url: 'file:///tmp/index.html', isMainFrame: true }],
    ['no frame (destroyed)', null],
  ])('refuses every channel to %s before looking at the arguments', async (_label, frame) => {
    for (const channel of IPC_CHANNELS) {
      const answer = await router().handle(channel, frame, { html: FORM, pageSize: 'A5' });
      expect(answer).toEqual({ ok: false, error: { code: 'forbidden_sender', message: expect.any(String) } });
    }
    expect(printed).toEqual([]);
    expect(errors.every((entry) => entry.endsWith(':forbidden_sender'))).toBe(true);
  });

  it('refuses a channel that is not in the contract', async () => {
    const answer = await router().handle('shell.openExternal', APP_FRAME, 'https://evil.example');
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await router().handle('__proto__', APP_FRAME, undefined)).toMatchObject({ ok: false });
  });
});

describe('IPC router: argument validation', () => {
  it.each([
    ['print.form', undefined, '(arguments)'],
    ['print.form', { html: FORM }, 'pageSize'],
    ['print.form', { html: FORM, pageSize: 'A3' }, 'pageSize'],
    ['print.form', { html: '', pageSize: 'A4' }, 'html'],
    ['print.form', { html: FORM, pageSize: 'A4', silent: 'yes' }, 'silent'],
    ['print.form', { html: FORM, pageSize: 'A4', deviceName: '\\\\printer' }, '(arguments)'],
    ['print.form', { html: 'x'.repeat(4 * 1024 * 1024 + 1), pageSize: 'A4' }, 'html'],
    ['print.toPdf', { html: FORM, pageSize: 'A4', suggestedName: '../../.bashrc' }, 'suggestedName'],
    ['print.toPdf', { html: FORM, pageSize: 'A4', suggestedName: 'C:\\Windows\\x.pdf' }, 'suggestedName'],
    ['file.save', { suggestedName: 'a.txt', data: 42 }, 'data'],
    [
      'file.save',
      { suggestedName: 'a.txt', data: 'x', filters: [{ name: 'x', extensions: ['../sh'] }] },
      'filters',
    ],
    ['app.info', { extra: true }, '(arguments)'],
    ['keys.getDatabaseKey', 'please', '(arguments)'],
    ['backup.export', { suggestedName: 'b', data: 'not bytes' }, 'data'],
    ['log.write', { level: 'fatal', message: 'x' }, 'level'],
    ['log.write', { level: 'info', message: 'x', context: { applicant: { idNumber: '001' } } }, 'context'],
  ])('%s refuses bad arguments #%# (field $2)', async (channel, args, field) => {
    const answer = await router().handle(channel, APP_FRAME, args);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('bad_arguments');
    expect(answer.error.message).toContain(field);
    expect(printed).toEqual([]);
    expect(logged).toEqual([]);
  });
});

describe('IPC router: handlers', () => {
  it('prints a form with the officer-chosen options', async () => {
    const answer = await router().handle('print.form', APP_FRAME, {
      html: FORM,
      pageSize: 'A5',
      silent: true,
    });
    expect(answer).toEqual({ ok: true, value: { printed: true } });
    expect(printed).toEqual([{ html: FORM, pageSize: 'A5', silent: true }]);
  });

  it('saves a PDF where the officer chose, adding .pdf, and tells only the file name', async () => {
    nextSavePath = path.join(dir, 'giay-tiep-nhan.pdf');
    const answer = await router().handle('print.toPdf', APP_FRAME, {
      html: FORM,
      pageSize: 'A4',
      suggestedName: 'giay-tiep-nhan',
    });
    expect(answer).toEqual({
      ok: true,
      value: { saved: true, fileName: 'giay-tiep-nhan.pdf', bytes: expect.any(Number) },
    });
    expect((await fs.readFile(nextSavePath, 'utf8')).startsWith('%PDF')).toBe(true);
  });

  it('reports a cancelled save dialog without writing anything', async () => {
    const answer = await router().handle('file.save', APP_FRAME, { suggestedName: 'so.csv', data: 'a,b' });
    expect(answer).toEqual({ ok: true, value: { saved: false, reason: 'cancelled' } });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('writes text and bytes', async () => {
    nextSavePath = path.join(dir, 'so.csv');
    const text = await router().handle('file.save', APP_FRAME, {
      suggestedName: 'so.csv',
      data: 'Mã hồ sơ\n',
    });
    expect(text).toEqual({ ok: true, value: { saved: true, fileName: 'so.csv', bytes: 13 } });
    nextSavePath = path.join(dir, 'raw.bin');
    await router().handle('file.save', APP_FRAME, {
      suggestedName: 'raw.bin',
      data: new Uint8Array([1, 2, 3]),
    });
    expect([...(await fs.readFile(nextSavePath))]).toEqual([1, 2, 3]);
  });

  it('round-trips a backup file through export and import', async () => {
    const sealed = new Uint8Array([77, 67, 66, 75, 1, 2, 3]);
    nextSavePath = path.join(dir, 'motcua-2026-11-27.mcbak');
    const saved = await router().handle('backup.export', APP_FRAME, {
      data: sealed,
      suggestedName: 'motcua-2026-11-27',
    });
    expect(saved).toMatchObject({ ok: true, value: { saved: true, fileName: 'motcua-2026-11-27.mcbak' } });
    nextOpenPath = nextSavePath;
    const opened = await router().handle('backup.import', APP_FRAME, undefined);
    expect(opened).toEqual({
      ok: true,
      value: { opened: true, fileName: 'motcua-2026-11-27.mcbak', data: sealed },
    });
    nextOpenPath = null;
    expect(await router().handle('backup.import', APP_FRAME, undefined)).toEqual({
      ok: true,
      value: { opened: false },
    });
  });

  it('answers app info, the database key, provisioning and update status', async () => {
    const r = router();
    expect(await r.handle('app.info', APP_FRAME, undefined)).toMatchObject({
      ok: true,
      value: { mode: 'desktop' },
    });
    const key = await r.handle('keys.getDatabaseKey', APP_FRAME, undefined);
    expect(key.ok && (key.value as { key: string }).key).toHaveLength(44);
    expect(await r.handle('provisioning.status', APP_FRAME, undefined)).toEqual({
      ok: true,
      value: { state: 'unprovisioned' },
    });
    expect(await r.handle('updates.status', APP_FRAME, undefined)).toMatchObject({
      ok: true,
      value: { state: 'disabled' },
    });
  });

  it('logs flat context only', async () => {
    const answer = await router().handle('log.write', APP_FRAME, {
      level: 'warn',
      message: 'sync retry',
      context: { attempt: 3, collection: 'dossiers' },
    });
    expect(answer).toEqual({ ok: true, value: null });
    expect(logged).toEqual([
      { level: 'warn', message: 'sync retry', context: { attempt: 3, collection: 'dossiers' } },
    ]);
  });

  it('turns a failing service into a clear error, and refuses its own malformed results', async () => {
    const failing = router({
      printForm: async () => {
        throw new Error('No printer named "Canon LBP"');
      },
      getDatabaseKey: async () => 'short',
    });
    expect(await failing.handle('print.form', APP_FRAME, { html: FORM, pageSize: 'A5' })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'No printer named "Canon LBP"' },
    });
    const key = await failing.handle('keys.getDatabaseKey', APP_FRAME, undefined);
    expect(key).toMatchObject({ ok: false, error: { code: 'failed' } });
  });

  it.each([
    ['bao-cao.xlsx', ['xlsx', '*']],
    ['no-extension', ['*']],
  ])('defaultFilters(%s)', (name, extensions) => {
    expect(defaultFilters(name).flatMap((filter) => filter.extensions)).toEqual(extensions);
  });
});

describe('desktop bridge (what the preload exposes) over the router', () => {
  const bridgeOver = (frame: SenderFrame) => {
    const r = router();
    return desktopApiFrom(
      createDesktopBridge((channel, args) => r.handle(channel, frame, structuredClone(args))),
    );
  };

  it('maps every method to its channel and unwraps answers', async () => {
    const raw = createDesktopBridge(async () => ({ ok: true, value: null }));
    expect(Object.keys(raw).sort()).toEqual(['kind', ...Object.keys(BRIDGE_METHODS)].sort());
    expect(Object.isFrozen(raw)).toBe(true);
    const bridge = bridgeOver(APP_FRAME);
    expect(await bridge.printForm({ html: FORM, pageSize: 'A4' })).toEqual({ printed: true });
    expect((await bridge.appInfo()).name).toBe('Một cửa');
  });

  it('throws IpcCallError with the code for bad arguments and foreign frames', async () => {
    const bridge = bridgeOver(APP_FRAME);
    // A renderer bug or an injected script calling with a wrong shape.
    const bad = bridge.printForm({ html: FORM, pageSize: 'Letter' } as never);
    await expect(bad).rejects.toBeInstanceOf(IpcCallError);
    await expect(bad).rejects.toMatchObject({ code: 'bad_arguments', channel: 'print.form' });
    const foreign = bridgeOver({ url: 'https://evil.example/', isMainFrame: true });
    await expect(foreign.getDatabaseKey()).rejects.toMatchObject({ code: 'forbidden_sender' });
  });

  it('never passes extra arguments for argument-less methods', async () => {
    const seen: unknown[] = [];
    const bridge = createDesktopBridge(async (channel, args) => {
      seen.push([channel, args]);
      return { ok: true, value: null };
    });
    await (bridge.appInfo as (...args: unknown[]) => Promise<unknown>)('sneaky');
    expect(seen).toEqual([['app.info', undefined]]);
    await expect(desktopApiFrom(createDesktopBridge(async () => 'garbage')).appInfo()).rejects.toMatchObject({
      code: 'bad_envelope',
    });
  });
});
