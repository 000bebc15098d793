import { expect, test } from '@playwright/test';
import { vi } from '../../renderer/i18n/vi';
import { DEMO_OFFICE } from '../../shared/demo';
import { pushReceivedDossier } from '../support/server-dossiers';
import { startSyncServer, type SyncServer } from './support/server';
import { Counter } from './sync/pages/counter';

let server: SyncServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/** A code of the demo office on a day no test counter issues codes for. */
const codeOf = (n: number) => `${DEMO_OFFICE.agencyCode}-200101-${String(n).padStart(4, '0')}`;

/**
 * Issue 27: a counter whose replica does not hold a dossier of its office (its history has not come
 * down yet) finds it by code through the provincial server, stores it and opens it; with the link
 * down it says so clearly.
 */
test('a dossier not on this counter is found by code on the server and opened; offline it says so', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  server = await startSyncServer();
  const baseURL = String(testInfo.project.use.baseURL);
  const counter = await Counter.open(browser, baseURL);
  try {
    await counter.setUp(server);
    // The office's history does not come down to this PC: its pulls of dossiers and events fail
    // (from the page and the service worker), as while an older history is still on its way.
    await counter.page
      .context()
      .route(/\/sync\/(dossiers|dossier_events)\/pull/, (route) => route.abort('internetdisconnected'));
    // Another counter of the office received a citizen: the dossier is on the server only.
    const other = await pushReceivedDossier(server.store, {
      counterId: 'demo-counter-2',
      code: codeOf(1),
      applicant: {
        fullName: 'Lê Văn Cường',
        idNumber: '034090007777',
        phone: '0977111222',
        address: 'Xã Song Lãng, huyện Vũ Thư',
      },
    });

    await counter.app.loginAs('receiver');
    await counter.page.keyboard.press('F3');
    await counter.app.expectScreen('queue');
    const input = counter.page.getByTestId('lookup-input').locator('input');
    await expect(input).toBeFocused();
    await input.fill(other.code);
    await input.press('Enter');
    await counter.app.expectScreen('dossier');
    await expect(counter.page.getByTestId('dossier-screen')).toHaveAttribute('data-code', other.code);
    await expect(counter.page.getByTestId('dossier-applicant')).toHaveText('Lê Văn Cường');
    await expect(counter.page.getByTestId('history-row')).toHaveCount(1);

    // The link drops: the dossier is in this replica now and opens without the server.
    await counter.offline();
    await counter.app.openByCode(other.code);
    await expect(counter.page.getByTestId('dossier-applicant')).toHaveText('Lê Văn Cường');

    // A code this counter does not hold, with no server to ask: the counter says so clearly.
    await counter.page.keyboard.press('F3');
    await counter.app.expectScreen('queue');
    await input.fill(codeOf(2));
    await input.press('Enter');
    const notice = counter.page.getByTestId('server-lookup');
    await expect(notice).toHaveAttribute('data-state', 'offline');
    await expect(notice).toContainText(vi.queue.server_offline);
    await counter.app.expectScreen('queue');
  } finally {
    await counter.close();
  }
});
