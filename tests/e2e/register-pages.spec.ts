import { expect, test } from '@playwright/test';
import { sealBackup } from '../../renderer/features/backup/seal';
import { DEMO_COUNTER_ID, DEMO_OFFICE, DEMO_OFFICE_ID } from '../../shared/demo/office';
import { makeDossier } from '../support/print';
import { CounterApp } from './pages/counter-app';

/**
 * Day-one fix: the register screen's second page numbered its rows from 01 again. A year with more
 * dossiers than one page of the table holds (50) comes in through the app's own restore of a backup
 * (the quickest way to put 55 dossiers on a counter), and page 2 must go on from 51, as form 06 prints.
 */
const PASSPHRASE = 'so theo doi 2 trang';
const ROWS = 55;

async function backupOfAYear(): Promise<Buffer> {
  const year = new Date().getFullYear();
  const dossiers = Array.from({ length: ROWS }, (_, i) => {
    const receivedAt = new Date(Date.UTC(year, 0, 15, 2, i)).toISOString();
    return makeDossier({
      id: `register-page-${String(i + 1).padStart(3, '0')}`,
      // Leased-part numbers of 15 January: nothing the demo counter numbers today.
      code: `${DEMO_OFFICE.agencyCode}-${String(year).slice(2)}0115-${String(i + 1).padStart(4, '0')}`,
      officeId: DEMO_OFFICE_ID,
      counterId: DEMO_COUNTER_ID,
      receivedAt,
      clockStartAt: receivedAt,
      dueAt: new Date(Date.UTC(year, 0, 20, 9, 30)).toISOString(),
      updatedAt: receivedAt,
    });
  });
  const dump = {
    format: 'motcua-replica',
    version: 1,
    exportedAt: new Date().toISOString(),
    collections: { dossiers, dossier_events: [] },
  };
  const sealed = await sealBackup(
    dump,
    PASSPHRASE,
    {
      createdAt: dump.exportedAt,
      appVersion: 'e2e',
      officeId: DEMO_OFFICE_ID,
      counterId: DEMO_COUNTER_ID,
      counts: { dossiers: ROWS, dossier_events: 0 },
    },
    { iterations: 100_000 },
  );
  return Buffer.from(sealed);
}

test('the register’s second page goes on numbering from 51', async ({ page }) => {
  test.setTimeout(120_000);
  const app = await CounterApp.openOfflineDemo(page);
  await app.loginAs('supervisor');
  await page.getByTestId('nav-backup').click();
  await page.getByTestId('backup-tab-restore').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('backup-pick').click();
  await (
    await chooser
  ).setFiles({ name: 'nam.mcbak', mimeType: 'application/octet-stream', buffer: await backupOfAYear() });
  await page.getByTestId('backup-restore-passphrase').fill(PASSPHRASE);
  await page.getByTestId('backup-restore-passphrase').press('Enter');
  await page.getByTestId('backup-confirm-ok').click();
  await expect(page.getByTestId('backup-restored')).toHaveAttribute('data-dossiers-added', String(ROWS));

  await page.keyboard.press('F4');
  const register = page.getByTestId('register');
  const firstNumber = register.locator('tbody tr').first().locator('td').first();
  await expect(firstNumber).toHaveText('01');
  await page.getByTestId('register-screen').getByRole('listitem', { name: '2', exact: true }).click();
  await expect(firstNumber).toHaveText('51');
  await expect(register.locator('tbody tr').last().locator('td').first()).toHaveText(String(ROWS));
});
