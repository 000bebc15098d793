// The desktop platform: the preload's `window.motcua` bridge, unwrapped into typed calls that throw
// IpcCallError (with the main process's error code) on refusal.
import { BRIDGE_GLOBAL, type DesktopBridge, desktopApiFrom } from '../../shared/ipc/bridge';
import type { Platform } from './types';

export function findDesktopBridge(scope: object = globalThis): DesktopBridge | null {
  const candidate = (scope as Record<string, unknown>)[BRIDGE_GLOBAL] as Partial<DesktopBridge> | undefined;
  return candidate && candidate.kind === 'desktop' ? (candidate as DesktopBridge) : null;
}

export function createDesktopPlatform(bridge: DesktopBridge): Platform {
  return Object.freeze({ kind: 'desktop', ...desktopApiFrom(bridge) });
}
