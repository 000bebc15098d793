import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DEMO_OFFICE, DEMO_SECTORS } from '../../shared/demo';
import { saveRecords } from '../../server/reports/records';
import { FIGURE_COLUMNS } from '../../renderer/features/reports/labels';
import { adminCreateCli } from '../support/admin-api';
import { monthRecords } from '../support/console-report-fixtures';
import { ConsolePage } from './pages/console-page';
import { startSyncServer, type SyncServer } from './support/server';

const ADMIN = { username: 'baocao.tinh', password: 'Bao-cao-tinh-2026' };

let server: SyncServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/** A figure as the screen shows it (1.234 in Vietnamese) as a number. */
const figureOf = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

/**
 * Issue 25 in the console: a province admin opens this month's province-wide report, sees the
 * charts and the figures, exports the Excel workbook (read back: its total equals the screen's),
 * prints it, and sees the server's scan storage.
 */
test('province console: the month report, its charts, Excel export and print; scan storage', async ({
  browser,
}) => {
  test.setTimeout(5 * 60_000);
  server = await startSyncServer();
  const now = new Date();
  const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-01`;
  await saveRecords(
    server.store.pool,
    monthRecords(
      month,
      DEMO_OFFICE.id,
      DEMO_SECTORS.map((s) => s.id),
    ),
  );
  await adminCreateCli(
    server.databaseUrl,
    ['--username', ADMIN.username, '--password-stdin'],
    ADMIN.password,
  );

  const context = await browser.newContext({ acceptDownloads: true });
  const admin = new ConsolePage(await context.newPage());
  const { page } = admin;
  await admin.open(server.url);
  await admin.signIn(ADMIN.username, ADMIN.password);
  await page.getByTestId('nav-reports').click();
  const reports = page.getByTestId('console-reports');
  await expect(reports).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('report-office')).toContainText('Toàn tỉnh');

  // The charts are drawn: bars per day and by sector.
  await expect(
    page.getByTestId('report-chart-days').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await expect(page.getByTestId('report-chart-on-time').locator('.recharts-surface')).toBeVisible();
  // By office: the demo office's row, named.
  const officeRow = page.locator(`[data-row="${DEMO_OFFICE.id}"]`);
  await expect(officeRow).toContainText(DEMO_OFFICE.name);
  const total = page.locator('[data-row="__total"]');
  const toProcess = figureOf(await total.locator('[data-figure="to_process"]').textContent());
  const returned = figureOf(await total.locator('[data-figure="returned"]').textContent());
  expect(toProcess).toBeGreaterThan(0);
  await expect(page.getByTestId('report-index766')).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('report-export-xlsx').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bao-cao-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readAll(await download.createReadStream())) as never);
  const sheet = book.getWorksheet('Báo cáo')!;
  expect(String(sheet.getCell(1, 1).value)).toContain('Toàn tỉnh');
  let totalRow = 0;
  sheet.eachRow((row, n) => {
    if (row.getCell(2).value === 'Tổng cộng') totalRow = n;
  });
  expect(totalRow).toBeGreaterThan(0);
  const column = (key: string) => 3 + FIGURE_COLUMNS.findIndex((c) => c.key === key);
  expect(Number(sheet.getCell(totalRow, column('to_process')).value)).toBe(toProcess);
  expect(Number(sheet.getCell(totalRow, column('returned')).value)).toBe(returned);

  // Print: the printed report is laid out for the browser's print dialog.
  await page.getByTestId('report-print').click();
  await expect(page.frameLocator('#report-print-frame').locator('h1')).toContainText(
    'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
  );

  // A quarter by sector: the table's rows are the demo sectors.
  await page.getByTestId('report-period-kind').getByText('Quý').click();
  await page.getByTestId('report-dimension').getByText('Lĩnh vực').click();
  await expect(reports).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.locator(`[data-row="${DEMO_SECTORS[0]!.id}"]`)).toContainText(DEMO_SECTORS[0]!.name);

  await page.getByTestId('nav-storage').click();
  await expect(page.getByTestId('storage-files')).toContainText('0');
  await expect(page.getByTestId('storage-uploads')).toContainText('0');
  await context.close();
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
