import { expect, test } from '@playwright/test';
import { adminCreateCli } from '../support/admin-api';
import { catalogueWorkbook, type CatalogueRow } from '../support/catalogue-workbook';
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

const ALL_STEPS = 'tiếp nhận, thẩm định, phê duyệt, đóng dấu, trả kết quả';
/** The province's workbook: two new sectors, three procedures, and row 5 with a wrong time unit. */
const GOOD_ROWS: CatalogueRow[] = [
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    sectorCode: 'HT',
    sectorName: 'Hộ tịch',
    legalTimeValue: 1,
    legalTimeUnit: 'ngày làm việc',
    documents: 'Tờ khai đăng ký khai sinh | bản chính | 1 | bắt buộc\nGiấy chứng sinh | bản chính',
    onSiteSteps: ALL_STEPS,
    leadAgency: 'UBND cấp xã',
  },
  {
    code: '2.000488',
    name: 'Đăng ký kết hôn',
    sectorCode: 'HT',
    sectorName: 'Hộ tịch',
    legalTimeValue: 3,
    legalTimeUnit: 'ngày làm việc',
    documents: 'Tờ khai đăng ký kết hôn | bản chính | 1 | bắt buộc',
    onSiteSteps: ALL_STEPS,
  },
  {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính',
    sectorCode: 'CT',
    sectorName: 'Chứng thực',
    legalTimeUnit: 'giải quyết ngay',
    fees: 'Phí chứng thực: 2.000',
    documents: 'Bản chính giấy tờ cần chứng thực | bản chính',
    onSiteSteps: 'tiếp nhận, đóng dấu, trả kết quả',
  },
];
const BAD_ROW: CatalogueRow = {
  code: '1.000656',
  name: 'Đăng ký khai tử',
  sectorCode: 'HT',
  sectorName: 'Hộ tịch',
  legalTimeValue: 2,
  legalTimeUnit: 'tuần',
  onSiteSteps: ALL_STEPS,
};

let server: SyncServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/** The second weekday after 2 January of `year`: within the holiday page's example due date. */
function januaryWeekday(year: number): string {
  let found = 0;
  for (let day = 3; ; day++) {
    const date = new Date(Date.UTC(year, 0, day));
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6 && ++found === 2)
      return date.toISOString().slice(0, 10);
  }
}

/**
 * Issue 24's console: the first province admin, made with the CLI, signs in at the server's
 * /console/, imports the procedure catalogue from a workbook (its bad row reported and not written),
 * adds a day off to this year's holidays, creates an office serving the imported sectors with two
 * counters and two officers (one-time passwords) and issues an enrolment code; a new counter PC enrols with it and the officer replaces the one-time password;
 * the admin revokes the PC, whose next sync is refused with a clear message; the audit log lists
 * every change.
 */
test('province console: catalogue import, holidays, office, counters, officers, enrolment, revocation, audit', async ({
  browser,
}, testInfo) => {
  test.setTimeout(10 * 60_000);
  server = await startSyncServer({ demo: false });
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
  await admin.importCatalogue(
    { name: 'danh-muc-thu-tuc.xlsx', buffer: await catalogueWorkbook([...GOOD_ROWS, BAD_ROW]) },
    {
      added: GOOD_ROWS.length,
      refused: [{ row: 5, reason: 'Cột "Thời hạn giải quyết": đơn vị thời hạn "tuần" không hợp lệ' }],
    },
  );
  for (const p of GOOD_ROWS) await expect(admin.catalogueRow(String(p.code))).toContainText(String(p.name));
  await expect(admin.catalogueRow(String(BAD_ROW.code))).toHaveCount(0);
  await admin.addDayOff(januaryWeekday(new Date().getFullYear()), 'Nghỉ theo quyết định của tỉnh');
  await admin.createOffice({ ...OFFICE, sectorNames: ['Hộ tịch', 'Chứng thực'] });
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
    'catalogue.sector.add',
    'catalogue.sector.add',
    ...GOOD_ROWS.map(() => 'catalogue.procedure.add'),
    'holidays.save',
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
