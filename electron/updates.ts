// Updates from the provincial server's `updates/` folder (electron-updater, generic provider).
// They download in the background and are installed when the app quits, i.e. at the end of the
// day: never quitAndInstall, so a counter is never restarted in the middle of receiving a dossier.
import type { UpdateStatus } from '../shared/ipc/contract';
import { type ProvisioningFile, updateFeedUrl } from '../shared/provisioning/schema';

/** The part of electron-updater's AppUpdater we drive. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  channel: string | null;
  requestHeaders: Record<string, string | string[] | number | undefined> | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node's EventEmitter signature
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export interface UpdateController {
  status(): UpdateStatus;
  /** Starts the first check and the periodic ones; returns a stop function. */
  start(): () => void;
}

export function createUpdateController(options: {
  updater: UpdaterLike | null;
  provisioning: Pick<ProvisioningFile, 'serverUrl' | 'updates'> | null;
  currentVersion: string;
  /** The device token: the feed may sit behind the server's device authentication. */
  deviceToken?: string | undefined;
  /** Packaged builds only: a dev build has no app-update.yml and nothing to replace. */
  packaged: boolean;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  now?: () => Date;
  setInterval?: (callback: () => void, ms: number) => { unref?: () => void } | number;
  clearInterval?: (handle: unknown) => void;
}): UpdateController {
  const now = options.now ?? (() => new Date());
  let status: UpdateStatus = { state: 'disabled', currentVersion: options.currentVersion };
  const enabled = Boolean(options.packaged && options.updater && options.provisioning?.updates.enabled);
  if (!enabled) {
    return { status: () => status, start: () => () => {} };
  }
  const updater = options.updater as UpdaterLike;
  const provisioning = options.provisioning as Pick<ProvisioningFile, 'serverUrl' | 'updates'>;
  const channel = provisioning.updates.channel ?? 'latest';
  status = { state: 'idle', currentVersion: options.currentVersion };

  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  updater.allowPrerelease = channel !== 'latest';
  updater.setFeedURL({ provider: 'generic', url: updateFeedUrl(provisioning.serverUrl), channel });
  if (options.deviceToken) updater.requestHeaders = { authorization: `Bearer ${options.deviceToken}` };

  const set = (next: Partial<UpdateStatus> & Pick<UpdateStatus, 'state'>) => {
    status = { currentVersion: options.currentVersion, ...next };
  };
  const checked = () => now().toISOString();
  updater.on('checking-for-update', () => {
    // A downloaded update stays "downloaded" until the next launch installs it.
    if (status.state !== 'downloaded') set({ ...status, state: 'checking' });
  });
  updater.on('update-not-available', () => {
    if (status.state !== 'downloaded') set({ state: 'up-to-date', checkedAt: checked() });
  });
  updater.on('update-available', (info: { version: string }) => {
    options.log('info', `update ${info.version} available, downloading in the background`);
    set({ state: 'downloading', availableVersion: info.version, percent: 0, checkedAt: checked() });
  });
  updater.on('download-progress', (progress: { percent: number }) => {
    if (status.state === 'downloading')
      set({ ...status, percent: Math.max(0, Math.min(100, progress.percent)) });
  });
  updater.on('update-downloaded', (info: { version: string }) => {
    options.log('info', `update ${info.version} downloaded; it installs when the app is closed`);
    set({ state: 'downloaded', availableVersion: info.version, percent: 100, checkedAt: checked() });
  });
  updater.on('error', (error: Error) => {
    options.log('warn', `update check failed: ${error.message}`);
    // The feed being unreachable (offline counter) is normal: keep a downloaded update.
    if (status.state !== 'downloaded')
      set({ state: 'error', error: error.message.slice(0, 1000), checkedAt: checked() });
  });

  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => {
      options.log('warn', `update check failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  return {
    status: () => status,
    start() {
      check();
      const schedule = options.setInterval ?? ((callback, ms) => setInterval(callback, ms));
      const handle = schedule(check, CHECK_INTERVAL_MS);
      if (typeof handle === 'object' && handle.unref) handle.unref();
      return () => (options.clearInterval ?? ((h) => clearInterval(h as NodeJS.Timeout)))(handle);
    },
  };
}
