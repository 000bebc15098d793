import { expect, test, type Page } from '@playwright/test';
import { CounterApp } from './pages/counter-app';
import { DossierPage } from './pages/dossier-page';
import { APPLICANT_AN, ReceivePage } from './pages/receive-page';

/**
 * What a pilot office reported on its first day, each seen as the officer sees it. One offline demo
 * counter serves every test in order (the sign-in and the demo set-up are the same for all); the test
 * that moves the clock forward comes last.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

/** A procedure of the demo catalogue with two mandatory and two optional documents, and a fee. */
const HOUSEHOLD_BUSINESS = 'thanh lap ho kinh doanh';
const MANDATORY = [
  'Giấy đề nghị đăng ký hộ kinh doanh',
  'Bản sao giấy tờ pháp lý của cá nhân các thành viên hộ gia đình',
];
const OPTIONAL = [
  'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh',
  'Hợp đồng thuê, mượn địa điểm kinh doanh',
];

const FEE = 'Lệ phí đăng ký hộ kinh doanh: 100.000 đ';

let page: Page;
let app: CounterApp;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  app = await CounterApp.openOfflineDemo(page);
  await app.loginAs('receiver', 'motcua');
});

test.afterAll(async () => {
  await page.close();
});

test('the fee is shown; an incomplete intake asks for the mandatory documents only; completing it records them', async () => {
  const receive = new ReceivePage(page);
  await receive.open();
  await receive.chooseProcedure(HOUSEHOLD_BUSINESS);
  // The fee is said at the counter, before anything is printed.
  await expect(page.getByTestId('procedure-fee')).toHaveText(FEE);
  await receive.tickDocuments(1);
  await receive.fillApplicant(APPLICANT_AN);
  // Form 02 asks for what is missing and mandatory: the optional documents start unticked.
  await page.getByTestId('receive-incomplete').click();
  const asked = page.getByTestId('intake-missing');
  await expect(asked.getByRole('checkbox', { name: MANDATORY[1] })).toBeChecked();
  for (const name of OPTIONAL) await expect(asked.getByRole('checkbox', { name })).not.toBeChecked();
  await page.getByTestId('intake-modal-text').fill('Thiếu bản sao giấy tờ pháp lý');
  const before02 = await app.printCount();
  await page.getByTestId('intake-modal-ok').click();
  await expect(page.getByTestId('receive-done')).toHaveAttribute('data-outcome', 'incomplete');
  const form02 = await app.expectPrinted('02', before02);
  expect(form02.html).toContain(MANDATORY[1]);
  for (const name of OPTIONAL) expect(form02.html).not.toContain(name);
  await page.getByTestId('open-dossier').click();
  const dossier = new DossierPage(page);
  await dossier.expectStatus('incomplete');
  await expect(page.getByTestId('dossier-fee')).toHaveText(FEE);

  const form = await dossier.openStep('complete_intake');
  const brought = form.getByTestId('supplemented-documents');
  await expect(brought.getByRole('checkbox', { name: MANDATORY[1] })).toBeChecked();
  for (const name of OPTIONAL) await expect(brought.getByRole('checkbox', { name })).not.toBeChecked();
  const before = await app.printCount();
  await dossier.submit('received');
  const form01 = await app.expectPrinted('01', before);
  for (const name of MANDATORY) expect(form01.html).toContain(name);
  await expect(page.getByTestId('dossier-document')).toHaveText(MANDATORY.map((n) => new RegExp(`^${n}`)));
});

/** Whether `testId` shows on screen with the page scrolled to its top, as the officer first sees it. */
async function expectShownUnscrolled(testId: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByTestId(testId)).toBeInViewport({ ratio: 1 });
}

test('on a 1366×768 screen the refuse and return buttons show without scrolling, and the office name in full', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const receive = new ReceivePage(page);
  await receive.open();
  await receive.chooseProcedure('chung thuc ban sao');
  await expectShownUnscrolled('receive-refuse');
  const office = page.getByTestId('header-office');
  await expect(office).toBeInViewport({ ratio: 1 });
  expect(await office.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await receive.tickDocuments();
  await receive.fillApplicant(APPLICANT_AN);
  const { code } = await receive.confirm();

  const dossier = new DossierPage(page);
  await app.switchRole('appraiser');
  await app.openByCode(code);
  await dossier.appraise();
  await app.loginAs('approver');
  await app.openByCode(code);
  await dossier.approve();
  await app.loginAs('sealer', 'motcua');
  await app.openByCode(code);
  await dossier.seal({ documentType: 'Bản sao chứng thực', number: '12/2026', signer: 'Lê Văn Cường' });
  await app.switchRole('receiver');
  await app.openByCode(code);
  await dossier.openStep('return_result');
  await expectShownUnscrolled('step-submit');
});

test('a receiver on a PC not yet enrolled is told to ask IT or the supervisor to enrol it', async () => {
  await expect(page.getByTestId('header-role')).toHaveAttribute('data-role', 'receiver');
  await page.getByTestId('sync-panel').click();
  const hint = page.getByTestId('sync-enrol-hint');
  await expect(hint).toContainText('Đề nghị bộ phận CNTT hoặc người phụ trách');
  await expect(hint).toContainText('đăng ký máy này');
  await page.keyboard.press('Escape');
  await expect(hint).toBeHidden();
});

test('form 04 on an overdue dossier offers a date after today, and the new date is in the future', async () => {
  const receive = new ReceivePage(page);
  await receive.open();
  await receive.chooseProcedure('chung thuc ban sao');
  await receive.tickDocuments();
  await receive.fillApplicant(APPLICANT_AN);
  const { code } = await receive.confirm();
  await app.loginAs('approver');
  // Ten days later the dossier is long overdue.
  const later = Date.now() + 10 * 24 * 3600_000;
  await page.clock.setFixedTime(later);
  await app.openByCode(code);
  const dossier = new DossierPage(page);
  await page.getByTestId('late-prompt-open').click();
  const form = page.getByTestId('step-form-apologize_extend');
  const offered = await form.getByRole('textbox', { name: 'Ngày hẹn mới' }).inputValue();
  const [dd, mm, yyyy] = offered.split('/').map(Number);
  expect(Date.UTC(yyyy ?? 0, (mm ?? 1) - 1, dd ?? 0, 10)).toBeGreaterThan(later);
  await form.getByTestId('step-reason').fill('Cần xác minh thêm với cơ quan liên quan');
  await page.getByTestId('step-submit').click();
  await expect(page.getByTestId('dossier-original-due')).toBeVisible();
  expect(Date.parse(await dossier.dueAt())).toBeGreaterThan(later);
});
