import { printHtml } from '../printing';

/** Where the end-of-day summary goes: the printer (A4) or a file. */
export interface SummaryOutput {
  print(html: string): Promise<void>;
  save(fileName: string, html: string): Promise<void>;
}

/**
 * Web mode: print through the browser's dialog (the app's print frame), save as a download. The
 * desktop shell can pass its own (renderer/platform's printForm / saveFile) to the components.
 */
export const webSummaryOutput: SummaryOutput = {
  print: (html) => printHtml('sync-summary', html),
  save(fileName, html) {
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Revoke after the click has been handled, or some browsers cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return Promise.resolve();
  },
};
