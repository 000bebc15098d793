// The desktop platform: the preload's `window.motcua` bridge, unwrapped into typed calls that throw
// IpcCallError (with the main process's error code) on refusal.
import { BRIDGE_GLOBAL, type DesktopBridge, desktopApiFrom } from '../../shared/ipc/bridge';
import type { Platform } from './types';

export function findDesktopBridge(scope: object = globalThis): DesktopBridge | null {
  const candidate = (scope as Record<string, unknown>)[BRIDGE_GLOBAL] as Partial<DesktopBridge> | undefined;
  return candidate && candidate.kind === 'desktop' ? (candidate as DesktopBridge) : null;
}

export function createDesktopPlatform(bridge: DesktopBridge): Platform {
  const api = desktopApiFrom(bridge);
  return {
    kind: 'desktop',
    printForm: (args) => api.printForm(args),
    printToPdf: (args) => api.printToPdf(args),
    saveFile: (args) => api.saveFile(args),
    appInfo: () => api.appInfo(),
    // The login is not needed: the key lives in the OS keychain, not in the officer's password.
    getDatabaseKey: async () => (await api.getDatabaseKey()).key,
    provisioningStatus: () => api.provisioningStatus(),
    importProvisioning: () => api.importProvisioning(),
    exportBackup: (args) => api.exportBackup(args),
    importBackup: () => api.importBackup(),
    log(level, message, context) {
      // Logging must never break a counter action.
      api.writeLog(context ? { level, message, context } : { level, message }).catch(() => {});
    },
    updateStatus: () => api.updateStatus(),
  };
}
