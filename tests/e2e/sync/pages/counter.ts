import { appendFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { CounterApp } from '../../pages/counter-app';
import { ReceivePage, type ApplicantInput } from '../../pages/receive-page';
import type { SyncServer } from '../../support/server';
import { FirstRunPage } from './first-run';
import { SyncPanelPage } from './sync-panel';

/** One counter PC: its own browser profile (fresh context), the app, its sync panel. */
export class Counter {
  readonly app: CounterApp;
  readonly sync: SyncPanelPage;
  readonly receive: ReceivePage;
  readonly firstRun: FirstRunPage;
  /** The page's uncaught errors and console errors and warnings, for a failed test's report. */
  private readonly console: string[] = [];
  constructor(readonly page: Page) {
    this.app = new CounterApp(page);
    this.sync = new SyncPanelPage(page);
    this.receive = new ReceivePage(page);
    this.firstRun = new FirstRunPage(page);
    page.on('pageerror', (error) => this.console.push(`[pageerror] ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        this.console.push(`[${message.type()}] ${message.text()}`);
    });
  }

  static async open(browser: Browser, baseURL: string): Promise<Counter> {
    const context = await browser.newContext({ baseURL });
    return new Counter(await context.newPage());
  }

  /**
   * First run online, as IT staff set up a new PC: the first-run screen's "connect to the office"
   * with the server's address and a code for one counter; the office comes down before the login.
   */
  async setUp(server: SyncServer): Promise<void> {
    await this.app.installOffline();
    await this.firstRun.connect(server.url, await server.counterCode());
    await this.app.loginAs('supervisor');
    await this.sync.expectInSync();
  }

  /**
   * First run online with the demo office, then the supervisor enrols the PC with the province's
   * code in the sync panel (the server's demo office): for a test whose local roster must differ
   * from the province's.
   */
  async setUpDemo(server: SyncServer): Promise<void> {
    await this.app.installOffline();
    await this.app.expectScreen('setup');
    await this.page.getByTestId('use-demo').click();
    // Seeding writes the whole demo catalogue: slow on a loaded machine.
    await expect(this.page.locator('body')).toHaveAttribute('data-screen', 'login', { timeout: 60_000 });
    await this.app.loginAs('supervisor');
    await this.sync.enrol(server.url, await server.enrolCode());
    await this.sync.expectInSync();
  }

  /**
   * An officer signs in with their username and password and acts in `role` (asked when they hold
   * several). The one place a test signs in by password, so the first-login password change goes
   * here.
   */
  async login(username: string, password: string, role: string): Promise<void> {
    if ((await this.app.screen()) !== 'login') await this.app.logout();
    await this.app.signIn(username, password, role);
  }

  /** First login with a one-time password: the officer sets their own, then acts in `role`. */
  async firstLogin(
    username: string,
    oneTimePassword: string,
    newPassword: string,
    role: string,
  ): Promise<void> {
    await this.app.firstLogin(username, oneTimePassword, newPassword);
    const header = this.page.getByTestId('header-role');
    if ((await header.getAttribute('data-role')) !== role) await this.app.switchRole(role);
    await expect(header).toHaveAttribute('data-role', role);
  }

  /** Pull now (as when the network returns) and wait until a sync has completed after `since`. */
  async pulledSince(since: string): Promise<void> {
    await this.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect
      .poll(async () => Date.parse((await this.sync.button.getAttribute('data-last-sync')) || '0'), {
        timeout: 60_000,
      })
      .toBeGreaterThan(Date.parse(since));
    await this.sync.expectInSync();
  }

  /**
   * The receiver's compact intake on the real receive screen, from the keyboard as a practised
   * officer (or a scanner) enters it: F2 (or "new intake" on the last receipt), the procedure's
   * search text at once and Enter on its first match, Space on every document's box, the applicant,
   * Enter. Answers the issued code and the dossier id.
   */
  async intake(
    applicant: ApplicantInput,
    procedure = 'chung thuc ban sao',
  ): Promise<{ code: string; id: string }> {
    const page = this.page;
    // After an intake the receipt stays on screen: "new intake" clears it for the next citizen.
    const next = page.getByTestId('receive-new');
    if (await next.isVisible()) await next.click();
    else await this.receive.open();
    await expect(page.getByTestId('receive-screen')).toBeVisible();
    await page.getByTestId('procedure-select').click();
    await page.keyboard.insertText(procedure);
    // The open dropdown's first match: other selects on the page (the role switch) keep hidden options.
    await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option').first()).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('appointment')).not.toHaveAttribute('data-due-at', '');
    const documents = page.getByTestId('documents');
    const boxes = documents.getByTestId('document-received');
    const count = await boxes.count();
    for (let i = 0; i < count; i += 1) await boxes.nth(i).press('Space');
    await expect(documents.locator('[data-testid="document-received"]:checked')).toHaveCount(count);
    await this.receive.fillApplicant(applicant);
    await page.getByTestId('applicant-address').press('Enter');
    // Three counters on one busy test machine: the save may take a while.
    const done = page.getByTestId('receive-done');
    await expect(done).toHaveAttribute('data-outcome', 'received', { timeout: 60_000 });
    return done.evaluate((el) => ({
      code: el.getAttribute('data-code') ?? '',
      id: el.getAttribute('data-dossier-id') ?? '',
    }));
  }

  /** The network goes down (the app stays open, as at a counter when the link drops). */
  async offline(): Promise<void> {
    await this.page.context().setOffline(true);
  }

  async online(): Promise<void> {
    await this.page.context().setOffline(false);
  }

  /** The receiver takes in a complete dossier; returns its id and how many events it has. */
  async receiveDossier(applicant: ApplicantInput): Promise<{ id: string; events: number }> {
    await this.app.loginAs('receiver');
    await this.receive.open();
    await this.receive.chooseProcedure('chung thuc ban sao');
    await this.receive.tickDocuments();
    await this.receive.fillApplicant(applicant);
    const { id } = await this.receive.confirm();
    await this.app.openById(id);
    await expect(this.page.getByTestId('dossier-applicant')).toHaveText(applicant.fullName);
    const events = await this.page.getByTestId('history-row').count();
    expect(events).toBeGreaterThan(0);
    return { id, events };
  }

  /** Waits until the other counter's dossier is in this replica and shows it. */
  async expectSees(id: string, fullName: string): Promise<void> {
    await this.app.openById(id);
    await expect(this.page.getByTestId('dossier-applicant')).toHaveText(fullName, { timeout: 60_000 });
  }

  /**
   * Closes the PC's browser profile. What its page logged goes to `page-console.log` in the test's
   * output folder, which .ci/run prints beside the page snapshot of a failed attempt.
   */
  async close(): Promise<void> {
    if (this.console.length)
      appendFileSync(
        test.info().outputPath('page-console.log'),
        `--- ${this.page.url()}\n${this.console.join('\n')}\n`,
      );
    await this.page.context().close();
  }
}
