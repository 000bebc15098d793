import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { vi } from '../../../renderer/i18n/vi';

/** Role names as the Vietnamese UI shows them (its own message table). */
export const ROLE_LABELS: Record<string, string> = vi.roles;

/** One officer of the demo office, as the login screen lists them. */
export interface Account {
  username: string;
  password: string;
}

/**
 * The app as a counter officer sees it. Every wait is on an app event (body data attributes,
 * data-testid elements), never on time.
 */
export class CounterApp {
  constructor(readonly page: Page) {}

  get context(): BrowserContext {
    return this.page.context();
  }

  /** First visit while online: the service worker installs and caches the app shell. */
  async installOffline(): Promise<void> {
    await this.page.goto('/');
    // The first load parses the whole bundle and opens IndexedDB: allow for a busy CI machine.
    await expect(this.page.locator('body')).toHaveAttribute('data-offline-ready', 'true', {
      timeout: 60_000,
    });
  }

  /**
   * Cut the network for the rest of the test: the browser is offline and every request that still
   * tries to leave (from the page or the service worker) is aborted.
   */
  async goOffline(): Promise<void> {
    await this.context.setOffline(true);
    await this.context.route('**/*', (route) => route.abort('internetdisconnected'));
  }

  /** Load (or reload) the app and wait until it has opened the replica. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await expect(this.page.locator('body')).toHaveAttribute('data-app-ready', 'true', { timeout: 60_000 });
  }

  async screen(): Promise<string | null> {
    return this.page.locator('body').getAttribute('data-screen');
  }

  async expectScreen(name: string, options: { timeout?: number } = {}): Promise<void> {
    await expect(this.page.locator('body')).toHaveAttribute('data-screen', name, options);
  }

  /** A fresh, offline app with the demo office seeded: the starting point of every test. */
  static async openOfflineDemo(page: Page): Promise<CounterApp> {
    const app = new CounterApp(page);
    await app.installOffline();
    await app.goOffline();
    await app.reload();
    await app.expectScreen('setup');
    await page.getByTestId('use-demo').click();
    // Seeding wraps the data key for each of the seven demo officers (a slow key derivation each).
    await app.expectScreen('login', { timeout: 60_000 });
    return app;
  }

  /** The demo accounts shown on the login screen, by role. */
  async demoAccount(role: string): Promise<Account> {
    const table = this.page.getByTestId('login').locator('table');
    await expect(table).toBeVisible();
    const rows = await table.locator('tbody tr').all();
    const labels = ROLE_LABELS;
    for (const row of rows) {
      const cells = await row.locator('td').allInnerTexts();
      const roles = (cells[2] ?? '').split(',').map((s) => s.trim());
      // Prefer an officer whose only role is the one asked, like the real counter staff.
      if (roles.length === 1 && roles[0] === labels[role])
        return { username: cells[0] ?? '', password: cells[1] ?? '' };
    }
    for (const row of rows) {
      const cells = await row.locator('td').allInnerTexts();
      if ((cells[2] ?? '').includes(labels[role] ?? role))
        return { username: cells[0] ?? '', password: cells[1] ?? '' };
    }
    throw new Error(`no demo account for ${role}`);
  }

  /** The demo account with this username, as listed on the login screen. */
  async demoUser(username: string): Promise<Account> {
    const row = this.page.getByTestId('login').locator('tbody tr').filter({ hasText: username }).first();
    const cells = await row.locator('td').allInnerTexts();
    return { username: cells[0] ?? '', password: cells[1] ?? '' };
  }

  /**
   * Sign in as the demo officer of `role` (or the one named `username`, e.g. the multi-role
   * 'motcua'), acting in that role.
   */
  async loginAs(role: string, username?: string): Promise<void> {
    if ((await this.screen()) !== 'login') await this.logout();
    const account = username ? await this.demoUser(username) : await this.demoAccount(role);
    await this.signIn(account.username, account.password, role);
  }

  /** Sign in with a username and password from the login screen, acting in `role`. */
  async signIn(username: string, password: string, role: string): Promise<void> {
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-password').press('Enter');
    const roleForm = this.page.getByTestId('role-form');
    const header = this.page.getByTestId('header-role');
    // argon2id (64 MiB) runs in WebAssembly: slow on a loaded machine.
    await expect(roleForm.or(header)).toBeVisible({ timeout: 60_000 });
    if (await roleForm.isVisible()) {
      await roleForm.locator(`input[value="${role}"]`).check();
      await this.page.getByTestId('role-continue').click();
    }
    await expect(header).toHaveAttribute('data-role', role);
  }

