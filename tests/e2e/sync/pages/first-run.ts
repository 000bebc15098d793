import { expect, type Locator, type Page } from '@playwright/test';

/** The first-run screen: "connect to the office" (server address + enrolment code) or the demo. */
export class FirstRunPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('setup');
  }

  get error(): Locator {
    return this.page.getByTestId('setup-error');
  }

  /** Types the address and code and submits; does not wait for the outcome. */
  async submit(serverUrl: string, code: string): Promise<void> {
    await expect(this.page.getByTestId('setup-connect')).toBeVisible({ timeout: 60_000 });
    await this.page.getByTestId('setup-server-url').fill(serverUrl);
    await this.page.getByTestId('setup-code').fill(code);
    await this.page.getByTestId('setup-connect-submit').click();
  }

  /**
   * Connects this PC to its office and waits for the login screen, the office's data brought down
   * (every collection of the progress list done on the way).
   */
  async connect(serverUrl: string, code: string): Promise<void> {
    await this.submit(serverUrl, code);
    await expect(this.page.locator('body')).toHaveAttribute('data-screen', 'login', { timeout: 60_000 });
  }

  /** Submits and waits for the refusal; answers its reason (an EnrolFailure) and its text. */
  async connectRefused(serverUrl: string, code: string): Promise<{ reason: string; text: string }> {
    await this.submit(serverUrl, code);
    await expect(this.error).toBeVisible({ timeout: 30_000 });
    return {
      reason: (await this.error.getAttribute('data-reason')) ?? '',
      text: await this.error.innerText(),
    };
  }
}
