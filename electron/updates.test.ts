import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type UpdaterLike, createUpdateController } from './updates';

/** electron-updater needs Electron at import time; this has the same surface and events. */
class RecordingUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  allowPrerelease = true;
  channel: string | null = null;
  requestHeaders: Record<string, string> | null = null;
  feeds: unknown[] = [];
  checks = 0;
  quitAndInstallCalls = 0;
  setFeedURL(options: unknown) {
    this.feeds.push(options);
  }
  async checkForUpdates() {
    this.checks += 1;
    return null;
  }
  quitAndInstall() {
    this.quitAndInstallCalls += 1;
  }
}

const provisioning = { serverUrl: 'https://motcua.thaibinh.gov.vn', updates: { enabled: true } };

function controller(overrides: Partial<Parameters<typeof createUpdateController>[0]> = {}) {
  const updater = new RecordingUpdater();
  const logs: string[] = [];
  let scheduled: (() => void) | null = null;
  const control = createUpdateController({
    updater,
    provisioning,
    currentVersion: '0.1.0',
    deviceToken: 'mc1_device-token',
    packaged: true,
    log: (level, message) => logs.push(`${level}: ${message}`),
    now: () => new Date('2026-11-27T02:00:00Z'),
    setInterval: (callback) => {
      scheduled = callback;
      return 1;
    },
    clearInterval: () => {
      scheduled = null;
    },
    ...overrides,
  });
  return { updater, logs, control, tick: () => scheduled?.() };
}

describe('update controller', () => {
  it.each([
    ['provisioning turns updates off', { provisioning: { ...provisioning, updates: { enabled: false } } }],
    ['not provisioned yet', { provisioning: null }],
    ['a development build', { packaged: false }],
  ])('is disabled when %s', (_label, overrides) => {
    const { updater, control } = controller(overrides);
    control.start();
    expect(control.status()).toEqual({ state: 'disabled', currentVersion: '0.1.0' });
    expect(updater.checks).toBe(0);
    expect(updater.feeds).toEqual([]);
  });

  it('uses the server feed, downloads in the background and installs only on quit', async () => {
    const { updater, control, tick } = controller();
    expect(updater.feeds).toEqual([
      { provider: 'generic', url: 'https://motcua.thaibinh.gov.vn/updates/', channel: 'latest' },
    ]);
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      allowPrerelease: false,
    });
    control.start();
    expect(updater.checks).toBe(1);
    updater.emit('checking-for-update');
    expect(control.status().state).toBe('checking');
    updater.emit('update-available', { version: '0.2.0' });
    updater.emit('download-progress', { percent: 42.5 });
    expect(control.status()).toMatchObject({
      state: 'downloading',
      availableVersion: '0.2.0',
      percent: 42.5,
    });
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(control.status()).toMatchObject({ state: 'downloaded', availableVersion: '0.2.0' });
    // A later periodic check, offline, must not forget the downloaded update.
    tick();
    updater.emit('checking-for-update');
    updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    expect(control.status().state).toBe('downloaded');
    expect(updater.checks).toBe(2);
    expect(updater.quitAndInstallCalls).toBe(0);
  });

  it('reports an unreachable feed and an up-to-date app', () => {
    const { updater, control, logs } = controller({
      provisioning: { ...provisioning, updates: { enabled: true, channel: 'beta' } },
    });
    expect(updater.allowPrerelease).toBe(true);
    control.start();
    updater.emit('error', new Error('getaddrinfo ENOTFOUND'));
    expect(control.status()).toMatchObject({ state: 'error', error: 'getaddrinfo ENOTFOUND' });
    expect(logs.at(-1)).toMatch(/^warn: update check failed/);
    updater.emit('update-not-available');
    expect(control.status()).toEqual({
      state: 'up-to-date',
      currentVersion: '0.1.0',
      checkedAt: '2026-11-27T02:00:00.000Z',
    });
  });
});
