import { expect, test } from '@playwright/test';
import { APPLICANT_AN, type ApplicantInput } from '../pages/receive-page';
import { useSyncServer } from '../support/server';
import { Counter } from './pages/counter';

const AN = APPLICANT_AN;
const BINH: ApplicantInput = {
  fullName: 'Trần Thị Bình',
  idNumber: '034 185 002 468',
  phone: '0987 654 321',
  address: 'Thôn Đông, xã Vũ Hội, Vũ Thư',
};

const startServer = useSyncServer();

/**
 * Issue 4's end-to-end check: two counters of one office work offline, come back, and the
 * supervisor's end-of-day sync on each sends its own dossier (with its events), brings the other's,
 * and says so in the summary, with no conflict, nothing refused and nothing left pending.
 */
test('two counters of one office: offline work on both, reconnect, end-of-day sync, each sees the other', async ({
  browser,
}, testInfo) => {
  // Generous: three argon2 logins per counter and a real PostgreSQL, on a 2-core machine.
  test.setTimeout(600_000);
  const server = await startServer();
  const baseURL = String(testInfo.project.use.baseURL);
  const a = await Counter.open(browser, baseURL);
  const b = await Counter.open(browser, baseURL);
  try {
    // Two PCs, so the two set-ups run side by side.
    await Promise.all([a.setUp(server), b.setUp(server)]);

    // The link drops on both; each counter keeps receiving citizens.
    await a.offline();
    await b.offline();
    // Connections already open (the live stream) die with the link too.
    server.cutConnections();
    for (const c of [a, b]) await expect(c.sync.button).toHaveAttribute('data-online', 'false');
    const [fromA, fromB] = await Promise.all([a.receiveDossier(AN), b.receiveDossier(BINH)]);
    for (const c of [a, b]) expect(await c.sync.pending()).toBeGreaterThan(0);

    // Counter B: the supervisor starts the end-of-day sync, the link comes back, it completes.
    await b.app.loginAs('supervisor');
    await b.sync.startEndOfDay();
    await b.online();
    const summaryB = await b.sync.endOfDaySummary();
    expect(summaryB).toMatchObject({
      complete: true,
      dossiersSent: 1,
      eventsSent: fromB.events,
      sent: 1 + fromB.events,
      dossiersReceived: 0,
      eventsReceived: 0,
      conflicts: 0,
      rejected: 0,
      pending: 0,
    });
    await b.sync.closeEndOfDay();

    // Counter A the same way: it sends its own and receives B's.
    await a.app.loginAs('supervisor');
    await a.sync.startEndOfDay();
    await a.online();
    const summaryA = await a.sync.endOfDaySummary();
    expect(summaryA).toMatchObject({
      complete: true,
      dossiersSent: 1,
      eventsSent: fromA.events,
      sent: 1 + fromA.events,
      dossiersReceived: 1,
      eventsReceived: fromB.events,
      conflicts: 0,
      rejected: 0,
      pending: 0,
    });
    await expect(a.page.getByTestId('eod-summary')).toContainText('Đã đồng bộ xong');

    // The summary goes to the printer (A4) and to a file that says the same.
    await a.sync.printSummary();
    const saved = await a.sync.saveSummary();
    expect(saved.name).toMatch(/^bien-ban-dong-bo-\d{4}-\d{2}-\d{2}-\d{4}\.html$/);
    expect(saved.text).toContain('BIÊN BẢN ĐỒNG BỘ DỮ LIỆU CUỐI NGÀY');
    expect(saved.text).toContain(`data-testid="sum-sent">${1 + fromA.events}<`);
    expect(saved.text).toContain(`data-testid="sum-pending">0<`);

    // Each counter sees the other's dossier (B gets A's through live replication).
    await a.sync.closeEndOfDay();
    await a.expectSees(fromB.id, BINH.fullName);
    await b.expectSees(fromA.id, AN.fullName);
    await a.sync.expectInSync();
    await b.sync.expectInSync();
  } finally {
    await a.close();
    await b.close();
  }
});
