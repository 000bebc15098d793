import { expect, test } from '@playwright/test';
import { DEMO_SECTORS } from '../../shared/demo';
import type { WireDocument } from '../../shared/sync/contract';
import { adminCreateCli } from '../support/admin-api';
import { ConsolePage } from './pages/console-page';
import { ROLE_LABELS } from './pages/counter-app';
import { startSyncServer, type SyncServer } from './support/server';
import { Counter } from './sync/pages/counter';

const ADMIN = { username: 'it.tinh', password: 'Quan-tri-tinh-2026' };
const OFFICE = {
  id: 'office-tanlap',
  agencyCode: '000.31.07.H56',
  name: 'Bộ phận Một cửa UBND xã Tân Lập',
  address: 'Thôn Đông, xã Tân Lập',
};
const OWN_PASSWORD = 'Tiep-nhan-Tan-Lap-2026';

let server: SyncServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/**
 * Issue 24's console: the first province admin, made with the CLI, signs in at the server's
 * /console/, creates an office with two counters and two officers (one-time passwords) and issues an
 * enrolment code; a new counter PC enrols with it and the officer replaces the one-time password;
 * the admin revokes the PC, whose next sync is refused with a clear message; the audit log lists
 * every change.
 */
test('province console: office, counters, officers, enrolment code, revocation, audit log', async ({
  browser,
}, testInfo) => {
  test.setTimeout(10 * 60_000);
  server = await startSyncServer({ demo: false });
  // The province's sectors (the catalogue is another page's work): an office may serve them.
  await server.store.catalogue.upsertCatalogue(
    'sectors',
    DEMO_SECTORS.map((s) => ({ ...s, _deleted: false }) as WireDocument),
    'e2e-province',
  );
  expect(
    await adminCreateCli(
      server.databaseUrl,
      ['--username', ADMIN.username, '--password-stdin'],
      ADMIN.password,
    ),
  ).toContain(`admin ${ADMIN.username} created`);

  const adminContext = await browser.newContext();
  const admin = new ConsolePage(await adminContext.newPage());
  await admin.open(server.url);
  await admin.signIn(ADMIN.username, ADMIN.password);
  await admin.createOffice(OFFICE);
  await admin.addCounter('tanlap-quay-1', 'Quầy số 1');
  await admin.addCounter('tanlap-quay-2', 'Quầy số 2');
  const receiverPassword = await admin.createOfficer('hoa.quay1', 'Trần Thị Hoa', ROLE_LABELS.receiver!);
  await admin.createOfficer('truongbp', 'Vũ Thị Mai', ROLE_LABELS.supervisor!);
  const { code, expiresAt } = await admin.issueEnrolCode('tanlap-quay-1');
  expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());

  const counter = await Counter.open(browser, String(testInfo.project.use.baseURL));
  try {
    await counter.app.installOffline();
    await counter.firstRun.connect(server.url, code);
    await expect(counter.page.getByTestId('login')).toContainText(OFFICE.name);
    await counter.firstLogin('hoa.quay1', receiverPassword, OWN_PASSWORD, 'receiver');
    await counter.sync.expectInSync();

    await admin.revokeDeviceOf('tanlap-quay-1');
    // The counter's next exchange (a reconnect, as when the network returns) is refused.
    await counter.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(counter.sync.button).toHaveAttribute('data-errors', /sync\.error\.revoked/, {
      timeout: 60_000,
    });
    await counter.sync.openDrawer();
    await expect(
      counter.page.locator('[data-testid="sync-error"][data-key="sync.error.revoked"]'),
    ).toContainText('đã bị thu hồi');
  } finally {
    await counter.close();
  }

  const actions = await admin.auditActions();
  expect(actions.filter((a) => !a.startsWith('session.')).reverse()).toEqual([
    'admin.create',
    'office.create',
    'counter.create',
    'counter.create',
    'officer.create',
    'officer.create',
    'enrol_code.issue',
    'device.revoke',
  ]);
  await adminContext.close();
});
