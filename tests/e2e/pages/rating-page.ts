import { expect, type Locator, type Page } from '@playwright/test';

/** The citizen's rating window (#/rating): a second page beside the counter's. */
export class RatingPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('rating-screen');
  }

  /** Opens it from the counter's header button, as the officer does; answers the new window. */
  static async openFrom(counter: Page): Promise<RatingPage> {
    const popup = counter.waitForEvent('popup');
    await counter.getByTestId('open-rating-screen').click();
    const rating = new RatingPage(await popup);
    await expect(rating.root).toBeVisible({ timeout: 60_000 });
    // The counter has heard from it: the return step now leaves the rating to the citizen.
    await expect(counter.getByTestId('open-rating-screen')).toHaveAttribute('data-attached', 'true');
    return rating;
  }

  async expectPhase(phase: 'idle' | 'asking' | 'sending' | 'thanks' | 'failed'): Promise<void> {
    await expect(this.root).toHaveAttribute('data-phase', phase);
  }

  /** The dossier code the screen asks about. */
  async askedCode(): Promise<string> {
    await this.expectPhase('asking');
    return (await this.page.getByTestId('rating-dossier').getAttribute('data-code')) ?? '';
  }
}
