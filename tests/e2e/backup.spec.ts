import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { sealBackup } from '../../renderer/features/backup/seal';
import { CounterApp } from './pages/counter-app';
import { applicant, ReceivePage } from './pages/receive-page';

/**
 * Issue 5: the supervisor backs up the counter's replica to a passphrase-sealed file, and restores it
 * on a fresh profile (another browser profile stands for a new counter PC). The file never holds
 * the applicant's ID number in clear; a wrong passphrase is refused without touching anything.
 */
const PASSPHRASE = 'quay so 1 vu thu 2026';
const APPLICANT = applicant('Đặng Thị Mai', '034196007788', '0912000777', 'Số 12 Trần Hưng Đạo, Thái Bình');

/**
 * A backup of another office, sealed as the app does. With `label` false its header does not name
 * the office: only its content (office, officers, dossiers) gives it away once decrypted.
 */
async function otherOfficeBackup(label: boolean): Promise<Buffer> {
  const officeId = 'office-kien-xuong';
  const dump = {
    format: 'motcua-replica',
    version: 1,
    exportedAt: new Date().toISOString(),
    collections: {
      offices: [{ id: officeId, agencyCode: '000.17.23.H56', name: 'Bộ phận một cửa huyện Kiến Xương' }],
      officers: [{ id: 'officer-x', officeId, username: 'tiepnhan' }],
      dossiers: [],
      dossier_events: [],
    },
  };
  const sealed = await sealBackup(
    dump,
    PASSPHRASE,
    {
      createdAt: dump.exportedAt,
      appVersion: 'e2e',
      ...(label ? { officeId, counterId: 'counter-x' } : {}),
      counts: { offices: 1, officers: 1, dossiers: 0, dossier_events: 0 },
    },
    { iterations: 100_000 },
  );
  return Buffer.from(sealed);
}

async function openBackupScreen(page: Page): Promise<void> {
  await page.getByTestId('nav-backup').click();
  await expect(page.locator('body')).toHaveAttribute('data-screen', 'backup');
  await expect(page.getByTestId('backup-screen')).toBeVisible();
}

test('backup with a passphrase, restore on a fresh profile; a wrong passphrase changes nothing', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  // A fresh browser profile stands for a new counter PC set up with the same (demo) office and no
  // dossiers. It is set up alongside the first one (nothing is shared between the two) to save time.
  const fresh = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  try {
    const page2 = await fresh.newPage();
    const freshReady = (async () => {
      const app2 = await CounterApp.openOfflineDemo(page2);
      await app2.loginAs('supervisor');
      return app2;
    })();
    // Reported through the await below; this only keeps an early failure from going unhandled.
    freshReady.catch(() => undefined);
    await backupThenRestore(page, page2, freshReady, testInfo.outputPath.bind(testInfo));
  } finally {
    await fresh.close();
  }
});

