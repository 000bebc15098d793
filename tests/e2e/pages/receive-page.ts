import { expect, type Page } from '@playwright/test';

export interface ApplicantInput {
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
}

/** An applicant as the form takes them, in the form's order. */
export const applicant = (
  fullName: string,
  idNumber: string,
  phone: string,
  address: string,
): ApplicantInput => ({
  fullName,
  idNumber,
  phone,
  address,
});

/** The applicant of the main path tests (five steps, two counters, the desktop smoke test). */
export const APPLICANT_AN: ApplicantInput = {
  fullName: 'Nguyễn Văn An',
  idNumber: '034 090 001 234',
  phone: '0912 345 678',
  address: 'Số 5 Lê Lợi, phường Đề Thám, Thái Bình',
};

/** Step 1 (tiếp nhận): procedure, documents, applicant, appointment, outcome. */
export class ReceivePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.keyboard.press('F2');
    await expect(this.page.locator('body')).toHaveAttribute('data-screen', 'receive');
    await expect(this.page.getByTestId('receive-screen')).toBeVisible();
  }

  /** Types into the searchable catalogue select (diacritics optional) and picks the first match. */
  async chooseProcedure(search: string): Promise<void> {
    const select = this.page.getByTestId('procedure-select');
    await select.click();
    await this.page.keyboard.type(search);
    // The open dropdown's first match: other selects on the page (the role switch) keep hidden options.
    const option = this.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await expect(option).toBeVisible();
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('appointment')).not.toHaveAttribute('data-due-at', '');
  }

  /** Ticks documents as received (all of them when no count is given). */
  async tickDocuments(count?: number): Promise<void> {
    const boxes = this.page.getByTestId('documents').getByTestId('document-received');
    const n = count ?? (await boxes.count());
    for (let i = 0; i < n; i += 1) await boxes.nth(i).check();
  }

  async fillApplicant(a: ApplicantInput): Promise<void> {
    await this.page.getByTestId('applicant-fullName').fill(a.fullName);
    await this.page.getByTestId('applicant-idNumber').fill(a.idNumber);
    await this.page.getByTestId('applicant-phone').fill(a.phone);
    await this.page.getByTestId('applicant-address').fill(a.address);
  }

  /** The appointment shown before confirming: ISO instant and the text on screen. */
  async appointment(): Promise<{ iso: string; text: string }> {
    const el = this.page.getByTestId('appointment');
    return { iso: (await el.getAttribute('data-due-at')) ?? '', text: (await el.innerText()).trim() };
  }

  /** Confirms with Enter from the form (the counter's keyboard flow); returns the issued code and id. */
  async confirm(): Promise<{ code: string; id: string }> {
    await this.page.getByTestId('applicant-address').press('Enter');
    const done = this.page.getByTestId('receive-done');
    await expect(done).toHaveAttribute('data-outcome', 'received');
    const code = (await done.getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/);
    return { code, id: (await done.getAttribute('data-dossier-id')) ?? '' };
  }

  async incomplete(note: string): Promise<{ id: string }> {
    return this.closeWith('receive-incomplete', note, 'incomplete');
  }

  async refuse(reason: string): Promise<{ id: string }> {
    return this.closeWith('receive-refuse', reason, 'refused');
  }

  /** Receives each applicant in turn for the procedure `search` finds, starting a new form after each. */
  async receiveEach(applicants: readonly ApplicantInput[], search: string): Promise<void> {
    for (const applicant of applicants) {
      await this.chooseProcedure(search);
      await this.tickDocuments();
      await this.fillApplicant(applicant);
      await this.confirm();
      await this.page.getByTestId('receive-new').click();
    }
  }

  /** An intake outcome that asks for a text (a note or a reason) before it is recorded. */
  private async closeWith(button: string, text: string, outcome: string): Promise<{ id: string }> {
    await this.page.getByTestId(button).click();
    await this.page.getByTestId('intake-modal-text').fill(text);
    await this.page.getByTestId('intake-modal-ok').click();
    const done = this.page.getByTestId('receive-done');
    await expect(done).toHaveAttribute('data-outcome', outcome);
    return { id: (await done.getAttribute('data-dossier-id')) ?? '' };
  }
}
