import { expect, test, type Route } from '@playwright/test';
import { vi } from '../../renderer/i18n/vi';
import { DEMO_OFFICE } from '../../shared/demo';
import { DOSSIER_CODE_PATTERN } from '../../shared/domain';
import { syncResources } from '../../renderer/features/sync/i18n';
import { pushReceivedDossier, pushReturnedDossier } from '../support/server-dossiers';
import { useSyncServer } from './support/server';
import { Counter } from './sync/pages/counter';

const startServer = useSyncServer();

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
  const server = await startServer();
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

const DAY = 86_400_000;
/** A code of the demo office issued on `at`'s day (number `n`, beyond what a test counter issues). */
const codeOn = (at: Date, n: number) =>
  `${DEMO_OFFICE.agencyCode}-${at.toISOString().slice(2, 10).replaceAll('-', '')}-${String(n).padStart(4, '0')}`;

/** A promise and the function that settles it: a gate the test opens when it chooses. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * Issue 27's "done when": an office with years of history on the server; a fresh counter enrols on
 * its first-run screen and, while the older history is still on its way (its snapshot held back
 * until the test lets it through), shows the download's progress, says its reports are incomplete,
 * receives a new citizen, and finds an old dossier by code through the server. Once the history is
 * in, the sync panel says the data is complete and an old dossier opens with no server to ask.
 */
test('a fresh counter in an office with history works before the history is in, then finds it locally', async ({
  browser,
}, testInfo) => {
  // Two argon2 logins and a real PostgreSQL on a shared 2-core machine.
  test.setTimeout(600_000);
  const server = await startServer();
  const texts = syncResources.vi.syncui.bootstrap;
  // The office's history, pushed by its second counter: returned long ago (older than the recent
  // window), returned lately, and one still open.
  const now = Date.now();
  const old = [150, 160, 170].map((days, i) => new Date(now - days * DAY - i * 3_600_000));
  const history = [];
  for (const [i, at] of old.entries())
    history.push(
      await pushReturnedDossier(server.store, {
        counterId: 'demo-counter-2',
        code: codeOn(at, 901 + i),
        at,
        applicant: {
          fullName: ['Đặng Thị Thu', 'Ngô Văn Bình', 'Lý Thị Hằng'][i]!,
          idNumber: `03409000${String(8000 + i)}`,
          phone: '0977111333',
          address: 'Xã Vũ Hội, huyện Vũ Thư',
        },
      }),
    );
  const lately = new Date(now - 10 * DAY);
  await pushReturnedDossier(server.store, {
    counterId: 'demo-counter-2',
    code: codeOn(lately, 911),
    at: lately,
    applicant: {
      fullName: 'Hà Văn Dũng',
      idNumber: '034090008100',
      phone: '0977111444',
      address: 'Xã Tân Lập',
    },
  });
  const open = await pushReceivedDossier(server.store, {
    counterId: 'demo-counter-2',
    code: codeOf(3),
    applicant: {
      fullName: 'Mai Thị Xuân',
      idNumber: '034090008200',
      phone: '0977111555',
      address: 'Xã Tân Lập',
    },
  });

  const baseURL = String(testInfo.project.use.baseURL);
  const counter = await Counter.open(browser, baseURL);
  const { page } = counter;
  try {
    // The older history's snapshot waits until the test lets it through.
    const historyAsked = gate();
    const historyLetThrough = gate();
    await page.context().route(/\/sync\/snapshot\?phase=history/, async (route) => {
      historyAsked.open();
      await historyLetThrough.opened;
      await route.continue();
    });

    await counter.setUp(server);
    await historyAsked.opened;
    // (a) The download's progress, in the header and the sync panel; the report says which period
    // the counter holds completely.
    await expect(page.getByTestId('bootstrap-progress').first()).toHaveAttribute('data-phase', 'history');
    await counter.sync.openDrawer();
    const drawer = page.getByTestId('sync-details');
    await expect(drawer.getByTestId('bootstrap-progress')).toContainText(texts.history.split(':')[0]!);
    await expect(drawer.getByTestId('local-history')).toHaveAttribute('data-complete', 'false');
    await counter.sync.closeDrawer();
    await page.getByTestId('nav-reports').click();
    await counter.app.expectScreen('reports');
    const note = page.getByTestId('local-history');
    await expect(note).toHaveAttribute('data-complete', 'false');
    await expect(note).toContainText(texts.partial.split('{{')[0]!);
    // The recent phase is in: the open dossier is on this counter.
    await counter.app.openByCode(open.code);
    await expect(page.getByTestId('dossier-applicant')).toHaveText('Mai Thị Xuân');

    // (b) The counter is usable: a new citizen's dossier is received and gets its code.
    await counter.app.loginAs('receiver');
    const received = await counter.intake({
      fullName: 'Trịnh Văn Khoa',
      idNumber: '034 090 008 300',
      phone: '0912 000 111',
      address: 'Xã Song An, huyện Vũ Thư',
    });
    expect(received.code).toMatch(DOSSIER_CODE_PATTERN);
    expect(received.code.startsWith(DEMO_OFFICE.agencyCode)).toBe(true);

    // (c) An old dossier, not here yet, is found by its code on the server (held until the counter
    // says it is asking) and opened.
    const lookupAsked = gate();
    const lookupLetThrough = gate();
    const holdLookup = async (route: Route) => {
      lookupAsked.open();
      await lookupLetThrough.opened;
      await route.continue();
    };
    await page.context().route('**/dossiers/lookup', holdLookup);
    await page.keyboard.press('F3');
    await counter.app.expectScreen('queue');
    const input = page.getByTestId('lookup-input').locator('input');
    await expect(input).toBeFocused();
    await input.fill(history[0]!.code);
    await input.press('Enter');
    await lookupAsked.opened;
    const notice = page.getByTestId('server-lookup');
    await expect(notice).toHaveAttribute('data-state', 'searching');
    await expect(notice).toContainText(vi.queue.server_searching);
    lookupLetThrough.open();
    await counter.app.expectScreen('dossier');
    await expect(page.getByTestId('dossier-screen')).toHaveAttribute('data-code', history[0]!.code);
    await expect(page.getByTestId('dossier-applicant')).toHaveText('Đặng Thị Thu');
    await expect(page.getByTestId('history-row')).toHaveCount(5);
    await page.context().unroute('**/dossiers/lookup', holdLookup);

    // The history comes down; the sync panel says the data is complete.
    historyLetThrough.open();
    await counter.sync.openDrawer();
    await expect(drawer.getByTestId('local-history')).toHaveAttribute('data-complete', 'true', {
      timeout: 120_000,
    });
    await expect(drawer.getByTestId('local-history')).toHaveText(texts.complete);
    await expect(page.getByTestId('bootstrap-progress')).toHaveCount(0);
    await counter.sync.closeDrawer();

    // Another old dossier, never looked up, opens from this counter alone: the lookups are cut.
    let lookups = 0;
    await page.context().route('**/dossiers/lookup', (route) => {
      lookups++;
      return route.abort('internetdisconnected');
    });
    await counter.app.openByCode(history[2]!.code);
    await expect(page.getByTestId('dossier-applicant')).toHaveText('Lý Thị Hằng');
    await expect(page.getByTestId('history-row')).toHaveCount(5);
    expect(lookups).toBe(0);
  } finally {
    await counter.close();
  }
});
