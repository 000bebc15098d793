import { expect, type Locator, type Page } from '@playwright/test';

/** One dossier: its state, the step buttons of the acting role, and the step forms. */
export class DossierPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('dossier-screen');
  }

  async expectStatus(status: string): Promise<void> {
    await expect(this.root).toHaveAttribute('data-status', status);
  }

  async dueAt(): Promise<string> {
    return (await this.page.getByTestId('dossier-due').getAttribute('data-due-at')) ?? '';
  }

  /** Opens a step's form (e.g. 'appraise', 'approve', 'seal', 'return_result'). */
  async openStep(type: string): Promise<Locator> {
    await this.page.getByTestId(`step-${type}`).click();
    const form = this.page.getByTestId(`step-form-${type}`);
    await expect(form).toBeVisible();
    return form;
  }

  /** Submits the open step form and waits for the dossier to reach `status`. */
  async submit(status: string): Promise<void> {
    await this.page.getByTestId('step-submit').click();
    await this.expectStatus(status);
  }

  async history(): Promise<string[]> {
    const rows = this.page.getByTestId('history').getByTestId('history-row');
    return rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-type') ?? ''));
  }

  async appraise(notes = 'Hồ sơ hợp lệ'): Promise<void> {
    const form = await this.openStep('appraise');
    for (const box of await form.locator('input[type="checkbox"]').all()) await box.check();
    await form.getByTestId('step-notes').fill(notes);
    await this.submit('appraised');
  }

  async approve(comment = 'Đồng ý'): Promise<void> {
    const form = await this.openStep('approve');
    await form.getByTestId('step-comment').fill(comment);
    await this.submit('approved');
  }

  async seal(result: { documentType: string; number: string; signer: string }): Promise<void> {
    const form = await this.openStep('seal');
    await form.getByTestId('seal-documentType').fill(result.documentType);
    await form.getByTestId('seal-number').fill(result.number);
    await form.getByTestId('seal-signer').fill(result.signer);
    await this.submit('sealed');
  }

  async returnResult(
    rating: 'Rất hài lòng' | 'Hài lòng' | 'Không hài lòng',
    reason?: string,
  ): Promise<string> {
    const form = await this.openStep('return_result');
    await form.getByTestId('identity-checked').check();
    const timing = (await form.getByTestId('return-timing').getAttribute('data-timing')) ?? '';
    await form.getByTestId('rating').getByText(rating, { exact: true }).click();
    if (reason !== undefined) await form.getByTestId('rating-reason').fill(reason);
    await this.submit('returned');
    return timing;
  }

  async withReason(type: string, reason: string, status: string): Promise<void> {
    const form = await this.openStep(type);
    await form.getByTestId('step-reason').fill(reason);
    await this.submit(status);
  }
}
