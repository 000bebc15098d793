import { expect, test, type Browser } from '@playwright/test';
import { DEMO_COUNTER, demoOfficers } from '../../../shared/demo';
import { bearer, pullResponseSchema, type PushResponse } from '../../../shared/sync/contract';
import { decide, type Actor } from '../../../shared/workflow';
import { fromDossierDoc, toDossierDoc } from '../../../renderer/db/dossier-doc';
import { enrolDevice } from '../../../renderer/features/sync/client';
import { DossierPage } from '../pages/dossier-page';
import { APPLICANT_AN } from '../pages/receive-page';
import { startSyncServer, type SyncServer } from '../support/server';
import { Counter } from './pages/counter';

let server: SyncServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/**
 * Two other PCs of the office had the same version of a dossier when their link dropped; each
 * changed the applicant's contact details (`edits`, one per PC). Both come back: the first change is
 * taken, the second cannot merge (the same fields, other values) and is kept for the supervisor.
 * Pushed here over HTTP with the shared workflow, as their sync clients would.
 */
async function contactChangedOnTwoOtherCounters(
  sync: SyncServer,
  dossierId: string,
  edits: { phone?: string; email?: string }[],
) {
  const { token } = await enrolDevice(sync.url, {
    code: await sync.enrolCode(),
    counterId: DEMO_COUNTER.id,
    deviceName: 'PC quầy 2',
  });
  const headers = { authorization: bearer(token), 'content-type': 'application/json' };
  const pulled = pullResponseSchema.parse(
    await (await fetch(`${sync.url}/sync/dossiers/pull?limit=1000`, { headers })).json(),
  );
  const baseDoc = pulled.documents.find((d) => d.id === dossierId);
  if (!baseDoc) throw new Error(`${dossierId} is not on the server`);
  const base = fromDossierDoc(baseDoc);
  const officer = demoOfficers().find((o) => o.username === 'tiepnhan')!;
  const actor: Actor = {
    officerId: officer.id,
    name: officer.fullName,
    roles: ['receiver'],
    actingRole: 'receiver',
    counterId: DEMO_COUNTER.id,
    officeId: base.officeId,
  };
  const push = async (collection: string, doc: object, assumed: object | null) => {
    const res = await fetch(`${sync.url}/sync/${collection}/push`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        rows: [{ newDocumentState: { ...doc, _deleted: false }, assumedMasterState: assumed }],
      }),
    });
    const body = (await res.json()) as PushResponse;
    expect(body.rejected).toEqual([]);
    return body;
  };
  const answers: PushResponse[] = [];
  for (const applicant of edits) {
    const decided = decide(
      base,
      { type: 'edit_details', dossierId, officeId: base.officeId, applicant },
      actor,
      new Date().toISOString(),
    );
    if (!decided.ok) throw new Error(decided.error.message);
    await push('dossier_events', decided.event, null);
    answers.push(await push('dossiers', toDossierDoc(decided.dossier), baseDoc));
  }
  return answers;
}

/**
 * A counter of the demo office with one dossier it received, which two other PCs then changed
 * differently (`edits`); signed in as the supervisor, the sync drawer open and the dossier's
 * conflict listed (`item`). The server's answers to the two PCs' pushes come back too.
 */
async function conflictListed(
  browser: Browser,
  baseURL: string,
  edits: { phone?: string; email?: string }[],
) {
  server = await startSyncServer();
  const sync = server;
  const counter = await Counter.open(browser, baseURL);
  try {
    await counter.setUp(sync);
    const { id } = await counter.receiveDossier(APPLICANT_AN);
    await counter.sync.expectInSync();
    const answers = await contactChangedOnTwoOtherCounters(sync, id, edits);
    await counter.app.loginAs('supervisor');
    await counter.sync.openDrawer();
    const item = counter.page
      .getByTestId('sync-conflict-item')
      .and(counter.page.locator(`[data-id="${id}"]`));
    await expect(item).toHaveCount(1, { timeout: 60_000 });
    return { sync, counter, id, item, answers };
  } catch (err) {
    await counter.close();
    throw err;
  }
}

