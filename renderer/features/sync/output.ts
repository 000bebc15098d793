import { getPlatform } from '../../platform';
import { printHtml } from '../printing';

/** Where the end-of-day summary goes: the printer (A4) or a file. */
export interface SummaryOutput {
  print(html: string): Promise<void>;
  save(fileName: string, html: string): Promise<void>;
}

/**
 * Through renderer/platform: on the desktop the shell's printer and save dialog, in web mode the
 * browser's print dialog and a download. Printing goes through the app's printHtml so it counts as
 * an app print event (`data-last-print="sync-summary"`) like every form.
 */
export const platformSummaryOutput: SummaryOutput = {
  print: (html) => printHtml('sync-summary', html, { pageSize: 'A4' }),
  async save(fileName, html) {
    await getPlatform().saveFile({
      suggestedName: fileName,
      data: html,
      mimeType: 'text/html;charset=utf-8',
      filters: [{ name: 'HTML', extensions: ['html'] }],
    });
  },
};
