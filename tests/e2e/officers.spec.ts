import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../shared/demo';
import { vi } from '../../renderer/features/officers/texts';
import { CounterApp } from './pages/counter-app';
import { OfficersPage } from './pages/officers-page';

/**
 * Officers' accounts on one counter, offline: the office admin gives an officer a one-time password
 * and deactivates another; the officer must set their own password (a weak one is refused) and then
 * signs in with it, also after a reload; five wrong passwords lock a username, and the lock survives
 * a reload.
 */
test('admin resets a password; first login sets a new one; deactivation; lockout survives a reload', async ({
  page,
}) => {
  // About twenty argon2id derivations (64 MiB each) and two reloads. Unknown usernames lock the
  // same way: renderer/auth/lockout.test.ts.
  test.setTimeout(420_000);
  const app = await CounterApp.openOfflineDemo(page);
  const officers = new OfficersPage(page);

  // The office admin issues a one-time password and deactivates an account.
  await app.loginAs('admin');
  await officers.open();
  const oneTime = await officers.resetPassword('tiepnhan', DEMO_PASSWORD);
  expect(oneTime).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  await officers.deactivate('dongdau', DEMO_PASSWORD);
  await app.logout();

  // The old password no longer opens the account; the deactivated officer cannot sign in.
  await app.submitLogin('tiepnhan', DEMO_PASSWORD);
  await expect(app.testId('login-failed')).toHaveText('Sai tên đăng nhập hoặc mật khẩu');
  await app.submitLogin('dongdau', DEMO_PASSWORD);
  await expect(app.testId('login-failed')).toHaveText(vi.login.inactive);

  // First login with the one-time password: the new-password screen comes first; a weak one is refused.
  await app.submitLogin('tiepnhan', oneTime);
  await expect(app.testId('set-password')).toBeVisible();
  await expect(app.testId('header-role')).toHaveCount(0);
  await app.setNewPassword('matkhau2024', { refused: true });
  await expect(app.testId('set-password')).toContainText(vi.password.common);
  const newPassword = 'Sen-hồng-nở-2026';
  await app.setNewPassword(newPassword);
  await expect(app.testId('header-role')).toHaveAttribute('data-role', 'receiver');
  await app.logout();

  // Signs in with the new password, also after a reload (the data key was re-wrapped for it).
  await app.reload();
  await app.submitLogin('tiepnhan', newPassword);
  await expect(app.testId('header-role')).toHaveAttribute('data-role', 'receiver');
  await expect(app.testId('set-password')).toHaveCount(0);
  await app.logout();

  // Five wrong passwords lock the username, with the time left; the right one is refused meanwhile.
  for (let i = 1; i <= 5; i++) {
    await app.submitLogin('thamdinh', `sai-mat-khau-${i}`);
    await expect(app.testId('login-failed')).toBeVisible();
  }
  const lockedText =
    /Tài khoản tạm khoá do nhập sai mật khẩu 5 lần liên tiếp trên máy này\. Hãy thử lại sau 1[45] phút\./;
  await expect(app.testId('login-failed')).toHaveText(lockedText);
  await app.reload();
  await app.submitLogin('thamdinh', DEMO_PASSWORD);
  await expect(app.testId('login-failed')).toHaveText(lockedText);
});
