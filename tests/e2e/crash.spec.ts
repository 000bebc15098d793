import { expect, test } from '@playwright/test';
import { CounterApp } from './pages/counter-app';
import { DossierPage } from './pages/dossier-page';
import { ReceivePage } from './pages/receive-page';

const STALL_FLAG = 'motcua.e2e.stallDossierWrite';

/**
 * Killing the page in the middle of a step: the event is written, the dossier write never finishes
 * (fault injection), the page is closed. On the next open, roll-forward recovery completes the step:
 * the dossier is at the new status with exactly one event for it — never half written.
 */
test.describe.configure({ timeout: 240_000 });

test('page killed between the event and the dossier write: the replica stays consistent', async ({
  page,
  context,
}) => {
  const app = await CounterApp.openOfflineDemo(page);
  await app.loginAs('receiver', 'motcua');
  const receive = new ReceivePage(page);
  await receive.open();
  await receive.chooseProcedure('chung thuc ban sao');
  await receive.tickDocuments();
  await receive.fillApplicant({
    fullName: 'Lê Văn Cường',
    idNumber: '034095001111',
    phone: '0911222333',
    address: 'Phường Kỳ Bá, Thái Bình',
  });
  const { code, id } = await receive.confirm();

  // Reopen with dossier writes stalled, and take the appraisal step.
  await page.evaluate((flag) => localStorage.setItem(flag, '1'), STALL_FLAG);
  await app.reload();
  await app.loginAs('appraiser', 'motcua');
  await app.openByCode(code);
  const dossier = new DossierPage(page);
  const form = await dossier.openStep('appraise');
  for (const box of await form.locator('input[type="checkbox"]').all()) await box.check();
  await page.getByTestId('step-submit').click();
  await expect(page.locator('body')).toHaveAttribute('data-events-written', '1');
  await dossier.expectStatus('received'); // the step is still running
  await page.close();

  // A new page of the same profile, still offline, without the fault.
  const next = await context.newPage();
  await next.addInitScript((flag) => localStorage.removeItem(flag), STALL_FLAG);
  await next.goto('/');
  const reopened = new CounterApp(next);
  await reopened.waitReady();
  // Web mode opens the encrypted dossiers (and runs recovery) at the first login.
  await reopened.loginAs('supervisor');
  await expect(next.locator('body')).toHaveAttribute('data-recovered', '1');
  await reopened.openById(id);
  const after = new DossierPage(next);
  await after.expectStatus('appraised');
  await expect(after.root).toHaveAttribute('data-event-count', '2');
  expect(await after.history()).toEqual(['receive', 'appraise']);

  // A step that had not reached its event leaves no trace: nothing else changed.
  await reopened.openByCode(code);
  await after.expectStatus('appraised');
});
