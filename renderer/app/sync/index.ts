/**
 * Sync panel and end-of-day sync for the counter app.
 *
 * ── How to mount (web mode and desktop) ─────────────────────────────────────────────────────────
 *   1. renderer/main.tsx — one host for the page, the panel in the app shell's sync slot:
 *
 *        import { createSyncHost, registerSyncI18n, SyncPanel } from './app/sync';
 *        export const syncHost = createSyncHost();
 *        await initI18n();
 *        registerSyncI18n(i18next);                      // i18next from './i18n'
 *        createRoot(root).render(
 *          <App openServices={openCounterServices} syncStatus={<SyncPanel host={syncHost} />} />,
 *        );
 *
 *      `App` passes `syncStatus` to `Shell`, which renders it in the header
 *      (`data-testid="sync-status-slot"`), inside SessionContext: the panel reads the signed-in
 *      role from it (supervisors get the end-of-day button, admins/supervisors the enrolment form).
 *
 *   2. renderer/app/wiring.ts, in openCounterServices(), once `repo` is open:
 *
 *        import { startCounterSync } from './sync';
 *        void startCounterSync(repo, syncHost);          // or pass syncHost in as a parameter
 *
 *      It starts replication with the credential saved in the replica (web-mode enrolment) or the
 *      one given as `{ connection }` (desktop: renderer/platform's provisioning status), and when
 *      there is none it lets the panel show the enrolment form (server address + one-time code).
 *
 *   Props: <SyncPanel host output? />            output = where the summary is printed/saved
 *          <EndOfDaySync client open onClose output? />   to mount the dialog from a menu instead;
 *                                                  client = useSyncHost(host).client
 *   Needs react-i18next initialised and antd's <App> (for messages) above it, as App.tsx has.
 */
export { createSyncHost, type SyncHost, type SyncHandle, type Enroller, type SyncHostState } from './host';
export {
  startCounterSync,
  SYNC_CONNECTION_SETTING,
  type SyncConnection,
  type StartCounterSyncOptions,
} from './connect';
export { SyncPanel, type SyncPanelProps } from './SyncPanel';
export { EndOfDaySync, type EndOfDaySyncProps } from './EndOfDaySync';
export { useSyncHost, useSyncState } from './hooks';
export { runEndOfDay, type EndOfDayReport, type EndOfDayProgress, type SummaryGroup } from './eod';
export { renderSummaryHtml, summaryFileName, type SummaryContext } from './summary';
export { webSummaryOutput, type SummaryOutput } from './output';
export { registerSyncI18n, syncResources } from './i18n';
