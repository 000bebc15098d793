import type { DesktopApi } from '../../shared/ipc/bridge';

export type * from '../../shared/ipc/contract';

/**
 * What the UI uses for everything outside the page: printing, files, keys, provisioning, logs,
 * updates; one method per call of the desktop contract (shared/ipc/contract.ts). On the desktop it
 * is the preload's bridge (window.motcua); in a browser, web.ts.
 */
export interface Platform extends DesktopApi {
  readonly kind: 'desktop' | 'web';
}

/** What web mode throws for a call only the desktop app can make. */
export class PlatformUnsupportedError extends Error {
  constructor(readonly feature: string) {
    super(`${feature} is only available in the desktop app`);
    this.name = 'PlatformUnsupportedError';
  }
}
