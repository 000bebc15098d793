import { beforeEach, describe, expect, it } from 'vitest';
import { IPC_CHANNELS, IPC_METHODS, type IpcErrorCode } from '../../shared/ipc/contract';
import { IpcCallError, createDesktopBridge, desktopApiFrom } from '../../shared/ipc/bridge';
import { type FakeMainHost, fakeMainHost } from '../../tests/support/main-host';
import { type MainHost, createHandlers } from './handlers';
import { type SenderFrame, createIpcRouter } from './router';

const APP_FRAME: SenderFrame = { url: 'app://motcua/index.html#/reception', isMainFrame: true };
const FORM = '<!doctype html><html><body><h1>GIẤY TIẾP NHẬN HỒ SƠ</h1></body></html>';

let fake: FakeMainHost;
let errors: string[];

beforeEach(() => {
  fake = fakeMainHost();
  errors = [];
});

const router = (direct?: Partial<MainHost['direct']>) => {
  const host = direct ? fakeMainHost(direct).host : fake.host;
  return createIpcRouter(createHandlers(host), (channel: string, code: IpcErrorCode) =>
    errors.push(`${channel}:${code}`),
  );
};

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
    expect(fake.seen.printed).toEqual([]);
    expect(errors.every((entry) => entry.endsWith(':forbidden_sender'))).toBe(true);
  });

  it('refuses a channel that is not in the contract', async () => {
    const answer = await router().handle('shell.openExternal', APP_FRAME, 'https://evil.example');
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await router().handle('__proto__', APP_FRAME, undefined)).toMatchObject({ ok: false });
    // Method names are not channels.
    expect(await router().handle('printForm', APP_FRAME, { html: FORM, pageSize: 'A5' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
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
    expect(fake.seen.printed).toEqual([]);
    expect(fake.seen.logged).toEqual([]);
  });
});

describe('IPC router: answers', () => {
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
});

describe('desktop bridge (what the preload exposes) over the router', () => {
  /** Calls still being answered: one-way calls are not awaited by their caller. */
  let answering: Promise<unknown>[];
  beforeEach(() => {
    answering = [];
  });
  const bridgeOver = (frame: SenderFrame) => {
    const r = router();
    return desktopApiFrom(
      createDesktopBridge((channel, args) => {
        const answer = r.handle(channel, frame, structuredClone(args));
        answering.push(answer);
        return answer;
      }),
    );
  };

  it('maps every method to its channel and unwraps answers', async () => {
    const raw = createDesktopBridge(async () => ({ ok: true, value: null }));
    expect(Object.keys(raw).sort()).toEqual(['kind', ...IPC_METHODS].sort());
    expect(Object.isFrozen(raw)).toBe(true);
    const bridge = bridgeOver(APP_FRAME);
    expect(await bridge.printForm({ html: FORM, pageSize: 'A4' })).toEqual({ printed: true });
    expect((await bridge.appInfo()).name).toBe('Một cửa');
    expect(bridge.log({ level: 'info', message: 'bridge ready' })).toBeUndefined();
    await Promise.all(answering);
    expect(fake.seen.logged).toEqual([{ level: 'info', message: 'bridge ready' }]);
  });

  it('throws IpcCallError with the code for bad arguments and foreign frames', async () => {
    const bridge = bridgeOver(APP_FRAME);
    // A renderer bug or an injected script calling with a wrong shape.
    const bad = bridge.printForm({ html: FORM, pageSize: 'Letter' } as never);
    await expect(bad).rejects.toBeInstanceOf(IpcCallError);
    await expect(bad).rejects.toMatchObject({ code: 'bad_arguments', channel: 'print.form' });
    const foreign = bridgeOver({ url: 'https://evil.example/', isMainFrame: true });
    await expect(foreign.getDatabaseKey()).rejects.toMatchObject({ code: 'forbidden_sender' });
    // One-way calls drop their failures: logging never breaks a counter action.
    expect(foreign.log({ level: 'info', message: 'x' })).toBeUndefined();
    expect(await Promise.all(answering)).toContainEqual({
      ok: false,
      error: { code: 'forbidden_sender', message: expect.any(String) },
    });
    expect(fake.seen.logged).toEqual([]);
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
