import { defineConfig } from '@playwright/test';
import { SKIP_REASON, electronBinary } from './tests/electron/electron-binary';

// The list reporter prints "skipped" without the annotation: say why, plainly, once.
if (electronBinary() === null) console.log(`Electron smoke test will be skipped. ${SKIP_REASON}.`);

/**
 * The desktop smoke test (`npm run test:electron`): drives the real Electron app through Playwright's
 * _electron. Kept apart from the web end-to-end project (tests/e2e) because it needs the Electron
 * binary; where that is absent the test reports itself as skipped, with the reason.
 */
export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
