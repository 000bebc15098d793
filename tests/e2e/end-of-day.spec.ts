import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { CounterApp } from './pages/counter-app';
import { applicant, ReceivePage, type ApplicantInput } from './pages/receive-page';

/**
 * A day at one counter, then what the supervisor does with it. One browser profile (a persistent
 * one, so its files can be read afterwards) serves both tests: the intake is their shared set-up.
 *
 * Applicants' personal data must never reach the browser's autofill store: it sits in plaintext in
 * the profile, outside the app's encryption, and would be offered on the next applicant's form. A
 * plain web form on the same origin is the control: it shows this Chromium does record what forms
 * submit, so an absence for the app means something.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const APPLICANTS: ApplicantInput[] = [
  applicant('Đỗ Thị Quỳnh Hoa', '034 190 005 771', '0987 650 431', 'Số 17 Hai Bà Trưng, Kỳ Bá, Thái Bình'),
  applicant('Lương Văn Khải', '034 085 002 419', '0913 204 866', 'Xóm 4, xã Vũ Hội, huyện Vũ Thư'),
];

const CONTROL = { name: 'Kiểm Tra Đối Chứng', phone: '0966 112 233', address: 'Ngõ 99 Đối Chứng' };

/** Every file of the profile's autofill database (Web Data and its journal), read as bytes. */
async function autofillStore(profile: string): Promise<Buffer> {
  const dir = path.join(profile, 'Default');
  const names = (await readdir(dir)).filter((n) => n.startsWith('Web Data'));
  return Buffer.concat(await Promise.all(names.map((n) => readFile(path.join(dir, n)))));
}

function holds(store: Buffer, text: string): boolean {
  return store.includes(Buffer.from(text, 'utf8')) || store.includes(Buffer.from(text, 'utf16le'));
}

/** A form any website could have, served on the app's origin, submitted the ordinary way. */
async function submitControlForm(context: BrowserContext, baseURL: string): Promise<void> {
  const page = await context.newPage();
  const url = `${baseURL}/autofill-control`;
  await context.route(`${url}*`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="vi"><body><form method="get" action="${url}-done">
        <label>Họ và tên <input name="name" autocomplete="name"></label>
        <label>Điện thoại <input name="tel" autocomplete="tel"></label>
        <label>Địa chỉ <input name="address" autocomplete="street-address"></label>
        <button type="submit">Gửi</button></form></body></html>`,
    }),
  );
  await page.goto(url);
  await page.getByLabel('Họ và tên').fill(CONTROL.name);
  await page.getByLabel('Điện thoại').fill(CONTROL.phone);
  await page.getByLabel('Địa chỉ').fill(CONTROL.address);
  await Promise.all([page.waitForURL(/autofill-control-done/), page.getByRole('button').click()]);
  await page.close();
}

let profile: string;
let context: BrowserContext;
let page: Page;
let app: CounterApp;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(240_000);
  profile = await mkdtemp(path.join(tmpdir(), 'motcua-day-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    baseURL,
    acceptDownloads: true,
  });
  page = context.pages()[0] ?? (await context.newPage());
  app = await CounterApp.openOfflineDemo(page);
  await app.loginAs('receiver', 'motcua');
  const receive = new ReceivePage(page);
  await receive.open();
  await receive.receiveEach(APPLICANTS, 'khai sinh');
  // The next applicant's form offers nothing typed for the previous ones.
  await page.getByTestId('applicant-fullName').click();
  await expect(page.locator('datalist, [role="listbox"]:visible')).toHaveCount(0);
});

test.afterAll(async () => {
  await context.close().catch(() => undefined);
  await rm(profile, { recursive: true, force: true });
});

test("the supervisor's month report counts the day offline, charts it, and exports the same figures to Excel", async () => {
  await app.loginAs('supervisor');
  await page.getByTestId('nav-reports').click();
  await app.expectScreen('reports');
  const screen = page.getByTestId('reports-screen');
  await expect(screen).toHaveAttribute('data-state', 'ready');
  const total = page.getByTestId('report-table').locator('[data-row="__total"]');
  const figure = (key: string) => total.locator(`[data-figure="${key}"]`);
  await expect(figure('received_counter')).toHaveText(String(APPLICANTS.length));
  await expect(figure('to_process')).toHaveText(String(APPLICANTS.length));
  await expect(figure('in_progress_within')).toHaveText(String(APPLICANTS.length));
  await expect(page.getByTestId('report-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();

  const onScreen = await total
    .locator('[data-figure]')
    .evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-figure'), c.textContent]));
  const download = page.waitForEvent('download');
  await page.getByTestId('report-export-xlsx').click();
  const file = await (await download).path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet('Báo cáo');
  const totalRow = sheet?.getRow(sheet.rowCount);
  expect(totalRow?.getCell(2).value).toBe('Tổng cộng');
  // Counts read back equal the screen's (percentages are compared on screen only).
  onScreen.forEach(([key, text], i) => {
    if (key === 'on_time_rate') return;
    expect(String(totalRow?.getCell(i + 3).value), String(key)).toBe(text);
  });
});

test('a day of intake leaves no applicant data in the browser profile', async ({ baseURL }) => {
  await context.unroute('**/*');
  await context.setOffline(false);
  await submitControlForm(context, baseURL ?? '');
  // Closing the context flushes the profile's databases to disk.
  await context.close();

  const store = await autofillStore(profile);
  expect(holds(store, CONTROL.name), 'the control form is recorded by this Chromium').toBe(true);
  for (const a of APPLICANTS) {
    for (const value of [a.fullName, a.phone, a.address, a.idNumber]) {
      expect(holds(store, value), `"${value}" in the autofill store`).toBe(false);
    }
  }
});
