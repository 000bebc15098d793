import { expect, type Locator, type Page } from '@playwright/test';
import { openFromAccountMenu } from './account-menu';

/** The office admin's "Quầy và máy" page, reached from the header's account menu. */
export class CountersPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await openFromAccountMenu(this.page, 'counters');
  }

  /** Opens the page's requests with the admin's password; waits for the office's counters. */
  async unlock(password: string): Promise<void> {
    await this.page.getByTestId('counters-password').fill(password);
    await this.page.getByTestId('counters-unlock').click();
    await expect(this.page.getByTestId('counters-table')).toBeVisible({ timeout: 60_000 });
  }

  /** Issues a code for `counterId`; answers it and its expiry as the dialog shows them (once). */
  async issueCode(counterId: string): Promise<{ code: string; expiresAt: string; expiresText: string }> {
    await this.page.getByTestId(`counter-issue-${counterId}`).click();
    await this.page.getByTestId('issue-code-submit').click();
    const value = this.page.getByTestId('issued-code-value');
    await expect(value).toBeVisible({ timeout: 30_000 });
    const code = (await value.innerText()).trim();
    const expires = this.page.getByTestId('issued-code-expires');
    const result = {
      code,
      expiresAt: (await expires.getAttribute('data-expires-at')) ?? '',
      expiresText: await expires.innerText(),
    };
    await this.page.getByTestId('issued-code-close').click();
    await expect(value).toBeHidden();
    return result;
  }

  async reload(): Promise<void> {
    const button = this.page.getByTestId('counters-refresh');
    await button.click();
    await expect(button).not.toHaveClass(/ant-btn-loading/, { timeout: 30_000 });
  }

  /** The device rows of `counterId`'s PCs. */
  devicesOf(counterId: string): Locator {
    return this.page.locator(`[data-testid="device-row"][data-counter="${counterId}"]`);
  }

  /** Revokes the active PC of `counterId` (confirmed in the popup). */
  async revokeActiveOf(counterId: string): Promise<void> {
    const row = this.devicesOf(counterId).and(this.page.locator('[data-revoked="false"]'));
    await expect(row).toHaveCount(1);
    await row.getByTestId('device-revoke').click();
    await this.page.getByTestId('device-confirm').click();
  }
}
