import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/support/chromium';

/** Browser tests drive Debian's Chromium (never a downloaded browser) against web mode. */
export const chromiumPath = CHROMIUM_PATH;
const port = Number(process.env.E2E_PORT ?? 4873);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // On CI a failed test runs once more; the report then lists it as flaky (and .ci/run prints the
  // failed attempt's page snapshot), so a rare failure is seen without blocking the run.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `node scripts/serve-web.mjs --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    // The bundle under test carries the crash test's fault switch (renderer/app/replica.ts).
    env: { VITE_E2E_FAULTS: '1' },
    timeout: 180_000,
  },
});
