import { expect, type Page } from '@playwright/test';
import { openFromAccountMenu } from './account-menu';

/** The office admin's "Cán bộ" screen, reached from the header's account menu. */
export class OfficersPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await openFromAccountMenu(this.page, 'officers');
  }

  /** Confirms the open action with the admin's own password. */
  private async confirm(adminPassword: string): Promise<void> {
    const dialog = this.page.getByTestId('officer-confirm');
    await dialog.getByTestId('officer-confirm-password').fill(adminPassword);
    await dialog.getByTestId('officer-confirm-submit').click();
  }

  /** Issues a one-time password to `username`; answers it as the dialog shows it (once). */
  async resetPassword(username: string, adminPassword: string): Promise<string> {
    await this.page.getByTestId(`officer-reset-${username}`).click();
    await this.confirm(adminPassword);
    const value = this.page.getByTestId('one-time-value');
    await expect(value).toBeVisible({ timeout: 60_000 });
    const password = (await value.innerText()).trim();
    await this.page.getByTestId('one-time-close').click();
    await expect(value).toBeHidden();
    return password;
  }

  async deactivate(username: string, adminPassword: string): Promise<void> {
    await this.page.getByTestId(`officer-deactivate-${username}`).click();
    await this.confirm(adminPassword);
    await expect(this.page.getByTestId(`officer-status-${username}`)).toHaveAttribute(
      'data-active',
      'false',
      {
        timeout: 60_000,
      },
    );
  }
}
