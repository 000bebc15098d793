/**
 * The sync feature: replication of the counter's replica with the provincial server, its status
 * panel, the supervisor's end-of-day sync and the office's conflicts.
 *
 * Where it is mounted:
 *   - renderer/main.tsx renders `<SyncPanel host={syncHost} />` in the shell's sync slot
 *     (`data-testid="sync-status-slot"`), inside SessionContext: the panel reads the signed-in role
 *     from it (supervisors get the end-of-day sync, admins and supervisors the enrolment form). Its
 *     vi/en strings are added to the app's i18next on first render (registerSyncI18n).
 *   - renderer/app/wiring.ts calls `startCounterSync(repo, syncHost)` once the replica is open. It
 *     starts replication with, in order: the credential passed as `{ connection }`; on the desktop,
 *     the one from renderer/platform's provisioningStatus() (enrolled from the provisioning file); in
 *     web mode, the one saved in the replica by the first-run screen (renderer/features/setup) or
 *     the panel's enrolment form. With none, the panel shows that form (server address + one-time
 *     code from the province) to supervisors and a hint to ask for enrolment to everyone else.
 *   - renderer/features/setup's first-run screen enrols with enrolOffice (enrol-office.ts), which
 *     pulls the directory collections (directory-pull.ts) before the first login.
 *
 * Components:
 *   <SyncPanel host={SyncHost} output?={SummaryOutput} />
 *       header button + details drawer; includes the end-of-day dialog and the office's conflicts
 *       (ConflictList) for supervisors.
 *   <EndOfDaySync client={SyncHandle | null} open={boolean} onClose={() => void} output? />
 *       the dialog alone, to open it from a menu: client = useSyncHost(syncHost).client.
 *   output: where the summary is printed/saved; default platformSummaryOutput (renderer/platform:
 *       the desktop printer and save dialog, or the browser's print dialog and a download). Both
 *       need antd's <App> and react-i18next above them, as App.tsx provides.
 *
 * The replication client (client.ts and the modules it composes) has no UI: code that needs only
 * the client (tests, benchmarks) may import client.ts itself and leave the screens out.
 */
export {
  createSyncHost,
  syncHost,
  type SyncHost,
  type SyncHandle,
  type Enroller,
  type SyncHostState,
} from './host';
export {
  startCounterSync,
  SYNC_CONNECTION_SETTING,
  type SyncConnection,
  type StartCounterSyncOptions,
} from './connect';
export {
  enrolOffice,
  finishEnrolment,
  pendingEnrolment,
  provisionedEnrolment,
  directoryReady,
  EnrolmentError,
  connectInputSchema,
  PENDING_ENROLMENT_SETTING,
  type ConnectInput,
  type EnrolFailure,
  type PendingEnrolment,
} from './enrol-office';
export {
  pullDirectory,
  emptyDirectoryProgress,
  DIRECTORY_COLLECTIONS,
  type DirectoryProgress,
  type DirectoryCollection,
} from './directory-pull';
export { SyncPanel, type SyncPanelProps } from './SyncPanel';
export { BootstrapProgressBar } from './BootstrapProgress';
export { LocalHistoryNote } from './LocalHistoryNote';
export {
  bootstrapStatus,
  localHistoryStatus,
  planBootstrap,
  type LocalHistory,
  type PlannedBootstrap,
} from './bootstrap-counter';
export { BOOTSTRAP_SETTING, type BootstrapProgress, type BootstrapRecord } from './bootstrap';
export { EndOfDaySync, type EndOfDaySyncProps } from './EndOfDaySync';
export { useSyncHost, useSyncState } from './hooks';
export { runEndOfDay, type EndOfDayReport, type EndOfDayProgress, type SummaryGroup } from './eod';
export { renderSummaryHtml, summaryFileName, type SummaryContext } from './summary';
export { platformSummaryOutput, type SummaryOutput } from './output';
export { registerSyncI18n, useSyncTranslation, syncResources } from './i18n';
export {
  SyncClient,
  startSync,
  enrolDevice,
  type SyncClientOptions,
  type SyncState,
  type RejectedEntry,
  type EndOfDaySummary,
} from './client';
export { encodeNdjson, readBody, GZIP_ABOVE_BYTES } from './wire';
