// Desktop smoke test: the real Electron app, a fresh profile, launch → log in → receive one
// dossier (form 01 printed, to PDF here) → print to PDF through the preload bridge. Skipped (with the reason) where the
// Electron binary is absent, as on machines that only reach the npm registry.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { build } from 'vite';
import { CounterApp } from '../e2e/pages/counter-app';
import { APPLICANT_AN, ReceivePage } from '../e2e/pages/receive-page';
import { pdfText } from '../e2e/pdf-text';
import { SKIP_REASON, electronBinary, root } from './electron-binary';

const binary = electronBinary();
test.skip(binary === null, SKIP_REASON);

let app: ElectronApplication;
let window: Page;
let profile: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  execFileSync(process.execPath, [path.join(root, 'build', 'bundle-electron.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
});

test.beforeEach(async () => {
  profile = mkdtempSync(path.join(os.tmpdir(), 'motcua-electron-'));
  const env = { ...process.env, MOTCUA_USER_DATA_DIR: profile } as Record<string, string>;
  delete env.ELECTRON_RUN_AS_NODE;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [root, ...(asRoot ? ['--no-sandbox'] : [])],
    env,
  });
  window = await app.firstWindow();
});

test.afterEach(async () => {
  await app?.close();
  rmSync(profile, { recursive: true, force: true });
});

test('launch, log in, receive one dossier, print form 01 to PDF', async () => {
  // The renderer runs from the app:// origin, isolated: no Node, only the narrow bridge.
  expect(window.url()).toBe('app://motcua/index.html');
  const isolation = await window.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.keys((globalThis as unknown as { motcua: object }).motcua).sort(),
  }));
  expect(isolation.require).toBe('undefined');
  expect(isolation.process).toBe('undefined');
  expect(isolation.bridge).toContain('printToPdf');
  expect(isolation.bridge).not.toContain('invoke');

  const counter = new CounterApp(window);
  await counter.waitReady();
  await counter.expectScreen('setup');
  await window.getByTestId('use-demo').click();
  await counter.expectScreen('login');
  await counter.loginAs('receiver');

  const receive = new ReceivePage(window);
  await receive.open();
  await receive.chooseProcedure('chung thuc ban sao');
  await receive.tickDocuments();
  await receive.fillApplicant(APPLICANT_AN);
  // Form 01 goes to the main process's print window. There is no printer here: the print call is
  // replaced, in the main process, by a print to PDF of the very same window, saved in the profile.
  const receiptPdf = path.join(profile, 'form-01.pdf');
  await app.evaluate(({ webContents }, target) => {
    const fs = process.getBuiltinModule('node:fs');
    const contents = webContents.getAllWebContents()[0];
    if (!contents) throw new Error('no webContents');
    const proto = Object.getPrototypeOf(contents) as Electron.WebContents;
    proto.print = function (this: Electron.WebContents, _options, callback) {
      void this.printToPDF({ pageSize: 'A5', printBackground: true, preferCSSPageSize: true }).then((pdf) => {
        fs.writeFileSync(target, pdf);
        callback?.(true, '');
      });
    } as Electron.WebContents['print'];
  }, receiptPdf);

  const printsBefore = await counter.printCount();
  const { code } = await receive.confirm();
  await expect.poll(() => counter.printCount()).toBeGreaterThan(printsBefore);
  await expect(window.locator('body')).toHaveAttribute('data-last-print', '01');
  await expect.poll(() => existsSync(receiptPdf)).toBe(true);
  const receipt = readFileSync(receiptPdf);
  expect(receipt.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdfText(receipt)).toContain(code);

  // Print to PDF through the bridge; the save dialog answers with a path in the profile.
  const target = path.join(profile, 'giay-tiep-nhan.pdf');
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
  }, target);
  const saved = await window.evaluate(
    (html) =>
      (
        globalThis as unknown as {
          motcua: { printToPdf(args: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> };
        }
      ).motcua.printToPdf({ html, pageSize: 'A5', suggestedName: 'giay-tiep-nhan' }),
    `<!doctype html><html><head><meta charset="utf-8"></head><body><h1>GIẤY TIẾP NHẬN</h1><p>${code}</p></body></html>`,
  );
  expect(saved).toEqual({
    ok: true,
    value: { saved: true, fileName: 'giay-tiep-nhan.pdf', bytes: expect.any(Number) },
  });
  const pdf = readFileSync(target);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdfText(pdf)).toContain(code);

  // A bad argument from the page is refused by the main process with a clear code.
  const refused = await window.evaluate(() =>
    (globalThis as unknown as { motcua: { printForm(args: unknown): Promise<unknown> } }).motcua.printForm({
      html: '<p>x</p>',
      pageSize: 'Letter',
    }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'bad_arguments' } });
});
