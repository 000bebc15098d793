// The Electron main process: a thin shell wiring Electron's hooks to the tested modules
// (security/policy, protocol, ipc, keys, provisioning, updates, logging).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BrowserWindow,
  type WebContents,
  app,
  dialog,
  ipcMain,
  net,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import { IPC_CHANNELS, type PrintFormArgs, type RatingScreenResult } from '../shared/ipc/contract';
import { createHandlers } from './ipc/handlers';
import { createIpcRouter } from './ipc/router';
import { createDatabaseKeyStore, weakKeyNotice } from './keys';
import {
  DEFAULT_KEEP_DAYS,
  MAX_LOG_FILE_BYTES,
  dailyLogFileName,
  pruneLogs,
  redactContext,
  rolledLogFileName,
} from './logging/files';
import { PRINT_PREFIX, PrintJobs, createAppProtocolHandler } from './protocol';
import { createProvisioningService, provisioningCandidates } from './provisioning/service';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  mainWindowWebPreferences,
  printWindowWebPreferences,
  ratingWindowWebPreferences,
} from './security/policy';
import { createUpdateController } from './updates';
import { ScanFolderWatcher } from './scans/folder-watcher';

const PRODUCT_NAME = 'Một cửa';

// One userData folder for dev and packaged builds alike: the IndexedDB replica lives there under
// the app:// origin, and must not "disappear" when productName differs from package.json's name.
// MOTCUA_USER_DATA_DIR gives tests (and IT staff diagnosing a profile) a separate profile.
app.setPath('userData', process.env.MOTCUA_USER_DATA_DIR ?? path.join(app.getPath('appData'), 'motcua'));

// Must run before `ready`: app:// behaves like https (secure context, fetch, IndexedDB, storage).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
app.enableSandbox();

const logsDir = path.join(app.getPath('userData'), 'logs');
log.transports.file.resolvePathFn = () => path.join(logsDir, dailyLogFileName(new Date()));
log.transports.file.maxSize = MAX_LOG_FILE_BYTES;
log.transports.file.archiveLogFn = (file) => {
  // Roll an oversized day file to motcua-YYYY-MM-DD.N.log (kept and pruned like the others).
  void fs
    .readdir(logsDir)
    .then((names) => fs.rename(file.path, path.join(logsDir, rolledLogFileName(names, new Date()))));
};
log.transports.console.level = app.isPackaged ? false : 'info';
log.errorHandler.startCatching({ showDialog: false });

let mainWindow: BrowserWindow | null = null;
let ratingWindow: BrowserWindow | null = null;
let serverUrl: string | undefined;
const printJobs = new PrintJobs();

/** Every webContents (main window, print windows) gets the same navigation rules. */
function harden(contents: WebContents): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') void shell.openExternal(url);
    else log.warn(`navigation refused: ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-external') void shell.openExternal(url);
    else log.warn(`window.open refused: ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}

function configureSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decidePermission(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  // Files leave only through the save dialog in the main process, never as a page download.
  ses.on('will-download', (event) => event.preventDefault());
  ses.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rootDir: path.join(app.getAppPath(), 'dist', 'renderer'),
      printJobs,
      serverUrl: () => serverUrl,
    }),
  );
}

