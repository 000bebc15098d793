import { expect, type Page } from '@playwright/test';

/** Opens an office admin's screen (`counters`, `officers`) from the header's account menu. */
export async function openFromAccountMenu(page: Page, screen: string): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByTestId(`nav-${screen}`).click();
  await expect(page.locator('body')).toHaveAttribute('data-screen', screen);
  await expect(page.getByTestId(`${screen}-screen`)).toBeVisible();
}
