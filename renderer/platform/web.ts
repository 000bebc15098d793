// The browser implementation of the platform (web mode, and the end-to-end tests): printing through
// a hidden iframe and window.print, files through download links, logs to the console. No keychain
// key (web mode unwraps its data key at login), no provisioning and no updates (the server serves
// the current version).
import {
  type AppInfo,
  type BackupImportResult,
  type Platform,
  type PrintFormArgs,
  type SaveResult,
  PlatformUnsupportedError,
} from './types';
import { version as APP_VERSION } from '../../package.json';

/** The form's own @page rule (later in the document) wins; this only sets the default size. */
export function withPageSize(html: string, pageSize: 'A4' | 'A5', landscape = false): string {
  const style = `<style data-motcua-page>@page { size: ${pageSize} ${landscape ? 'landscape' : 'portrait'}; }</style>`;
  const head = /<head[^>]*>/i.exec(html);
  if (head)
    return html.slice(0, head.index + head[0].length) + style + html.slice(head.index + head[0].length);
  return style + html;
}

function printInHiddenFrame(html: string): Promise<void> {
  document.querySelector('iframe[data-motcua-print]')?.remove();
  const frame = document.createElement('iframe');
  frame.dataset.motcuaPrint = '';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
  return new Promise((resolve, reject) => {
    frame.addEventListener(
      'load',
      () => {
        try {
          frame.contentWindow?.focus();
          // Blocks until the print dialog closes; the frame stays until the next print so the
          // browser can finish spooling.
          frame.contentWindow?.print();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      { once: true },
    );
    frame.srcdoc = html;
    document.body.appendChild(frame);
  });
}

function download(data: Uint8Array | string, fileName: string, mimeType: string): SaveResult {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later: Chromium reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { saved: false, reason: 'browser_download' };
}

function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

export function createWebPlatform(): Platform {
  const appInfo: AppInfo = {
    name: 'Một cửa',
    version: APP_VERSION,
    mode: 'web',
    platform: navigator.platform || 'web',
    packaged: false,
    locale: navigator.language || 'vi',
  };
  return {
    kind: 'web',
    async printForm(args: PrintFormArgs) {
      await printInHiddenFrame(withPageSize(args.html, args.pageSize, args.landscape));
      // The browser does not say whether the officer printed or cancelled.
      return { printed: true };
    },
    async printToPdf(args) {
      // Browsers have no silent PDF export: their print dialog offers "Save as PDF".
      await printInHiddenFrame(withPageSize(args.html, args.pageSize, args.landscape));
      return { saved: false, reason: 'browser_print' };
    },
    async saveFile(args) {
      return download(args.data, args.suggestedName, args.mimeType ?? 'application/octet-stream');
    },
    async appInfo() {
      return appInfo;
    },
    getDatabaseKey() {
      return Promise.reject(new PlatformUnsupportedError('the keychain database key'));
    },
    async provisioningStatus() {
      return { state: 'unprovisioned' };
    },
    importProvisioning() {
      return Promise.reject(new PlatformUnsupportedError('provisioning'));
    },
    // Web mode has no scanner folder: nothing is watched, nothing offered.
    async scanFolderOffers() {
      return { watching: false, version: 0, files: [] };
    },
    scanFolderTake() {
      return Promise.reject(new PlatformUnsupportedError('the scanner folder'));
    },
    async exportBackup(args) {
      const name = args.suggestedName.endsWith('.mcbak') ? args.suggestedName : `${args.suggestedName}.mcbak`;
      return download(args.data, name, 'application/octet-stream');
    },
    async importBackup(): Promise<BackupImportResult> {
      const file = await pickFile('.mcbak');
      if (!file) return { opened: false };
      return { opened: true, fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) };
    },
    log({ level, message, context }) {
      const write = level === 'debug' ? console.debug : console[level];
      if (context) write(`[motcua] ${message}`, context);
      else write(`[motcua] ${message}`);
    },
    async updateStatus() {
      return { state: 'disabled', currentVersion: APP_VERSION };
    },
    async openRatingScreen() {
      // A second window of this page (drag it to the screen facing the citizen); a browser cannot
      // place it on another display itself. The same name brings an open one forward.
      const url = `${location.origin}${location.pathname}#/rating`;
      const opened = window.open(url, 'motcua-rating', 'popup=yes,width=1024,height=700');
      opened?.focus();
      return { opened: opened !== null, display: 'primary' };
    },
  };
}