/** Renders a form in a hidden, script-less window served from app://motcua/__print/<id>.html. */
async function withPrintWindow<T>(html: string, use: (contents: WebContents) => Promise<T>): Promise<T> {
  const id = printJobs.add(html);
  const window = new BrowserWindow({
    show: false,
    // The policy's values, with the critical ones spelt out where the window is made (they win
    // over the spread, and scanners like Electronegativity can see them).
    webPreferences: {
      ...printWindowWebPreferences(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await window.loadURL(`${APP_ORIGIN}${PRINT_PREFIX}${id}.html`);
    return await use(window.webContents);
  } finally {
    printJobs.take(id);
    window.destroy();
  }
}

function printForm(args: PrintFormArgs) {
  return withPrintWindow(
    args.html,
    (contents) =>
      new Promise<{ printed: boolean; failureReason?: string }>((resolve) => {
        contents.print(
          {
            silent: args.silent ?? false,
            printBackground: true,
            pageSize: args.pageSize,
            landscape: args.landscape ?? false,
            copies: args.copies ?? 1,
          },
          (printed, failureReason) => resolve(printed ? { printed } : { printed, failureReason }),
        );
      }),
  );
}

async function createMainWindow(): Promise<void> {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      ...mainWindowWebPreferences(path.join(import.meta.dirname, 'preload.cjs'), {
        devTools: !app.isPackaged,
      }),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
    // The citizen's screen means nothing without the counter's.
    ratingWindow?.close();
  });
  await mainWindow.loadURL(APP_ENTRY_URL);
}

/**
 * The citizen's rating screen: full screen on a second display when one is attached (facing the
 * citizen), else a window beside the counter's. Opened once; a second call brings it forward.
 */
async function openRatingScreen(): Promise<RatingScreenResult> {
  const here = screen.getDisplayMatching(mainWindow?.getBounds() ?? screen.getPrimaryDisplay().bounds);
  const other = screen.getAllDisplays().find((d) => d.id !== here.id);
  const display = other ? 'second' : 'primary';
  if (ratingWindow) {
    ratingWindow.show();
    ratingWindow.focus();
    return { opened: true, display };
  }
  const area = (other ?? here).workArea;
  ratingWindow = new BrowserWindow({
    x: area.x,
    y: area.y,
    width: Math.min(1366, area.width),
    height: Math.min(768, area.height),
    fullscreen: other !== undefined,
    title: `${PRODUCT_NAME} — Đánh giá mức độ hài lòng`,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      ...ratingWindowWebPreferences(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  harden(ratingWindow.webContents);
  ratingWindow.on('closed', () => {
    ratingWindow = null;
  });
  await ratingWindow.loadURL(`${APP_ENTRY_URL}#/rating`);
  return { opened: true, display };
}

async function showProvisioningProblem(detail: string): Promise<void> {
  await dialog.showMessageBox({
    type: 'error',
    title: PRODUCT_NAME,
    message: 'Không thể cấu hình máy bằng tệp cấu hình (motcua-provisioning.json).',
    detail,
  });
}

/** Said once at every start while no OS keychain protects the key: the officer and IT staff both see it. */
async function warnWeakKeyProtection(): Promise<void> {
  const notice = weakKeyNotice();
  log.warn(`${notice.message} ${notice.detail}`);
  await dialog.showMessageBox({ type: 'warning', title: PRODUCT_NAME, ...notice });
}

async function start(): Promise<void> {
  await pruneLogs(logsDir, new Date(), DEFAULT_KEEP_DAYS);
  log.info(
    `${PRODUCT_NAME} ${app.getVersion()} starting (electron ${process.versions.electron}, ${process.platform})`,
  );
  const keyStore = createDatabaseKeyStore({
    safeStorage,
    filePath: path.join(app.getPath('userData'), 'keys', 'database-key.json'),
    onWarning: (message) => log.warn(message),
  });
  if (keyStore.protection() === 'weak') await warnWeakKeyProtection();
  const provisioning = createProvisioningService({
    userDataDir: app.getPath('userData'),
    safeStorage,
    fetch: (url, init) => net.fetch(url, init),
    deviceName: os.hostname(),
  });

  // First run: a provisioning file dropped next to the executable (or the AppImage) is used.
  const firstRun = await provisioning.autoProvision(
    provisioningCandidates({
      exeDir: path.dirname(app.getPath('exe')),
      appImagePath: process.env.APPIMAGE,
      systemConfigDir: process.platform === 'linux' ? '/etc/motcua' : undefined,
    }),
  );
  if (firstRun && firstRun.outcome === 'invalid') {
    await showProvisioningProblem(
      firstRun.issues.map((issue) => `• ${issue.path || 'tệp'}: ${issue.message}`).join('\n'),
    );
  } else if (firstRun && firstRun.outcome === 'enrolment_failed') {
    await showProvisioningProblem(firstRun.message);
  }
  const current = await provisioning.current();
  serverUrl = current?.serverUrl;

  const updates = createUpdateController({
    updater: electronUpdater.autoUpdater,
    provisioning: current,
    currentVersion: app.getVersion(),
    deviceToken: await provisioning
      .status()
      .then((status) => (status.state === 'enrolled' ? status.token : undefined)),
    packaged: app.isPackaged,
    log: (level, message) => log[level](message),
  });
  electronUpdater.autoUpdater.logger = log;

  // The scanner folder of the provisioning file, watched from the first ask (and again after an import).
  let scanFolder: ScanFolderWatcher | null = null;
  const scanFolderWatcher = async (): Promise<ScanFolderWatcher> => {
    const dir = (await provisioning.current())?.scanFolder ?? null;
    if (!scanFolder || scanFolder.dir !== dir) {
      scanFolder?.stop();
      scanFolder = new ScanFolderWatcher(dir);
      scanFolder.start((error) => log.warn(`scans: cannot watch the scanner folder: ${String(error)}`));
    }
    return scanFolder;
  };

  const router = createIpcRouter(
    createHandlers({
      direct: {
        printForm,
        appInfo: () => ({
          name: PRODUCT_NAME,
          version: app.getVersion(),
          mode: 'desktop',
          platform: process.platform,
          electron: process.versions.electron,
          chrome: process.versions.chrome,
          packaged: app.isPackaged,
          locale: app.getLocale(),
          keyProtection: keyStore.protection(),
        }),
        getDatabaseKey: () => keyStore.getDatabaseKey(),
        provisioningStatus: () => provisioning.status(),
        importProvisioning: async () => {
          const options = {
            title: 'Chọn tệp cấu hình Một cửa',
            properties: ['openFile' as const],
            filters: [{ name: 'Tệp cấu hình (JSON)', extensions: ['json'] }],
          };
          const chosen = mainWindow
            ? await dialog.showOpenDialog(mainWindow, options)
            : await dialog.showOpenDialog(options);
          const filePath = chosen.filePaths[0];
          if (chosen.canceled || !filePath) return { outcome: 'cancelled' };
          const result = await provisioning.importFile(filePath);
          // The renderer reloads after 'enrolled' so the CSP's connect-src names the new server.
          if (result.outcome === 'enrolled') serverUrl = (await provisioning.current())?.serverUrl;
          return result;
        },
        log: ({ level, message, context }) => {
          const safe = redactContext(context);
          if (safe) log[level](`[renderer] ${message}`, safe);
          else log[level](`[renderer] ${message}`);
        },
        updateStatus: () => updates.status(),
        openRatingScreen,
        scanFolderOffers: async ({ seen }) => (await scanFolderWatcher()).waitForOffers(seen),
        scanFolderTake: async ({ name }) => (await scanFolderWatcher()).take(name),
      },
      files: {
        renderPdf: (args) =>
          withPrintWindow(args.html, async (contents) => {
            const pdf = await contents.printToPDF({
              pageSize: args.pageSize,
              landscape: args.landscape,
              printBackground: true,
              preferCSSPageSize: true,
            });
            return new Uint8Array(pdf);
          }),
        chooseSavePath: async ({ suggestedName, filters }) => {
          const options = { defaultPath: path.join(app.getPath('documents'), suggestedName), filters };
          const result = mainWindow
            ? await dialog.showSaveDialog(mainWindow, options)
            : await dialog.showSaveDialog(options);
          return result.canceled || !result.filePath ? null : result.filePath;
        },
        chooseOpenPath: async ({ filters }) => {
          const options = { properties: ['openFile' as const], filters };
          const result = mainWindow
            ? await dialog.showOpenDialog(mainWindow, options)
            : await dialog.showOpenDialog(options);
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        writeFile: (filePath, data) => fs.writeFile(filePath, data),
        readFile: async (filePath, maxBytes) => {
          const stat = await fs.stat(filePath);
          if (stat.size > maxBytes) throw new Error(`file larger than ${maxBytes} bytes`);
          return new Uint8Array(await fs.readFile(filePath));
        },
      },
    }),
    (channel, code, message) => log.warn(`ipc ${channel} refused (${code}): ${message.slice(0, 300)}`),
  );
  // electron-log registers its own renderer-logging channel on import; renderer logs go through
  // the validated log.write channel instead, so the only IPC channels are the contract's.
  ipcMain.removeAllListeners('__ELECTRON_LOG__');
  ipcMain.removeHandler('__ELECTRON_LOG__');
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, args: unknown) => {
      const frame = event.senderFrame;
      return router.handle(
        channel,
        frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null,
        args,
      );
    });
  }

  configureSession();
  await createMainWindow();
  updates.start();
  // Keep the log folder tidy on machines that stay on for weeks.
  setInterval(() => void pruneLogs(logsDir, new Date(), DEFAULT_KEEP_DAYS), 6 * 60 * 60 * 1000).unref();
}

if (!app.requestSingleInstanceLock()) {
  // A second click on the shortcut focuses the running counter app instead of opening a second
  // copy on the same IndexedDB.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('render-process-gone', (_event, _contents, details) =>
    log.error(`renderer gone: ${details.reason}`),
  );
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch(async (error: unknown) => {
      log.error('start failed', error);
      await dialog.showMessageBox({
        type: 'error',
        title: PRODUCT_NAME,
        message: 'Phần mềm Một cửa không khởi động được.',
        detail: `${error instanceof Error ? error.message : String(error)}\n\nNhật ký: ${logsDir}`,
      });
      app.exit(1);
    });
}
