import { expect, type Locator, type Page } from '@playwright/test';

/** What the end-of-day summary says, as its data attributes carry it. */
export interface EndOfDayCounts {
  complete: boolean;
  sent: number;
  received: number;
  conflicts: number;
  rejected: number;
  pending: number;
  dossiersSent: number;
  dossiersReceived: number;
  eventsSent: number;
  eventsReceived: number;
}

/**
 * The header sync panel, its drawer and the end-of-day dialog. Waits are on the panel's data
 * attributes (it mirrors the replication state), never on time.
 */
export class SyncPanelPage {
  constructor(readonly page: Page) {}

  get button(): Locator {
    return this.page.getByTestId('sync-panel');
  }

  async openDrawer(): Promise<void> {
    await this.button.click();
    await expect(this.page.getByTestId('sync-details').or(this.page.getByTestId('sync-enrol'))).toBeVisible();
  }

  async closeDrawer(): Promise<void> {
    // A toast can lie over the drawer's close button, and antd keeps a toast open while the pointer
    // rests on it: a click there waited on it until the test timed out (once in CI, 10 min). The
    // pointer moves off first and the toasts close, as they do for an officer who looks at them.
    await this.page.mouse.move(0, 0);
    await expect(this.page.locator('.ant-message-notice')).toHaveCount(0);
    await this.page.locator('.ant-drawer-close').click();
    await expect(this.page.locator('.ant-drawer-open')).toHaveCount(0);
    // The close animation's end hands the focus back to the sync button: a key pressed before then
    // (F3 to the lookup box) would lose its focus to it.
    await expect(
      this.page.locator('.ant-drawer-content-wrapper:not(.ant-drawer-content-wrapper-hidden)'),
    ).toHaveCount(0);
  }

  /**
   * The app's toast messages (antd's message holder) show `text`. Read from the holder, so a failure
   * names the message the officer saw instead (an error, another step's message) rather than only
   * "not found".
   */
  async expectMessage(text: string): Promise<void> {
    await expect(this.page.locator('.ant-message')).toContainText(text);
  }

  /** IT staff's enrolment: server address and the one-time code, typed into the panel's form. */
  async enrol(serverUrl: string, code: string): Promise<void> {
    await expect(this.button).toHaveAttribute('data-connected', 'false');
    await this.openDrawer();
    await this.page.getByTestId('sync-enrol-url').fill(serverUrl);
    await this.page.getByTestId('sync-enrol-code').fill(code);
    await this.page.getByTestId('sync-enrol-submit').click();
    await expect(this.button).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });
    await expect(this.page.getByTestId('sync-details')).toBeVisible();
    await this.closeDrawer();
  }

  /** Online, nothing waiting to be sent, nothing running, at least one successful exchange. */
  async expectInSync(timeout = 60_000): Promise<void> {
    await expect(this.button).toHaveAttribute('data-online', 'true', { timeout });
    await expect(this.button).not.toHaveAttribute('data-last-sync', '', { timeout });
    await expect(this.button).toHaveAttribute('data-pending', '0', { timeout });
    await expect(this.button).toHaveAttribute('data-syncing', 'false', { timeout });
  }

  async pending(): Promise<number> {
    return Number(await this.button.getAttribute('data-pending'));
  }

  /** Opens the end-of-day dialog from the drawer and starts the run; returns once it is running. */
  async startEndOfDay(): Promise<void> {
    await this.openDrawer();
    await this.page.getByTestId('eod-open').click();
    await this.page.getByTestId('eod-start').click();
    await expect(this.page.getByTestId('eod-running').or(this.page.getByTestId('eod-summary'))).toBeVisible();
  }

  /** Waits for the summary and reads it. */
  async endOfDaySummary(timeout = 150_000): Promise<EndOfDayCounts> {
    const summary = this.page.getByTestId('eod-summary');
    await expect(summary).toBeVisible({ timeout });
    const n = async (name: string) => Number(await summary.getAttribute(`data-${name}`));
    return {
      complete: (await summary.getAttribute('data-complete')) === 'true',
      sent: await n('sent'),
      received: await n('received'),
      conflicts: await n('conflicts'),
      rejected: await n('rejected'),
      pending: await n('pending'),
      dossiersSent: await n('dossiers-sent'),
      dossiersReceived: await n('dossiers-received'),
      eventsSent: await n('events-sent'),
      eventsReceived: await n('events-received'),
    };
  }

  /** Prints the summary; returns once the app has sent it to the printer (its print event). */
  async printSummary(): Promise<void> {
    const before = Number((await this.page.locator('body').getAttribute('data-print-count')) ?? 0);
    await this.page.getByTestId('eod-print').click();
    await expect
      .poll(async () => Number((await this.page.locator('body').getAttribute('data-print-count')) ?? 0))
      .toBeGreaterThan(before);
    await expect(this.page.locator('body')).toHaveAttribute('data-last-print', 'sync-summary');
  }

  /** Saves the summary; returns the file's name and text. */
  async saveSummary(): Promise<{ name: string; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('eod-save').click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  async closeEndOfDay(): Promise<void> {
    await this.page.getByTestId('eod-close').click();
    await expect(this.page.getByTestId('eod-dialog')).toHaveCount(0);
  }
}