async function backupThenRestore(
  page: Page,
  page2: Page,
  freshReady: Promise<CounterApp>,
  outputPath: (name: string) => string,
): Promise<void> {
  const app = await CounterApp.openOfflineDemo(page);

  // A dossier received at the counter.
  await app.loginAs('receiver');
  // Backups hold everyone's personal data: the receiver has no backup entry.
  await expect(page.getByTestId('nav-backup')).toHaveCount(0);
  const receive = new ReceivePage(page);
  await receive.open();
  await receive.chooseProcedure('chung thuc ban sao');
  await receive.tickDocuments();
  await receive.fillApplicant(APPLICANT);
  const { code } = await receive.confirm();

  // The supervisor makes the backup, keyboard first: the passphrase field has the focus, Enter submits.
  await app.loginAs('supervisor');
  await openBackupScreen(page);
  const passphrase = page.getByTestId('backup-passphrase');
  const confirm = page.getByTestId('backup-passphrase-confirm');
  await expect(passphrase).toBeFocused();
  await passphrase.fill('ngan');
  await confirm.fill('ngan');
  await confirm.press('Enter');
  await expect(page.getByText('Cụm mật khẩu cần ít nhất 10 ký tự (hiện có 4)')).toBeVisible();
  await passphrase.fill(PASSPHRASE);
  await expect(page.getByTestId('backup-strength')).toHaveAttribute('data-strength', '3');
  await confirm.fill(`${PASSPHRASE}!`);
  await confirm.press('Enter');
  await expect(page.getByText('Hai lần nhập cụm mật khẩu không khớp')).toBeVisible();
  await confirm.fill(PASSPHRASE);
  const download = page.waitForEvent('download');
  await confirm.press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    /^motcua-000\.17\.22\.H56-demo-counter-1-\d{4}-\d{2}-\d{2}-\d{4}\.mcbak$/,
  );
  const exported = page.getByTestId('backup-exported');
  await expect(exported).toContainText('1 hồ sơ');
  const backupPath = outputPath(file.suggestedFilename());
  await file.saveAs(backupPath);
  const bytes = await readFile(backupPath);
  expect(bytes.subarray(0, 7).toString('latin1')).toBe('MCBAK1\n');
  // Sealed: neither the ID number nor the name is in the file in clear.
  expect(bytes.includes(APPLICANT.idNumber)).toBe(false);
  expect(bytes.includes(Buffer.from(APPLICANT.fullName, 'utf8'))).toBe(false);

  {
    const app2 = await freshReady;
    await openBackupScreen(page2);
    await page2.getByTestId('backup-tab-restore').click();
    await expect(page2.getByTestId('backup-pick')).toBeFocused();
    // Not a backup at all: said so, nothing offered to restore.
    const wrongFile = page2.waitForEvent('filechooser');
    await page2.getByTestId('backup-pick').click();
    await (
      await wrongFile
    ).setFiles({ name: 'ghi-chu.mcbak', mimeType: 'text/plain', buffer: Buffer.from('ghi chú') });
    await expect(page2.getByTestId('backup-error')).toContainText('không phải tệp sao lưu');
    await expect(page2.getByTestId('backup-preview')).toHaveCount(0);
    // Another office's backup: refused from its header before any passphrase is asked...
    const labelled = page2.waitForEvent('filechooser');
    await page2.getByTestId('backup-pick').click();
    await (
      await labelled
    ).setFiles({
      name: 'kien-xuong.mcbak',
      mimeType: 'application/octet-stream',
      buffer: await otherOfficeBackup(true),
    });
    await expect(page2.getByTestId('backup-error')).toContainText('thuộc văn phòng khác');
    await expect(page2.getByTestId('backup-restore-passphrase')).toHaveCount(0);
    // ...or from its content once decrypted when the header does not say.
    const unlabelled = page2.waitForEvent('filechooser');
    await page2.getByTestId('backup-pick').click();
    await (
      await unlabelled
    ).setFiles({
      name: 'khong-ten.mcbak',
      mimeType: 'application/octet-stream',
      buffer: await otherOfficeBackup(false),
    });
    await page2.getByTestId('backup-restore-passphrase').fill(PASSPHRASE);
    await page2.getByTestId('backup-restore-passphrase').press('Enter');
    await expect(page2.getByTestId('backup-error')).toContainText('thuộc văn phòng khác');
    await expect(page2.getByTestId('backup-confirm-ok')).toHaveCount(0);

    const chooser = page2.waitForEvent('filechooser');
    await page2.getByTestId('backup-pick').click();
    await (await chooser).setFiles(backupPath);

    // The preview: office, counter, date made, counts, before any passphrase.
    const preview = page2.getByTestId('backup-preview');
    await expect(preview).toContainText('Bộ phận Tiếp nhận và Trả kết quả huyện Vũ Thư');
    await expect(preview).toContainText('Quầy số 1');
    await expect(page2.getByTestId('backup-preview-created')).toHaveText(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    await expect(page2.getByTestId('backup-preview-dossiers')).toHaveText('1');
    await expect(page2.getByTestId('backup-merge-note')).toContainText('không có gì bị xoá');

    // A wrong passphrase: refused, nothing written.
    const restorePassphrase = page2.getByTestId('backup-restore-passphrase');
    await expect(restorePassphrase).toBeFocused();
    await restorePassphrase.fill('khong phai mat khau nay');
    await restorePassphrase.press('Enter');
    await expect(page2.getByTestId('backup-error')).toContainText('Sai cụm mật khẩu');
    await expect(page2.getByTestId('backup-error')).toContainText('Dữ liệu trên máy không thay đổi');
    // The right passphrase, the merge confirmed: the one dossier is added (so the wrong passphrase
    // wrote nothing), then it is found by its code with its ID number.
    await restorePassphrase.fill(PASSPHRASE);
    await restorePassphrase.press('Enter');
    const ok = page2.getByTestId('backup-confirm-ok');
    await expect(ok).toBeFocused();
    await expect(page2.getByTestId('backup-confirm-body')).toContainText('không bị ghi đè');
    await page2.keyboard.press('Enter');
    const restored = page2.getByTestId('backup-restored');
    await expect(restored).toHaveAttribute('data-dossiers-added', '1');
    await expect(restored).toContainText('Hồ sơ: thêm mới 1 / 1 trong tệp');

    await app2.openByCode(code);
    await expect(page2.getByTestId('dossier-applicant')).toHaveText(APPLICANT.fullName);
    await expect(page2.getByTestId('dossier-screen')).toContainText(APPLICANT.idNumber);
  }
}
