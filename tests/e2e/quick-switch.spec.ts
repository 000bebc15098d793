import { expect, test } from '@playwright/test';
import { vi } from '../../renderer/features/officers/texts';
import { CounterApp } from './pages/counter-app';

/**
 * Officers taking turns at one PC: after a password login, the receiver sets a PIN; once another
 * officer has worked, the receiver comes back from the login screen with the PIN alone, in the role
 * they acted in. A trivial PIN is refused; three wrong PINs end it (password again); a reload
 * forgets every PIN.
 */
test('quick switch: a PIN brings an officer back for the day; three wrong PINs or a reload need the password', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const app = await CounterApp.openOfflineDemo(page);
  const quick = page.getByTestId('quick-switch');

  await app.loginAs('receiver');
  const receiver = await page.getByTestId('header-officer').innerText();
  await page.getByTestId('account-menu').click();
  await page.getByTestId('menu-set-pin').click();
  await page.getByTestId('pin-new').fill('1234');
  await page.getByTestId('pin-confirm').fill('1234');
  await page.getByTestId('pin-save').click();
  await expect(page.getByTestId('pin-form')).toContainText(vi.pin.trivial);
  await page.getByTestId('pin-new').fill('2580');
  await page.getByTestId('pin-confirm').fill('2580');
  await page.getByTestId('pin-save').click();
  await expect(page.getByTestId('pin-form')).toBeHidden();

  // Another officer works at the PC with their password (no PIN of theirs is offered).
  await app.logout();
  await expect(quick.getByRole('button')).toHaveCount(1);
  await app.loginAs('appraiser');
  await app.logout();

  // The receiver is back with the PIN, in the role they left in.
  await quick.getByRole('button', { name: receiver }).click();
  await page.getByTestId('quick-switch-pin').fill('2580');
  await page.getByTestId('quick-switch-pin').press('Enter');
  await expect(app.testId('header-role')).toHaveAttribute('data-role', 'receiver');
  await expect(app.testId('header-officer')).toHaveText(receiver);

  // Three wrong PINs: the PIN is gone, the password is needed.
  await app.logout();
  for (const left of [2, 1]) {
    if (!(await page.getByTestId('quick-switch-pin').isVisible()))
      await quick.getByRole('button', { name: receiver }).click();
    await page.getByTestId('quick-switch-pin').fill('1357');
    await page.getByTestId('quick-switch-pin').press('Enter');
    await expect(page.getByTestId('quick-switch-failed')).toHaveText(
      vi.pin.wrong.replace('{{left}}', String(left)),
    );
    await expect(page.getByTestId('quick-switch-pin')).toHaveValue('');
    await expect(page.getByTestId('quick-switch-submit')).not.toHaveClass(/ant-btn-loading/);
  }
  await page.getByTestId('quick-switch-pin').fill('1357');
  await page.getByTestId('quick-switch-pin').press('Enter');
  await expect(page.getByTestId('quick-switch-failed')).toHaveText(vi.pin.too_many);
  await expect(quick.getByRole('button', { name: receiver })).toHaveCount(0);

  // A PIN lives in this page's memory only: after a reload every officer types the password.
  await app.loginAs('receiver');
  await page.getByTestId('account-menu').click();
  await page.getByTestId('menu-set-pin').click();
  await page.getByTestId('pin-new').fill('2580');
  await page.getByTestId('pin-confirm').fill('2580');
  await page.getByTestId('pin-save').click();
  await expect(page.getByTestId('pin-form')).toBeHidden();
  await app.reload();
  await app.expectScreen('login');
  await expect(quick).toHaveCount(0);
});
