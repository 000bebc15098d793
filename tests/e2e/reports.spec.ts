import ExcelJS from 'exceljs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CounterApp } from './pages/counter-app';
import { pdfText } from './pdf-text';
import { applicant, ReceivePage, type ApplicantInput } from './pages/receive-page';

/**
 * The supervisor's month report on a counter that is offline: the report and its chart, the Index
 * 766 indicators, then the same figures exported to Excel and printed to PDF (read back from the
 * PDF's text), and the year's register (form 06) exported to Excel. The intake of the day is the
 * shared set-up.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

let context: BrowserContext;
let page: Page;
let app: CounterApp;

const APPLICANTS: ApplicantInput[] = [
  applicant('Hà Thị Minh Nguyệt', '034 190 007 112', '0987 111 202', 'Số 5 Lê Lợi, Đề Thám, Thái Bình'),
  applicant('Tạ Văn Quyết', '034 085 003 508', '0913 222 303', 'Xóm 2, xã Tân Lập, huyện Vũ Thư'),
];

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  context = await browser.newContext({ baseURL, acceptDownloads: true });
  page = await context.newPage();
  app = await CounterApp.openOfflineDemo(page);
  await app.loginAs('receiver', 'motcua');
  const receive = new ReceivePage(page);
  await receive.open();
  await receive.receiveEach(APPLICANTS, 'khai sinh');
});

test.afterAll(async () => {
  await context?.close();
});

/** The total row's figures as the screen shows them, by column key, in the columns' order. */
async function totalOnScreen(): Promise<[string, string][]> {
  const total = page.getByTestId('report-table').locator('[data-row="__total"]');
  return total
    .locator('[data-figure]')
    .evaluateAll((cells) =>
      cells.map((c) => [c.getAttribute('data-figure') ?? '', c.textContent ?? ''] as [string, string]),
    );
}

test('the supervisor opens the month report offline and sees its chart and Index 766 indicators', async () => {
  await app.loginAs('supervisor');
  await page.getByTestId('nav-reports').click();
  await app.expectScreen('reports');
  await expect(page.getByTestId('reports-screen')).toHaveAttribute('data-state', 'ready');
  const total = page.getByTestId('report-table').locator('[data-row="__total"]');
  await expect(total.locator('[data-figure="received_counter"]')).toHaveText(String(APPLICANTS.length));
  await expect(total.locator('[data-figure="in_progress_within"]')).toHaveText(String(APPLICANTS.length));
  await expect(page.getByTestId('report-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  const index = page.getByTestId('report-index766');
  await expect(index.getByTestId('index-overdue')).toContainText('0%');
  await expect(index.getByTestId('index-overdue')).toContainText(`0 / ${APPLICANTS.length}`);
  await expect(index.getByTestId('report-losing')).toContainText('Không có hồ sơ bị trừ điểm');
});

test('exports the same figures to Excel', async () => {
  const onScreen = await totalOnScreen();
  const download = page.waitForEvent('download');
  await page.getByTestId('report-export-xlsx').click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await (await download).path());
  const sheet = book.getWorksheet('Báo cáo');
  const totalRow = sheet?.getRow(sheet.rowCount);
  expect(totalRow?.getCell(2).value).toBe('Tổng cộng');
  onScreen.forEach(([key, text], i) => {
    if (key === 'on_time_rate') return;
    expect(String(totalRow?.getCell(i + 3).value), key).toBe(text);
  });
});

test('prints the report to an A4 landscape PDF whose text holds the figures', async () => {
  const onScreen = await totalOnScreen();
  const before = await app.printCount();
  await page.getByTestId('report-print').click();
  const printed = await app.expectPrinted('report', before);
  const pdfPage = await context.newPage();
  await pdfPage.setContent(printed.html);
  const pdf = await pdfPage.pdf({ preferCSSPageSize: true });
  await pdfPage.close();
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  expect(Number(box?.[1]), 'landscape').toBeGreaterThan(Number(box?.[2]));
  const lines = pdfText(pdf)
    .split('\n')
    .map((l) => l.trim());
  expect(lines).toContain('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
  const at = lines.indexOf('Tổng cộng');
  expect(at).toBeGreaterThan(0);
  // Counts read back in the columns' order (the screen writes shares in the UI's own format).
  onScreen.forEach(([key, text], i) => {
    if (key !== 'on_time_rate') expect(lines[at + 1 + i], key).toBe(text);
  });
});

test('exports the year register (form 06) to Excel, one row per dossier', async () => {
  const download = page.waitForEvent('download');
  await page.getByTestId('report-export-register').click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await (await download).path());
  const sheet = book.worksheets[0];
  expect(sheet?.name).toMatch(/^Sổ theo dõi \d{4}$/);
  expect(sheet?.rowCount).toBe(4 + APPLICANTS.length);
  const names = [5, 6].map((n) => sheet?.getRow(n).getCell(5).value);
  expect(names).toEqual(APPLICANTS.map((a) => a.fullName));
  expect(String(sheet?.getRow(5).getCell(2).value)).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H56-\d{6}-\d{4}$/);
  await expect(page.getByTestId('register-progress')).toHaveCount(0);
});

test('shows the Index 766 digitisation figures on screen, in the workbook and in print', async () => {
  // The day's dossiers were taken in without scans: none digitised, no result issued yet.
  const index = page.getByTestId('report-index766');
  await expect(index.getByTestId('index-components-digitised')).toContainText(`0 / ${APPLICANTS.length}`);
  await expect(index.getByTestId('index-results-digitised')).toContainText('—');
  const download = page.waitForEvent('download');
  await page.getByTestId('report-export-xlsx').click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await (await download).path());
  let digitised: unknown[] = [];
  book.getWorksheet('Chỉ số 766')?.eachRow((row) => {
    if (row.getCell(1).value === 'Hồ sơ được số hóa thành phần')
      digitised = [row.getCell(2).value, row.getCell(3).value];
  });
  expect(digitised).toEqual([0, APPLICANTS.length]);
  const before = await app.printCount();
  await page.getByTestId('report-print').click();
  const printed = await app.expectPrinted('report', before);
  expect(printed.html).toContain(`Hồ sơ được số hóa thành phần: 0,0% (0/${APPLICANTS.length})`);
});
