import { expect, test } from '@playwright/test';
import { CounterApp } from './pages/counter-app';
import { DossierPage } from './pages/dossier-page';
import { RatingPage } from './pages/rating-page';
import { APPLICANT_AN, ReceivePage } from './pages/receive-page';

const LATE_APPLICANT = {
  fullName: 'Trịnh Thị Mai',
  idNumber: '034 188 007 352',
  phone: '0978 441 209',
  address: 'Thôn Đông, xã Vũ Lăng, huyện Tiền Hải',
};

// The counter PCs' screen.
test.use({ viewport: { width: 1366, height: 768 } });

/**
 * Offline from the start: a dossier walked to its return, with the citizen's rating screen open in a
 * second window. The citizen rates on that screen ("Không hài lòng" needs a reason), the counter
 * records it as a step and the supervisor's month report counts it. Then, weeks later by the
 * browser's clock, a dossier still open is on the supervisor's overdue list, tagged in the queue,
 * and one click opens its apology (form 04).
 */
test('a citizen rates on the rating screen and the report counts it; the overdue list leads to form 04', async ({
  page,
}) => {
  // Five argon2id logins and a reload on a shared machine.
  test.setTimeout(420_000);
  const app = await CounterApp.openOfflineDemo(page);
  const receive = new ReceivePage(page);
  const dossier = new DossierPage(page);

  // Two dossiers: one for the whole walk, one left open to go overdue.
  await app.loginAs('receiver', 'motcua');
  await receive.open();
  await receive.chooseProcedure('chung thuc ban sao');
  await receive.tickDocuments();
  await receive.fillApplicant(APPLICANT_AN);
  const walked = await receive.confirm();
  await page.getByTestId('receive-new').click();
  await receive.chooseProcedure('khai sinh');
  await receive.tickDocuments();
  await receive.fillApplicant(LATE_APPLICANT);
  const late = await receive.confirm();

  await app.switchRole('appraiser');
  await app.openByCode(walked.code);
  await dossier.appraise();
  await app.loginAs('approver');
  await app.openByCode(walked.code);
  await dossier.approve();
  await app.loginAs('sealer', 'motcua');
  await app.openByCode(walked.code);
  await dossier.seal({ documentType: 'Bản sao chứng thực', number: '88/CT', signer: 'Trần Văn Bình' });
  await app.switchRole('receiver');

  // The officer opens the citizen's screen; it waits for a dossier.
  const rating = await RatingPage.openFrom(page);
  await rating.expectPhase('idle');

  // The return: the officer no longer clicks a rating; the dossier waits for the citizen's.
  await app.openByCode(walked.code);
  const form = await dossier.openStep('return_result');
  await expect(form.getByTestId('rating-on-screen')).toBeVisible();
  await expect(form.getByTestId('rating')).toHaveCount(0);
  await form.getByTestId('identity-checked').check();
  await dossier.submit('returned');
  await expect(page.getByTestId('rating-waiting')).toBeVisible();

  // The citizen: the dossier just returned, three levels; "3" is "Không hài lòng", which needs a reason.
  expect(await rating.askedCode()).toBe(walked.code);
  const levels: [string, string][] = [
    ['very_satisfied', '1Rất hài lòng'],
    ['satisfied', '2Hài lòng'],
    ['dissatisfied', '3Không hài lòng'],
  ];
  for (const [level, text] of levels) await expect(rating.page.getByTestId(`rate-${level}`)).toHaveText(text);
  await rating.page.keyboard.press('3');
  const reason = rating.page.getByTestId('rate-reason');
  await expect(reason).toBeFocused();
  await rating.page.getByTestId('rate-send').click();
  await expect(rating.page.getByTestId('rate-reason-required')).toBeVisible();
  await rating.expectPhase('asking');
  await reason.fill('Phải chờ lâu');
  await rating.page.getByTestId('rate-send').click();
  await expect(rating.page.getByTestId('rating-thanks')).toBeVisible();

  // The counter recorded it as a step of the dossier.
  await expect(page.getByTestId('dossier-rating')).toHaveText('Không hài lòng — Phải chờ lâu');
  await expect(page.getByTestId('rating-waiting')).toHaveCount(0);
  expect(await dossier.history()).toEqual([
    'receive',
    'appraise',
    'approve',
    'seal',
    'return_result',
    'rate',
  ]);

  // The supervisor's month report counts the citizen's rating.
  await app.loginAs('supervisor');
  await page.getByTestId('nav-reports').click();
  await app.expectScreen('reports');
  await expect(page.getByTestId('reports-screen')).toHaveAttribute('data-state', 'ready');
  const total = page.getByTestId('report-table').locator('[data-row="__total"]');
  await expect(total.locator('[data-figure="returned"]')).toHaveText('1');
  await expect(total.locator('[data-figure="dissatisfied"]')).toHaveText('1');
  await expect(total.locator('[data-figure="satisfied"]')).toHaveText('0');
  await expect(total.locator('[data-figure="very_satisfied"]')).toHaveText('0');

  // Weeks later (the browser's clock): the open dossier is long past its appointment.
  await rating.page.close();
  await page.clock.setFixedTime(new Date(Date.now() + 45 * 86_400_000));
  await app.reload();
  await app.loginAs('supervisor');
  await page.getByTestId('nav-overdue').click();
  await app.expectScreen('overdue');
  await expect(page.getByTestId('overdue-screen')).toHaveAttribute('data-state', 'ready');
  const row = page.locator(`[data-testid="overdue-row"][data-code="${late.code}"]`);
  await expect(row).toHaveAttribute('data-watch', 'overdue');
  await expect(row.getByTestId('watch-tag')).toContainText('Quá hạn');
  await expect(page.locator(`[data-testid="overdue-row"][data-code="${walked.code}"]`)).toHaveCount(0);
  await expect(page.getByTestId('overdue-count')).toHaveText('1');

  // The queue flags it too.
  await page.keyboard.press('F3');
  await app.expectScreen('queue');
  await page.getByTestId('tab-overdue').click();
  const queued = page.getByTestId('queue-list').locator(`[data-code="${late.code}"]`);
  await expect(queued.getByTestId('watch-tag')).toHaveAttribute('data-watch', 'overdue');

  // One click from the list opens the dossier's apology letter (form 04).
  await page.getByTestId('nav-overdue').click();
  await row.getByTestId('overdue-apology').click();
  await app.expectScreen('dossier');
  await expect(page.getByTestId('dossier-screen')).toHaveAttribute('data-code', late.code);
  await expect(page.getByTestId('step-form-apologize_extend')).toBeVisible();
});
