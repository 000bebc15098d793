import { expect, test, type Page } from '@playwright/test';
import { CounterApp } from './pages/counter-app';
import { DossierPage } from './pages/dossier-page';
import { applicant, ReceivePage } from './pages/receive-page';

/**
 * The side paths of DOMAIN.md, each in a fresh, offline browser context with the demo office. The
 * multi-role officer 'motcua' (receiver, appraiser, sealer) switches roles without signing in again.
 */
test.describe.configure({ timeout: 240_000 });
const MULTI = 'motcua';

const APPLICANT = applicant(
  'Trần Thị Bích',
  '036185004321',
  '0987654321',
  'Thôn Đông, xã Vũ Phúc, Thái Bình',
);

/** Procedures of the demo catalogue, typed as an officer would (no diacritics). */
const PROCEDURE = 'chung thuc ban sao';
const MULTI_DAY_PROCEDURE = 'thanh lap ho kinh doanh';

async function receiveOne(
  app: CounterApp,
  page: Page,
  procedure = PROCEDURE,
): Promise<{ code: string; id: string }> {
  await app.loginAs('receiver', MULTI);
  const receive = new ReceivePage(page);
  await receive.open();
  await receive.chooseProcedure(procedure);
  await receive.tickDocuments();
  await receive.fillApplicant(APPLICANT);
  return receive.confirm();
}

test('incomplete at intake: form 02 lists what is missing; completing it later issues the code', async ({
  page,
}) => {
  const app = await CounterApp.openOfflineDemo(page);
  await app.loginAs('receiver');
  const receive = new ReceivePage(page);
  await receive.open();
  await receive.chooseProcedure(MULTI_DAY_PROCEDURE);
  await receive.fillApplicant(APPLICANT);
  // Nothing ticked: the confirm button refuses and names the mandatory documents.
  await page.getByTestId('receive-confirm').click();
  await expect(page.getByTestId('missing-mandatory')).toBeVisible();
  const before = await app.printCount();
  const { id } = await receive.incomplete('Thiếu giấy tờ theo danh mục');
  const form02 = await app.expectPrinted('02', before);
  expect(form02.html).toContain('Thiếu giấy tờ theo danh mục');
  expect(form02.html).toContain(APPLICANT.fullName);

  const dossier = new DossierPage(page);
  await page.getByTestId('open-dossier').click();
  await dossier.expectStatus('incomplete');
  await expect(page.getByTestId('dossier-code')).not.toHaveText(/H\d\d-/);
  // The citizen comes back with everything: the intake completes, the clock starts, form 01 prints.
  const form = await dossier.openStep('complete_intake');
  const due = (await form.getByTestId('new-due').getAttribute('data-due-at')) ?? '';
  expect(due).not.toBe('');
  const beforeComplete = await app.printCount();
  await dossier.submit('received');
  expect(await dossier.dueAt()).toBe(due);
  await expect(page.getByTestId('dossier-code')).toHaveText(/-\d{6}-\d{4}$/);
  const form01 = await app.expectPrinted('01', beforeComplete);
  expect(form01.html).toContain((await page.getByTestId('dossier-code').innerText()).trim());
  expect(await dossier.history()).toEqual(['record_incomplete', 'complete_intake']);
  await app.openById(id);
});

test('refused at intake: form 03 with the reason, and the dossier is closed', async ({ page }) => {
  const app = await CounterApp.openOfflineDemo(page);
  await app.loginAs('receiver');
  const receive = new ReceivePage(page);
  await receive.open();
  await receive.chooseProcedure(PROCEDURE);
  await receive.fillApplicant(APPLICANT);
  const before = await app.printCount();
  await receive.refuse('Không thuộc thẩm quyền giải quyết của cơ quan');
  const form03 = await app.expectPrinted('03', before);
  expect(form03.html).toContain('Không thuộc thẩm quyền giải quyết của cơ quan');
  await page.getByTestId('open-dossier').click();
  const dossier = new DossierPage(page);
  await dossier.expectStatus('refused_intake');
  await expect(page.getByTestId('no-action')).toBeVisible();
});

test('supplement requested at appraisal, then received: the clock restarts with a new due date', async ({
  page,
}) => {
  const app = await CounterApp.openOfflineDemo(page);
  const { code } = await receiveOne(app, page, MULTI_DAY_PROCEDURE);
  const dossier = new DossierPage(page);

  await app.switchRole('appraiser');
  await app.openByCode(code);
  const receivedClock = (await dossier.root.getAttribute('data-clock-start-at')) ?? '';
  const form = await dossier.openStep('request_supplement');
  const docs = form.getByTestId('supplement-documents');
  await docs.click();
  await page.keyboard.type('Bản sao sổ hộ khẩu');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await form.getByTestId('step-reason').fill('Cần bổ sung bản sao có chứng thực');
  const before = await app.printCount();
  await dossier.submit('supplement_requested');
  const form02 = await app.expectPrinted('02', before);
  expect(form02.html).toContain('Bản sao sổ hộ khẩu');

  await app.switchRole('receiver');
  await app.openByCode(code);
  const received = await dossier.openStep('supplement_received');
  const newDue = (await received.getByTestId('new-due').getAttribute('data-due-at')) ?? '';
  await dossier.submit('received');
  expect(await dossier.dueAt()).toBe(newDue);
  const restarted = (await dossier.root.getAttribute('data-clock-start-at')) ?? '';
  expect(Date.parse(restarted)).toBeGreaterThan(Date.parse(receivedClock));
  expect(await dossier.history()).toEqual(['receive', 'request_supplement', 'supplement_received']);
  // Asked once, completely (the rule set's one clock restart): appraisal is not offered a second one.
  await app.switchRole('appraiser');
  await app.openByCode(code);
  await expect(page.getByTestId('step-appraise')).toBeVisible();
  await expect(page.getByTestId('step-request_supplement')).toHaveCount(0);
});

