import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, demoOfficers } from '../../shared/demo';
import type { WireDocument } from '../../shared/sync/contract';
import { argon2, signingKeyOf, signingSeed } from '../../shared/officers';
import { vi } from '../../renderer/features/counters/texts';
import { CountersPage } from './pages/counters-page';
import { useSyncServer } from './support/server';
import { Counter } from './sync/pages/counter';

const startServer = useSyncServer();

/**
 * Issue 24, the office-scoped part in the counter app: the demo office's admin signs in on an
 * enrolled counter, opens "Quầy và máy" with their password, issues an enrolment code for counter 2;
 * a second PC enrols with it, the admin sees it in the list and revokes it, and that PC's next sync is
 * refused with the clear message.
 */
test('office admin on a counter: enrolment code for counter 2, the new PC listed, revoked', async ({
  browser,
}, testInfo) => {
  // Argon2 logins on two PCs and a real PostgreSQL, on a shared 2-core machine.
  test.setTimeout(600_000);
  const server = await startServer();
  // The province's record of the demo admin carries the public key of their password (as one set
  // through the console or the counter would): the server checks the page's signatures with it.
  const admin = demoOfficers().find((o) => o.roles.includes('admin'))!;
  const signingKey = signingKeyOf(await signingSeed(DEMO_PASSWORD, admin.verifier!, argon2));
  const seeded = await server.store.catalogue.upsertCatalogue(
    'officers',
    [{ ...admin, signingKey, updatedAt: new Date().toISOString(), _deleted: false } as WireDocument],
    'e2e-admin',
  );
  expect(seeded.rejected).toEqual([]);

  const baseURL = String(testInfo.project.use.baseURL);
  const first = await Counter.open(browser, baseURL);
  const second = await Counter.open(browser, baseURL);
  try {
    await first.setUp(server);
    await first.app.loginAs('admin');
    const counters = new CountersPage(first.page);
    await counters.open();
    await expect(first.page.getByTestId('counters-screen')).toContainText(vi.counters.online_only);
    await counters.unlock(DEMO_PASSWORD);
    await expect(counters.devicesOf('demo-counter-1')).toHaveCount(1);
    await expect(counters.devicesOf('demo-counter-2')).toHaveCount(0);

    const { code, expiresAt, expiresText } = await counters.issueCode('demo-counter-2');
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    expect(expiresText).toMatch(/^Hết hạn lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);

    // IT staff enrol a second PC with the code on its first-run screen.
    await second.app.installOffline();
    await second.firstRun.connect(server.url, code);
    await second.app.loginAs('supervisor');
    await second.sync.expectInSync();

    await counters.reload();
    await expect(counters.devicesOf('demo-counter-2')).toHaveAttribute('data-revoked', 'false');
    await counters.revokeActiveOf('demo-counter-2');
    await expect(first.page.getByText(/Đã thu hồi máy/)).toBeVisible({ timeout: 30_000 });
    await expect(counters.devicesOf('demo-counter-2')).toHaveAttribute('data-revoked', 'true', {
      timeout: 30_000,
    });

    // The revoked PC's next exchange (a reconnect, as when the network returns) is refused.
    await second.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(second.sync.button).toHaveAttribute('data-errors', /sync\.error\.revoked/, {
      timeout: 60_000,
    });
    await second.sync.openDrawer();
    await expect(
      second.page.locator('[data-testid="sync-error"][data-key="sync.error.revoked"]'),
    ).toContainText('đã bị thu hồi');

    // The province console's audit log holds both changes, by the office admin.
    const { rows } = await server.store.pool.query<{ action: string; actor: string }>(
      `SELECT action, actor FROM audit_log ORDER BY id`,
    );
    expect(rows).toEqual([
      { action: 'enrol_code.issue', actor: `officer:${admin.username}` },
      { action: 'device.revoke', actor: `officer:${admin.username}` },
    ]);
  } finally {
    await first.close();
    await second.close();
  }
});
