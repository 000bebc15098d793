/**
 * The counter's local replica (RxDB 17 on Dexie/IndexedDB) and its data services.
 *
 * ── Opening ─────────────────────────────────────────────────────────────────────────────────────
 *   import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
 *   const db = await createCounterDatabase({ name: 'motcua', storage: getRxStorageDexie(), key });
 *   const repo = await createCounterRepository(db, { deviceId });   // runs crash recovery first
 *   if (!(await repo.getOffice())) await seedDemoOffice(repo);        // renderer/demo
 *
 *   Two RxDB databases seen as one (CounterDatabase): the directory `<name>` (procedures, sectors,
 *   officers, offices, counters, settings) opens without a key — openDirectoryDatabase +
 *   createDirectoryRepository serve the login screen; the data `<name>-data` (dossiers,
 *   dossier_events, counts) opens with the database key — openDataDatabase(directory, { key }).
 *   10 of RxDB's 13 collections (the directory also holds `holidays`, pulled from the province). Applicant ID number / tax code / phone / email / address and event
 *   payloads are encrypted at rest (./field-cipher.ts, ./personal-data.ts); exact ID/phone
 *   lookups use a keyed blind index kept by the storage (./blind-index-storage.ts). A replica made
 *   before encryption is moved into the data database on open. Schemas are derived from
 *   shared/domain zod schemas (./schemas.ts). Dev-mode + ajv validation only in DEV builds.
 *
 * ── Reads (plain shared/domain objects, never RxDocuments) ──────────────────────────────────────
 *   repo.getDossier(id)                          → Dossier | null
 *   repo.listQueue({ status, limit?=50, after?, dueFrom?, dueBefore? })
 *                                                → { items: Dossier[]; next: QueueCursor | null }
 *       ascending by dueAt (then id); pass `next` back as `after` for the next page.
 *   repo.listStatuses(statuses, limit?)          → Dossier[]  (e.g. NEEDS_ROLE → "needs my action")
 *   repo.listOverdue(limit?) / repo.listDueSoon(limit?)   → Dossier[] (clock-running statuses)
 *   repo.listReceivedToday(limit?) / repo.listReceivedBetween(fromIso, toIso, limit?) → Dossier[]
 *   repo.countReceivedToday()                    → number
 *       (Vietnam-local day; the yearly register = listReceivedBetween(year start, next year start))
 *   repo.findByCode(code)                        → Dossier | null      (scanner input, any case)
 *   repo.searchByName(text, limit?=20)           → Dossier[]  diacritics/case-insensitive prefix of
 *       the full name ('nguyen van an' → 'Nguyễn Văn An') or of the given name ('an', 'an nguyen')
 *   repo.findByIdNumber(id) / repo.findByPhone(phone) → Dossier[]  exact whole value only (blind
 *       index; spaces, dots, +84 tolerated) — no prefix search on personal numbers
 *   repo.lookup(text)                            → Dossier[]  one search box: code | ID | phone | name
 *   repo.dossierWithEvents(id)                   → { dossier, events (by seq) } | null
 *   repo.eventsOf(dossierId)                     → DossierEvent[]
 *   repo.queueCounts()                           → QueueCounts { byStatus, overdue, dueSoon,
 *                                                  overdueTotal, dueSoonTotal, asOf, rebuilding }
 *   repo.onChange(listener)                      → unsubscribe  (any dossier change, local or sync)
 *   repo.reportRecords.ready(onProgress?) / .between({ start, end, judgedAt, receivedSince })
 *                                                → each dossier's report record, kept from the change
 *       streams, kept in a Dexie store beside the replica (./report-records.ts,
 *       ./report-records-store.ts; rebuilt once, with progress, when a replica has none);
 *       .holdDuring(task) holds their catch-up during bulk writes (the bootstrap), then catches up once
 *   repo.listHolidaySchedules() → the province's synced schedules; calendarSchedules(shipped, synced)
 *       → the calendar's schedules, a synced year replacing the shipped one (./holidays.ts)
 *   repo.listProcedures() / getProcedure(id) / listSectors() / listOfficers() /
 *   findOfficerByUsername(u) / getOffice() / getCounter() / getSetting(key) / setSetting(key, v)
 *
 * ── Writes ──────────────────────────────────────────────────────────────────────────────────────
 *   repo.applyStep(command, actor, atIso?)       → StepResult { ok, dossier, event } | { ok:false, error }
 *       command: a shared/workflow command (envelope dossierId + officeId; new dossiers use a fresh
 *       id, e.g. crypto.randomUUID()); actor: shared/workflow Actor (officer + actingRole, from
 *       renderer/auth session.actor()). Runs decide(), writes the event, then the dossier, then the
 *       counts — serialised, consistent after a crash (roll-forward recovery on open).
 *   repo.issueCode(receivedAtIso)                → string  dossier code; the allocator state
 *       (shared/codes) is saved in settings before the code is returned. Put it in the `receive` /
 *       `complete_intake` command. repo.initCodeState(state) sets the state (provisioning, demo).
 *
 * ── Lifecycle and sync ──────────────────────────────────────────────────────────────────────────
 *   repo.close() then db.close()   — waits for the counts to be saved.
 *   markRecoveryCheckpoint(db)     — after an import / first full pull: recovery need not walk it.
 *   The backup's dump of the replica (exportReplica / importReplica) is renderer/features/backup/storage.ts.
 *   Replicated writes to `dossiers` keep the counts right by themselves (change stream); a crash
 *   before the counts are saved is healed by a background recount on the next open.
 *
 * ── Other modules ───────────────────────────────────────────────────────────────────────────────
 *   renderer/auth: createVerifier, verifyPassword, login(repo, username, password), createSessionStore
 *   renderer/demo: seedDemoOffice(repo), DEMO_ACCOUNTS
 */
export {
  createCounterDatabase,
  openDirectoryDatabase,
  openDataDatabase,
  moveLegacyReplica,
  type CounterDatabase,
  type CounterCollections,
  type DirectoryDatabase,
  type DataDatabase,
} from './database';
export {
  createCounterRepository,
  type CounterRepository,
  type QueueCursor,
  type QueuePage,
  type StepResult,
} from './repository';
export {
  createDirectoryRepository,
  SETTING_KEYS,
  type DirectoryRepository,
  type RepositoryDeps,
} from './directory';
export { createSerialQueue } from './serial';
export { recover, markRecoveryCheckpoint } from './recovery';
export { vnDay, vnDayStartIso, CLOCK_STATUSES, DUE_TRACKED_STATUSES, type QueueCounts } from './counts';
export { toDossierDoc, fromDossierDoc, normalizePhone, normalizeIdNumber } from './dossier-doc';
export { normalizeName } from './search-text';
export { calendarSchedules, fromSyncedSchedule } from './holidays';
export type { DossierDoc, SettingDoc, CountsDoc } from './schemas';
export type { Replica } from './replica';