test('late: the leader is prompted for form 04, sets a new date once, and cannot do it again', async ({
  page,
}) => {
  const app = await CounterApp.openOfflineDemo(page);
  const { code } = await receiveOne(app, page, PROCEDURE);
  const dossier = new DossierPage(page);
  await app.loginAs('approver');
  await app.openByCode(code);
  const oldDue = await dossier.dueAt();
  await expect(page.getByTestId('late-prompt')).toBeVisible();
  await page.getByTestId('late-prompt-open').click();
  const form = page.getByTestId('step-form-apologize_extend');
  await form.getByTestId('step-reason').fill('Cần xác minh thêm với cơ quan liên quan');
  const before = await app.printCount();
  await page.getByTestId('step-submit').click();
  await expect(page.getByTestId('dossier-original-due')).toBeVisible();
  const form04 = await app.expectPrinted('04', before);
  expect(form04.html).toContain('Cần xác minh thêm với cơ quan liên quan');
  expect(form04.html).toContain(code);
  expect(Date.parse(await dossier.dueAt())).toBeGreaterThan(Date.parse(oldDue));
  // Only once: the prompt and the step are gone.
  await expect(page.getByTestId('late-prompt')).toHaveCount(0);
  await expect(page.getByTestId('step-apologize_extend')).toHaveCount(0);
  await dossier.expectStatus('received');
  expect(await dossier.history()).toEqual(['receive', 'apologize_extend']);
});

test('withdrawal: the applicant withdraws, the dossier closes with the reason recorded', async ({ page }) => {
  const app = await CounterApp.openOfflineDemo(page);
  const { code } = await receiveOne(app, page);
  const dossier = new DossierPage(page);
  await app.openByCode(code);
  await dossier.withReason('withdraw', 'Công dân xin rút hồ sơ', 'withdrawn');
  await expect(page.getByTestId('no-action')).toBeVisible();
  expect(await dossier.history()).toEqual(['receive', 'withdraw']);
  // Closed dossiers are out of the active queues but the lookup still finds them.
  await app.openByCode(code);
  await dossier.expectStatus('withdrawn');
});

test('stopped by the agency: a dossier received under Decree 118/2025 gets the stop-processing notice', async ({
  page,
}) => {
  const app = await CounterApp.openOfflineDemo(page);
  const { code } = await receiveOne(app, page);
  const dossier = new DossierPage(page);
  await app.loginAs('approver');
  await app.openByCode(code);
  const before = await app.printCount();
  await dossier.withReason('stop', 'Người nộp không bổ sung hồ sơ theo yêu cầu', 'stopped');
  const notice = await app.expectPrinted('stop', before);
  expect(notice.html).toContain('THÔNG BÁO VỀ VIỆC DỪNG XỬ LÝ HỒ SƠ');
  expect(notice.html).toContain('Nghị định 118/2025/NĐ-CP');
  expect(notice.html).toContain(code);
  await expect(page.getByTestId('print-stop')).toHaveText('In thông báo dừng xử lý');
  expect(await dossier.history()).toEqual(['receive', 'stop']);
});

test('a wrong phone corrected: an invalid number is refused in Vietnamese, a valid one is recorded as a step', async ({
  page,
}) => {
  const app = await CounterApp.openOfflineDemo(page);
  const { code } = await receiveOne(app, page);
  const dossier = new DossierPage(page);
  await app.openByCode(code);
  await page.getByTestId('step-edit_details').click();
  const form = page.getByTestId('step-form-edit_details');
  await form.getByTestId('edit-phone').fill('12345');
  await page.getByTestId('step-submit').click();
  await expect(form).toContainText('Số điện thoại không hợp lệ (ví dụ 0912345678).');
  expect(await dossier.history()).toEqual(['receive']);
  await form.getByTestId('edit-phone').fill('0912 345 678');
  await page.getByTestId('step-submit').click();
  await expect(page.getByTestId('dossier-phone')).toHaveText('0912345678');
  await expect.poll(() => dossier.history()).toEqual(['receive', 'edit_details']);
  // The same number typed again another way is no change, and records nothing.
  await page.getByTestId('step-edit_details').click();
  await form.getByTestId('edit-phone').fill('0912.345.678');
  await page.getByTestId('step-submit').click();
  await expect(form).toContainText('Chưa có thông tin nào thay đổi.');
  expect(await dossier.history()).toEqual(['receive', 'edit_details']);
});