test('a dossier changed differently on two counters is listed for the supervisor with both values, until reviewed', async ({
  browser,
}, testInfo) => {
  test.setTimeout(600_000);
  const { counter, id, item, answers } = await conflictListed(browser, String(testInfo.project.use.baseURL), [
    { phone: '0911 111 111' },
    { phone: '0922 222 222' },
  ]);
  try {
    const [first, second] = answers;
    expect(first!.unresolved).toEqual([]);
    expect(second!.unresolved).toEqual([id]);
    const phone = item
      .getByTestId('sync-conflict-field')
      .and(counter.page.locator('[data-field="applicant.phone"]'));
    await expect(phone).toContainText('Điện thoại');
    await expect(phone).toContainText('đang giữ (máy chủ) «0911111111»');
    await expect(phone).toContainText('quầy khác ghi «0922222222»');

    await item.getByTestId('sync-conflict-resolve').click();
    await counter.sync.expectMessage('Đã đánh dấu xung đột là đã xem xét.');
    await expect(item).toHaveCount(0);
    await expect(counter.page.getByTestId('sync-conflicts')).toContainText('Không có xung đột chờ xem xét');
    // The counter holds the version the server kept.
    await counter.sync.closeDrawer();
    await counter.sync.expectInSync();
  } finally {
    await counter.close();
  }
});

test("the supervisor takes the other counter's phone and email: each recorded as a step on the dossier, the conflict settled with the last, and the server gets them", async ({
  browser,
}, testInfo) => {
  test.setTimeout(600_000);
  const { sync, counter, id, item } = await conflictListed(browser, String(testInfo.project.use.baseURL), [
    { phone: '0911 111 111', email: 'quay1@vuthu.gov.vn' },
    { phone: '0922 222 222', email: 'quay2@vuthu.gov.vn' },
  ]);
  try {
    // The counter first holds the value the server kept, and the other counters' steps.
    await counter.sync.expectInSync();
    await counter.sync.closeDrawer();
    await counter.app.openById(id);
    const dossier = new DossierPage(counter.page);
    await expect(counter.page.getByTestId('dossier-phone')).toHaveText('0911111111');
    const before = await dossier.history();
    await counter.sync.openDrawer();
    const field = (key: string) =>
      item.getByTestId('sync-conflict-field').and(counter.page.locator(`[data-field="${key}"]`));
    // The phone first: the email still waits, so the conflict stays listed.
    await field('applicant.phone').getByTestId('sync-conflict-take').click();
    await counter.sync.expectMessage(
      'Đã sửa «Điện thoại» theo giá trị của quầy khác (ghi vào lịch sử hồ sơ). Xem các trường còn lại',
    );
    await expect(item).toHaveCount(1);
    await field('applicant.email').getByTestId('sync-conflict-take').click();
    await counter.sync.expectMessage(
      'Đã sửa «Thư điện tử» theo giá trị của quầy khác (ghi vào lịch sử hồ sơ) và đánh dấu đã xem xét.',
    );
    await expect(item).toHaveCount(0);
    await counter.sync.closeDrawer();

    await expect(counter.page.getByTestId('dossier-phone')).toHaveText('0922222222');
    expect(await dossier.history()).toEqual([...before, 'edit_details', 'edit_details']);
    // The correction goes up like any other step.
    await counter.sync.expectInSync();
    const stored = await sync.store.pool.query<{ phone: string; email: string }>(
      `SELECT doc->'applicant'->>'phone' AS phone, doc->'applicant'->>'email' AS email
       FROM documents WHERE collection = 'dossiers' AND id = $1`,
      [id],
    );
    expect(stored.rows).toEqual([{ phone: '0922222222', email: 'quay2@vuthu.gov.vn' }]);
  } finally {
    await counter.close();
  }
});