  /**
   * Type a username and password on the login screen and submit; answers once the app has answered
   * this attempt (the login screen counts its answers: an earlier error stays shown until then).
   */
  async submitLogin(username: string, password: string): Promise<void> {
    if ((await this.screen()) !== 'login') await this.logout();
    const card = this.page.getByTestId('login');
    const before = Number((await card.getAttribute('data-answered')) ?? 0);
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-password').press('Enter');
    // argon2id (64 MiB) runs in WebAssembly: slow on a loaded machine.
    // One read of the card that never waits for it: the card goes when the answer is a sign-in or
    // the new-password screen, and a locator read would then wait for a card that never returns.
    const answered = () =>
      card.evaluateAll((cards) =>
        cards[0] ? Number(cards[0].getAttribute('data-answered') ?? 0) : Number.POSITIVE_INFINITY,
      );
    await expect.poll(answered, { timeout: 60_000 }).toBeGreaterThan(before);
  }

  /**
   * On the "Đặt mật khẩu mới" screen: type the new password twice and save; waits until it is
   * accepted (the screen goes), or with `refused` until the form says why not.
   */
  async setNewPassword(password: string, opts: { refused?: boolean } = {}): Promise<void> {
    const form = this.page.getByTestId('set-password');
    await expect(form).toBeVisible();
    await form.getByTestId('password-new').fill(password);
    await form.getByTestId('password-confirm').fill(password);
    await form.getByTestId('password-save').click();
    if (opts.refused) {
      const why = form.locator('.ant-form-item-explain-error').or(form.getByTestId('password-failed'));
      await expect(why.first()).toBeVisible({ timeout: 60_000 });
    } else {
      // Two argon2id derivations (the verifier and the signing key) plus the key wrap.
      await expect(form).toBeHidden({ timeout: 60_000 });
    }
  }

  /**
   * An officer's first login: the one-time password the office admin gave them, then their own
   * password on the "Đặt mật khẩu mới" screen; ends signed in (in their first role when they hold
   * several).
   */
  async firstLogin(username: string, oneTimePassword: string, newPassword: string): Promise<void> {
    await this.submitLogin(username, oneTimePassword);
    await this.setNewPassword(newPassword);
    const roleForm = this.page.getByTestId('role-form');
    const header = this.page.getByTestId('header-role');
    await expect(roleForm.or(header)).toBeVisible({ timeout: 60_000 });
    if (await roleForm.isVisible()) await this.page.getByTestId('role-continue').click();
    await expect(header).toBeVisible();
  }

  /** An officer holding several roles switches the acting role from the header. */
  async switchRole(role: string): Promise<void> {
    await this.page.getByTestId('role-switch').click();
    await this.page
      .locator(`.ant-select-dropdown:visible .ant-select-item-option`)
      .filter({ hasText: ROLE_LABELS[role] ?? role })
      .click();
    await expect(this.page.getByTestId('header-role')).toHaveAttribute('data-role', role);
  }

  async logout(): Promise<void> {
    await this.page.getByTestId('logout').click();
    await this.expectScreen('login');
  }

  /** Scanner-style lookup: type the code and Enter, land on the dossier. */
  async openByCode(code: string): Promise<void> {
    await this.page.keyboard.press('F3');
    await this.expectScreen('queue');
    const input = this.page.getByTestId('lookup-input').locator('input');
    await expect(input).toBeFocused();
    await input.fill(code);
    await input.press('Enter');
    await this.expectScreen('dossier');
    await expect(this.page.getByTestId('dossier-screen')).toHaveAttribute('data-code', code);
  }

  async openById(id: string): Promise<void> {
    await this.page.goto(`/#/dossier/${id}`);
    await this.expectScreen('dossier');
  }

  /** The HTML document last sent to the printer (web mode prints from a hidden frame), and which form. */
  async lastPrint(): Promise<{ form: string; html: string }> {
    const frame = this.page.locator('iframe[data-motcua-print]');
    await expect(frame).toHaveCount(1);
    const form = (await this.page.locator('body').getAttribute('data-last-print')) ?? '';
    const html = await frame.evaluate((el) => (el as HTMLIFrameElement).srcdoc);
    return { form, html };
  }

  /** Waits for the next print of `form` after `before` prints. */
  async expectPrinted(form: string, before: number): Promise<{ form: string; html: string }> {
    await expect
      .poll(async () => Number((await this.page.locator('body').getAttribute('data-print-count')) ?? 0))
      .toBeGreaterThan(before);
    await expect(this.page.locator('body')).toHaveAttribute('data-last-print', form);
    return this.lastPrint();
  }

  async printCount(): Promise<number> {
    return Number((await this.page.locator('body').getAttribute('data-print-count')) ?? 0);
  }

  testId(id: string): Locator {
    return this.page.getByTestId(id);
  }
}
