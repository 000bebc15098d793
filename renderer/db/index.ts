/**
 * The counter's local replica (RxDB 17 on Dexie/IndexedDB) and its data services.
 *
 * ── Opening ─────────────────────────────────────────────────────────────────────────────────────
 *   import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
 *   const db = await createCounterDatabase({ name: 'motcua', storage: getRxStorageDexie() });
 *   const repo = await createCounterRepository(db, { deviceId });   // runs crash recovery first
 *   if (!(await repo.getOffice())) await seedDemoOffice(repo);        // renderer/demo
 *
 *   Collections (9 of RxDB's 13): dossiers, dossier_events, procedures, sectors, officers, offices,
 *   counters, settings (key-value), counts (maintained queue counts). Schemas are derived from
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
 *   repo.findByIdNumber(id) / repo.findByPhone(phone) → Dossier[]  (spaces, dots, +84 tolerated)
 *   repo.lookup(text)                            → Dossier[]  one search box: code | ID | phone | name
 *   repo.dossierWithEvents(id)                   → { dossier, events (by seq) } | null
 *   repo.eventsOf(dossierId)                     → DossierEvent[]
 *   repo.queueCounts()                           → QueueCounts { byStatus, overdue, dueSoon,
 *                                                  overdueTotal, dueSoonTotal, asOf, rebuilding }
 *   repo.onChange(listener)                      → unsubscribe  (any dossier change, local or sync)
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
 * ── Lifecycle and sync (H4) ─────────────────────────────────────────────────────────────────────
 *   repo.close() then db.close()   — waits for the counts to be saved.
 *   markRecoveryCheckpoint(db)     — after an import / first full pull: recovery need not walk it.
 *   Replicated writes to `dossiers` keep the counts right by themselves (change stream); a crash
 *   before the counts are saved is healed by a background recount on the next open.
 *
 * ── Other modules ───────────────────────────────────────────────────────────────────────────────
 *   renderer/auth: createVerifier, verifyPassword, login(repo, username, password), createSessionStore
 *   renderer/demo: seedDemoOffice(repo), DEMO_ACCOUNTS
 */
export { createCounterDatabase, type CounterDatabase, type CounterCollections } from './database';
export {
  createCounterRepository,
  recover,
  markRecoveryCheckpoint,
  SETTING_KEYS,
  type CounterRepository,
  type QueueCursor,
  type QueuePage,
  type RepositoryDeps,
  type StepResult,
} from './repository';
export { vnDay, vnDayStartIso, CLOCK_STATUSES, DUE_TRACKED_STATUSES, type QueueCounts } from './counts';
export { toDossierDoc, fromDossierDoc, normalizePhone, normalizeIdNumber } from './dossier-doc';
export { normalizeName } from './search-text';
export type { DossierDoc, SettingDoc, CountsDoc } from './schemas';
