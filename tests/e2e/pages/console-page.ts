import { expect, type Locator, type Page } from '@playwright/test';

export interface OfficeFields {
  id: string;
  agencyCode: string;
  name: string;
  address: string;
}

/**
 * The administration console (renderer/console) as a province admin uses it, served by the
 * provincial server at /console/. Waits are on the page's test ids and data attributes.
 */
export class ConsolePage {
  constructor(readonly page: Page) {}

  async open(serverUrl: string): Promise<void> {
    await this.page.goto(`${serverUrl}/console/`);
    await expect(
      this.page.getByTestId('console-signin').or(this.page.getByTestId('console-shell')),
    ).toBeVisible({
      timeout: 60_000,
    });
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByTestId('signin-username').fill(username);
    await this.page.getByTestId('signin-password').fill(password);
    await this.page.getByTestId('signin-submit').click();
    await expect(this.page.getByTestId('console-shell')).toBeVisible({ timeout: 60_000 });
  }

  async goTo(page: 'offices' | 'officers' | 'devices' | 'audit' | 'security'): Promise<void> {
    await this.page.getByTestId(`nav-${page}`).click();
    await expect(this.page.getByTestId('console-shell')).toHaveAttribute('data-page', page);
  }

  /** Creates an office; it becomes the office chosen in the header. */
  async createOffice(office: OfficeFields): Promise<void> {
    await this.goTo('offices');
    await this.page.getByTestId('office-new').click();
    await this.page.getByTestId('office-id').fill(office.id);
    await this.page.getByTestId('office-agency').fill(office.agencyCode);
    await this.page.getByTestId('office-name').fill(office.name);
    await this.page.getByTestId('office-address').fill(office.address);
    await this.page.getByTestId('office-save').click();
    await expect(this.officeRow(office.id)).toBeVisible();
    await expect(this.page.getByTestId('counters')).toHaveAttribute('data-office', office.id);
  }

  officeRow(id: string): Locator {
    return this.page.locator(`[data-testid="office-row"][data-id="${id}"]`);
  }

  counterRow(id: string): Locator {
    return this.page.locator(`[data-testid="counter-row"][data-id="${id}"]`);
  }

  async addCounter(id: string, name: string): Promise<void> {
    await this.page.getByTestId('counter-id').fill(id);
    await this.page.getByTestId('counter-name').fill(name);
    await this.page.getByTestId('counter-add').click();
    await expect(this.counterRow(id)).toContainText(name);
  }

  /** Issues the enrolment code of a counter (default validity); answers it and its expiry. */
  async issueEnrolCode(counterId: string): Promise<{ code: string; expiresAt: string }> {
    await this.goTo('offices');
    await this.counterRow(counterId).getByTestId('counter-enrol').click();
    await this.page.getByTestId('enrol-issue').click();
    const code = this.page.getByTestId('enrol-code');
    await expect(code).toHaveAttribute('data-code', /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(this.page.getByTestId('enrol-print')).toBeVisible();
    const result = {
      code: (await code.getAttribute('data-code')) ?? '',
      expiresAt: (await this.page.getByTestId('enrol-expiry').getAttribute('data-expires')) ?? '',
    };
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByTestId('enrol-sheet')).toHaveCount(0);
    return result;
  }

  /** Creates an officer of the chosen office with one role; answers the one-time password shown. */
  async createOfficer(username: string, fullName: string, roleLabel: string): Promise<string> {
    await this.goTo('officers');
    await this.page.getByTestId('officer-new').click();
    await this.page.getByTestId('officer-username').fill(username);
    await this.page.getByTestId('officer-fullname').fill(fullName);
    const roles = this.page.getByTestId('officer-role-choice');
    // The form starts with "receiver" ticked: tick the role asked for, untick the others.
    for (const box of await roles.locator('label').all()) {
      const ticked = (await box.locator('input').isChecked()) === true;
      const wanted = (await box.innerText()).trim() === roleLabel;
      if (ticked !== wanted) await box.click();
    }
    await this.page.getByTestId('officer-save').click();
    const shown = this.page.getByTestId('officer-password');
    await expect(shown).toHaveAttribute('data-password', /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const password = (await shown.getAttribute('data-password')) ?? '';
    await this.page.keyboard.press('Escape');
    await expect(shown).toHaveCount(0);
    await expect(this.page.locator(`[data-testid="officer-row"][data-username="${username}"]`)).toBeVisible();
    return password;
  }

  /** Revokes the active device of a counter (confirming the question). */
  async revokeDeviceOf(counterId: string): Promise<void> {
    await this.goTo('devices');
    const row = this.page.locator(
      `[data-testid="device-row"][data-counter="${counterId}"][data-revoked="false"]`,
    );
    await row.getByTestId('device-revoke').click();
    await this.page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect(
      this.page.locator(`[data-testid="device-row"][data-counter="${counterId}"][data-revoked="true"]`),
    ).toBeVisible();
  }

  /** The audit log's actions, newest first. */
  async auditActions(): Promise<string[]> {
    await this.goTo('audit');
    await this.page.getByTestId('audit-refresh').click();
    const rows = this.page.getByTestId('audit-row');
    await expect(rows.first()).toBeVisible();
    return rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-action') ?? ''));
  }
}
