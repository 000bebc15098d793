import { expect, test } from '@playwright/test';
import { CounterApp } from './pages/counter-app';
import { DossierPage } from './pages/dossier-page';
import { APPLICANT_AN, ReceivePage } from './pages/receive-page';
import { pdfText } from './pdf-text';

/**
 * The heart of the product: with the network down from the start, one dossier goes through all five
 * on-site steps by the officers of each role, form 01 is printed to PDF with the code and the
 * appointment, and after a reload (still offline) everything is still there.
 */
test('offline: receive, appraise, approve, seal, return; form 01 to PDF; reload keeps it all', async ({
  page,
}) => {
  // Seven argon2id logins (64 MiB each) and a full reload: the longest test of the suite.
  test.setTimeout(300_000);
  const t0 = Date.now();
  const mark = (what: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}`);
  const app = await CounterApp.openOfflineDemo(page);
  const receive = new ReceivePage(page);
  const dossier = new DossierPage(page);

  mark('1. Receive');
  // 1. Receive (tiếp nhận), keyboard first: F2, type the procedure without diacritics, Enter.
  await app.loginAs('receiver');
  await receive.open();
  await receive.chooseProcedure('chung thuc ban sao');
  await receive.tickDocuments();
  await receive.fillApplicant(APPLICANT_AN);
  const shown = await receive.appointment();
  expect(shown.text).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
  const printsBefore = await app.printCount();
  const { code, id } = await receive.confirm();
  await expect(page.getByTestId('issued-code')).toHaveText(code);

  mark('Form 01 went');
  // Form 01 went to the printer: check what it says, then print it to PDF and read the PDF back.
  const receipt = await app.expectPrinted('01', printsBefore);
  const pdfPage = await app.context.newPage();
  await pdfPage.setContent(receipt.html);
  await expect(pdfPage.locator('body')).toContainText(code);
  await expect(pdfPage.locator('body')).toContainText(shown.text);
  await expect(pdfPage.locator('body')).toContainText('Nguyễn Văn An');
  const pdf = await pdfPage.pdf({ preferCSSPageSize: true });
  await pdfPage.close();
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(text).toContain(code);
  expect(text).toContain(shown.text.split(' ')[1]); // the appointment date dd/mm/yyyy
  expect(text).toContain(shown.text.split(' ')[0]); // and its time hh:mm

  mark('2. Appraise');
  // 2. Appraise (thẩm định): the appraiser finds it by scanning the code.
  await app.loginAs('appraiser');
  await expect(app.testId('count-mine-value')).not.toHaveText('0');
  await app.openByCode(code);
  await dossier.expectStatus('received');
  await dossier.appraise();

  mark('3. Approve');
  // 3. Approve (phê duyệt): only the leader on duty may; the appraiser sees no approve button.
  await expect(page.getByTestId('step-approve')).toHaveCount(0);
  await app.loginAs('approver');
  await app.openByCode(code);
  await dossier.approve('Đồng ý ký');

  mark('4. Seal');
  // 4. Seal (đóng dấu): the result is recorded and the result slip with its QR code printed.
  await app.loginAs('sealer');
  await app.openByCode(code);
  const beforeSeal = await app.printCount();
  await dossier.seal({ documentType: 'Bản sao chứng thực', number: '125/CT', signer: 'Trần Văn Bình' });
  const slip = await app.expectPrinted('result', beforeSeal);
  expect(slip.html).toContain(code);
  expect(slip.html).toContain('<svg');
  await expect(page.getByTestId('dossier-result')).toContainText('125/CT');

  mark('5. Return');
  // 5. Return (trả kết quả): identity checked, timing shown, rating recorded.
  await app.loginAs('receiver');
  await app.openByCode(code);
  const timing = await dossier.returnResult('Rất hài lòng');
  expect(['early', 'on_time']).toContain(timing);
  await expect(page.getByTestId('dossier-rating')).toHaveText('Rất hài lòng');
  expect(await dossier.history()).toEqual(['receive', 'appraise', 'approve', 'seal', 'return_result']);

  mark('Form 05');
  // Form 05, the control sheet, lists every hand-over.
  const beforeSheet = await app.printCount();
  await page.getByTestId('print-05').click();
  const sheet = await app.expectPrinted('05', beforeSheet);
  expect(sheet.html).toContain(code);

  mark('Still offline');
  // Still offline: reload the app and find everything still there.
  await app.reload();
  await app.expectScreen('login');
  await app.loginAs('supervisor');
  await app.openById(id);
  await dossier.expectStatus('returned');
  expect(await dossier.history()).toEqual(['receive', 'appraise', 'approve', 'seal', 'return_result']);
  await expect(page.getByTestId('dossier-code')).toHaveText(code);

  mark('The register');
  // The register (form 06) and the name search ignoring diacritics and case find it too.
  await page.keyboard.press('F4');
  await expect(page.getByTestId('register').getByText(code)).toBeVisible();
  await page.keyboard.press('F3');
  const search = page.getByTestId('search-input').locator('input');
  await search.fill('nguyen van an');
  await search.press('Enter');
  await expect(page.getByTestId('search-results').locator(`[data-code="${code}"]`)).toBeVisible();
  await search.fill('0912345678');
  await search.press('Enter');
  await expect(page.getByTestId('search-results').locator(`[data-code="${code}"]`)).toBeVisible();
});
