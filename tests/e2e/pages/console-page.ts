import { expect, type Locator, type Page } from '@playwright/test';
import { XLSX_TYPE } from '../../../shared/catalogue';

export interface OfficeFields {
  id: string;
  agencyCode: string;
  name: string;
  address: string;
  /** Names of the catalogue's sectors the office serves (chosen in the form's list). */
  sectorNames?: readonly string[];
}

/** One row refused by an import preview: its Excel row number and the reason shown. */
export interface RefusedRow {
  row: number;
  reason: string | RegExp;
}

type ConsolePageKey = 'offices' | 'officers' | 'devices' | 'catalogue' | 'holidays' | 'audit' | 'security';

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

  async goTo(page: ConsolePageKey): Promise<void> {
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
    const sectors = office.sectorNames ?? [];
    if (sectors.length > 0) {
      await this.page.getByTestId('office-sectors').click();
      for (const name of sectors)
        await this.page
          .locator('.ant-select-dropdown .ant-select-item-option')
          .filter({ hasText: name })
          .click();
      // Closes the list (it stays open for more choices) by leaving the field.
      await this.page.getByTestId('office-name').click();
    }
    await this.page.getByTestId('office-save').click();
    await expect(this.officeRow(office.id)).toBeVisible();
    // The sectors column counts the sectors served.
    await expect(this.officeRow(office.id).locator('td').nth(3)).toHaveText(String(sectors.length));
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

  /**
   * Imports a catalogue workbook on the catalogue page: the preview must count `added` procedures
   * to add and list each refused row with its reason; then writes it and closes the dialog.
   */
  async importCatalogue(
    file: { name: string; buffer: Buffer },
    expected: { added: number; refused: readonly RefusedRow[] },
  ): Promise<void> {
    await this.goTo('catalogue');
    await this.page.getByTestId('catalogue-import-open').click();
    const dialog = this.page
      .locator('.ant-modal')
      .filter({ has: this.page.getByTestId('catalogue-choose-file') });
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: file.name, mimeType: XLSX_TYPE, buffer: file.buffer });
    await expect(dialog.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });
    await expect(dialog.getByTestId('count-added')).toHaveText(`Thêm mới: ${expected.added}`);
    await expect(dialog.getByTestId('count-errors')).toHaveText(
      `Dòng lỗi (không ghi): ${expected.refused.length}`,
    );
    const refused = dialog.getByTestId('import-errors').locator('tbody tr.ant-table-row');
    await expect(refused).toHaveCount(expected.refused.length);
    for (const [i, r] of expected.refused.entries()) {
      await expect(refused.nth(i).locator('td').first()).toHaveText(String(r.row));
      await expect(refused.nth(i)).toContainText(r.reason);
    }
    await dialog.getByTestId('catalogue-commit').click();
    await expect(dialog.getByTestId('import-committed')).toContainText(`Đã ghi ${expected.added} thủ tục`, {
      timeout: 60_000,
    });
    await this.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  /** The row of a procedure (by code) in the catalogue page's list. */
  catalogueRow(code: string): Locator {
    return this.page
      .getByTestId('catalogue-table')
      .locator('tbody tr.ant-table-row')
      .filter({ has: this.page.locator('td', { hasText: new RegExp(`^${code.replace(/\./g, '\\.')}$`) }) });
  }

  /**
   * Marks a January weekday of this year a day off on the holidays calendar, checks that the
   * due-date example (received 2 January, 5 working days) moves by one working day, and saves.
   */
  async addDayOff(date: string, name: string): Promise<void> {
    await this.goTo('holidays');
    const shift = this.page.getByTestId('holiday-effect-shift');
    await expect(shift).toHaveText('Không đổi', { timeout: 60_000 });
    await this.page.locator(`td.ant-picker-cell[title="${date}"]`).click();
    const dialog = this.page.locator('.ant-modal').filter({ has: this.page.locator('.ant-radio-group') });
    await dialog.getByText('Ngày nghỉ', { exact: true }).click();
    await dialog.getByLabel('Tên ngày (hiển thị cho cán bộ)').fill(name);
    await dialog.getByRole('button', { name: 'Áp dụng' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.page.locator(`.ant-picker-calendar [data-date="${date}"]`)).toHaveText(name);
    await expect(this.page.getByTestId('holidays-unsaved')).toHaveText('1 ngày khác lịch đang áp dụng');
    await expect(shift).toHaveText('Lệch 1 ngày làm việc');
    await this.page.getByTestId('holidays-save').click();
    await expect(this.page.locator('.ant-message')).toContainText(`Đã lưu lịch năm ${date.slice(0, 4)}`);
    // Saved, the edited year is the one in force: no difference left, the example agrees.
    await expect(this.page.getByTestId('holidays-unsaved')).toHaveCount(0);
    await expect(shift).toHaveText('Không đổi');
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
