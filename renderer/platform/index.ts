// `getPlatform()`: the desktop bridge when the preload defined it, the browser implementation
// otherwise. The same renderer bundle runs in both.
import { createDesktopPlatform, findDesktopBridge } from './desktop';
import type { Platform } from './types';
import { createWebPlatform } from './web';

let platform: Platform | null = null;

export function getPlatform(): Platform {
  if (!platform) {
    const bridge = findDesktopBridge();
    platform = bridge ? createDesktopPlatform(bridge) : createWebPlatform();
  }
  return platform;
}

export * from './types';
export {
  deriveDatabaseKey,
  WEB_KEY_ITERATIONS,
  generateDataKey,
  wrapDataKey,
  unwrapDataKey,
  DataKeyError,
  type DataKeyWrap,
  type OfficerLogin,
} from './key';
export { IpcCallError } from '../../shared/ipc/bridge';
