import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Dossier, DossierEvent, Office, Procedure, Role } from '../../shared/domain';
import {
  createWorkCalendar,
  SHIPPED_SCHEDULES,
  toLocalDate,
  type HolidaySchedule,
  type WorkCalendar,
} from '../../shared/calendar';
import { counterCodeStateSchema, markRestored, reconcile } from '../../shared/codes';
import { availableCommands, NEEDS_ROLE, isFinalStatus, type WorkflowError } from '../../shared/workflow';
import { createSealPayload, generateDeviceKeyPair } from '../../shared/verification';
import { bytesToBase64url, base64urlToBytes } from '../../shared/verification/base64url';
import {
  calendarSchedules,
  createCounterRepository,
  createDirectoryRepository,
  openDataDatabase,
  openDirectoryDatabase,
  SETTING_KEYS,
  vnDayStartIso,
  type CounterDatabase,
  type CounterRepository,
  type DirectoryRepository,
  exportReplica,
  importReplica,
  ReplicaImportError,
  type ReplicaDump,
} from '../db';
import { createDataKeyring, createSessionStore, login as verifyLogin } from '../auth';
import { DEMO_ACCOUNTS, demoOfficers, seedDemoOffice } from '../demo';
import {
  BackupError,
  DataKeyError,
  getPlatform,
  openBackup,
  readBackupMetadata,
  sealBackup,
  type DataKeyWrap,
  type OfficerLogin,
} from '../platform';
import { renderForm, type FormDataMap } from '../print';
import { i18next } from '../i18n';
import { printHtml } from './printing';
import { vietnamParts } from './format';
import { startCounterSync, syncHost } from '../features/sync';
import { lockDelayMs } from './useActivity';
import {
  BACKUP_ROLES,
  BackupRefused,
  type BackupRestoreResult,
  type BackupServices,
  type CounterServices,
  type DemoAccount,
  type FormKind,
  type IntakeInput,
  type QueueKind,
  type Session,
  type StepCommand,
} from './services';

const DB_NAME = 'motcua';
/** The device's result-seal key (web mode keeps it in the replica; the desktop shell keeps its own). */
const SEAL_KEY_SETTING = 'app.sealKey';
/** Fault injection for the end-to-end crash test (see tests/e2e/crash.spec.ts): stall dossier writes. */
const STALL_FLAG = 'motcua.e2e.stallDossierWrite';

/** The desktop's getDatabaseKey ignores the login (the key is the OS account's, not an officer's). */
const NO_LOGIN: OfficerLogin = { officeId: '', username: '', password: '' };

class StepFailed extends Error {
  constructor(readonly error: WorkflowError) {
    super(i18next.t(error.code, { defaultValue: error.message }));
  }
}

function lastEvent(events: DossierEvent[], types: string[]): DossierEvent | undefined {
  return [...events].reverse().find((e) => types.includes(e.type));
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Test hooks: mark every event written, and optionally never finish the dossier write after it.
 * Only in bundles built for the end-to-end tests (VITE_E2E_FAULTS=1, set by playwright.config.ts):
 * a shipped app has no switch that stops it recording dossiers.
 */
function installFaultInjection(repo: CounterRepository): void {
  if (import.meta.env.VITE_E2E_FAULTS !== '1') return;
  let stall = false;
  try {
    stall = localStorage.getItem(STALL_FLAG) === '1';
  } catch {
    return;
  }
  if (!stall) return;
  let written = 0;
  repo.db.dossier_events.postInsert(() => {
    written += 1;
    document.body.dataset.eventsWritten = String(written);
  }, false);
  const never = () => new Promise<void>(() => undefined);
  repo.db.dossiers.preSave(never, false);
  repo.db.dossiers.preInsert(never, false);
}

async function sealKey(repo: DirectoryRepository): Promise<{ secretKey: Uint8Array; keyId: string }> {
  const stored = await repo.getSetting<{ secretKey: string; keyId: string }>(SEAL_KEY_SETTING);
  if (stored) return { secretKey: base64urlToBytes(stored.secretKey), keyId: stored.keyId };
  const pair = generateDeviceKeyPair();
  await repo.setSetting(SEAL_KEY_SETTING, { secretKey: bytesToBase64url(pair.secretKey), keyId: pair.keyId });
  return { secretKey: pair.secretKey, keyId: pair.keyId };
}

/** Where web mode keeps the officers' wraps of the data key (directory settings; sealed, see auth). */
const DATA_KEY_WRAPS_SETTING = 'crypto.dataKeyWraps';

/** A login that cannot open the encrypted replica: the message is already translated. */
class DataLocked extends Error {}

function isWrongKey(error: unknown): boolean {
  // RxDB keeps a hash of the key: DB1 means this replica was made under another key.
  return (error as { code?: unknown } | null)?.code === 'DB1';
}

/** `motcua-<agency code>-<counter>-<yyyy-mm-dd-hhmm>.mcbak`, the time in Vietnam time. */
export function backupFileName(agencyCode: string, counterId: string, now: Date): string {
  const p = vietnamParts(now.toISOString()) ?? {};
  const safe = (text: string) => text.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
  const stamp = `${p.year}-${p.month}-${p.day}-${p.hour}${p.minute}`;
  return `motcua-${safe(agencyCode)}-${safe(counterId)}-${stamp}.mcbak`;
}

/**
 * Whether every office-bound document of a backup belongs to `officeId`: a backup of another
 * office would bring its officers and dossiers into this counter, so it is refused as a whole.
 */
function dumpOfOffice(dump: ReplicaDump, officeId: string): boolean {
  const c = dump.collections;
  const own = (docs: Record<string, unknown>[] | undefined, field: string) =>
    (docs ?? []).every((doc) => doc[field] === officeId);
  const identity = (c.settings ?? []).find((doc) => doc.id === SETTING_KEYS.counterIdentity);
  const identityOffice = (identity?.value as { officeId?: unknown } | undefined)?.officeId;
  return (
    own(c.offices, 'id') &&
    own(c.counters, 'officeId') &&
    own(c.officers, 'officeId') &&
    own(c.dossiers, 'officeId') &&
    own(c.dossier_events, 'officeId') &&
    (identityOffice === undefined || identityOffice === officeId)
  );
}

function refusalOf(error: unknown): BackupRefused | null {
  if (error instanceof BackupRefused) return error;
  if (error instanceof BackupError) {
    if (error.code === 'wrong_passphrase_or_damaged') return new BackupRefused('wrong_passphrase');
    if (error.code === 'unsupported_version') return new BackupRefused('unsupported_version');
    if (error.code === 'not_a_backup') return new BackupRefused('not_a_backup');
  }
  if (error instanceof ReplicaImportError || error instanceof SyntaxError)
    return new BackupRefused('not_a_backup');
  return null;
}

/**
 * Opens the local replica and wires it, the calendar, the workflow and printing for the UI.
 *
 * The replica has two parts (renderer/db): the directory (officers, catalogue, settings) opens at
 * once, for the login screen; the dossiers, their events and counts are encrypted and open with the
 * database key. The desktop gets that key from the OS keychain at start; web mode unwraps it at the
 * first login with that officer's password (renderer/auth/data-key.ts) and keeps it in memory.
 */
export async function openCounterServices(): Promise<CounterServices> {
  const platform = getPlatform();
  const storage = getRxStorageDexie();
  const directoryDb = await openDirectoryDatabase({ name: DB_NAME, storage });
  const directory = createDirectoryRepository(directoryDb);
  let repo: CounterRepository | null = null;
  const changeListeners = new Set<() => void>();
  const detachers = new Map<() => void, () => void>();

  async function openData(key: string): Promise<void> {
    if (repo) return;
    let db: CounterDatabase;
    try {
      db = await openDataDatabase(directoryDb, { storage, key });
    } catch (error) {
      if (isWrongKey(error)) throw new DataLocked(i18next.t('auth.data_key_mismatch'));
      throw error;
    }
    const opened = await createCounterRepository(db);
    repo = opened;
    installFaultInjection(opened);
    // Replication runs beside the counter's work, never in its way: a failure to start is logged only.
    startCounterSync(opened, syncHost).catch((error: unknown) => console.warn('sync not started', error));
    (window as unknown as { __motcuaRecovered?: number }).__motcuaRecovered = opened.recovered;
    document.body.dataset.recovered = String(opened.recovered);
    for (const listener of changeListeners) detachers.set(listener, opened.onChange(listener));
  }

  const keyring = createDataKeyring({
    load: async () =>
      (await directory.getSetting<{ wraps: DataKeyWrap[] }>(DATA_KEY_WRAPS_SETTING))?.wraps ?? [],
    save: (wraps) => directory.setSetting(DATA_KEY_WRAPS_SETTING, { wraps }),
  });
  // The desktop's key does not depend on who logs in (safeStorage keeps it for the OS account).
  if (platform.kind === 'desktop') await openData(await platform.getDatabaseKey(NO_LOGIN));

  /** The full repository: open from the start on the desktop, after the first login on the web. */
  const need = (): CounterRepository => {
    if (!repo) throw new DataLocked(i18next.t('auth.data_locked'));
    return repo;
  };

  // The shipped (or provisioned) schedules, overridden year by year by the province's synced ones;
  // rebuilt whenever a schedule arrives or changes.
  let calendar: WorkCalendar = createWorkCalendar();
  const loadCalendar = async () => {
    const saved = await directory.getSetting<HolidaySchedule[]>(SETTING_KEYS.holidaySchedules);
    const synced = await directory.listHolidaySchedules();
    const schedules = calendarSchedules(
      saved && saved.length > 0 ? saved : SHIPPED_SCHEDULES,
      synced,
      (doc, issues) => console.warn(`holiday schedule ${doc.id} left out: ${issues}`),
    );
    calendar = createWorkCalendar({ schedules });
  };
  await loadCalendar();
  directoryDb.holidays.$.subscribe(() => {
    loadCalendar().catch((error: unknown) => console.error('calendar not rebuilt', error));
  });
  let counterId = (await directory.getCounter())?.id ?? '';
  let provisioning: string | null = await directory.getSetting<string>(SETTING_KEYS.provisioning);

  const mineStatuses = (role: Role) =>
    (Object.keys(NEEDS_ROLE) as Dossier['status'][]).filter((s) => NEEDS_ROLE[s].includes(role));

  const sessions = createSessionStore({ lockAfterMs: lockDelayMs() });

  async function apply(command: Record<string, unknown> & { dossierId: string }, session: Session) {
    // The store's actor: a locked or signed-out session cannot act, whatever the screen shows.
    const result = await need().applyStep({ ...command, officeId: session.office.id }, sessions.actor());
    if (!result.ok) throw new StepFailed(result.error);
    return result.dossier;
  }

  async function printData(
    form: FormKind,
    dossier: Dossier | null,
    session: Session,
    extra: Record<string, unknown>,
  ) {
    const office = session.office;
    const signer = { fullName: session.officer.fullName, title: session.officer.title };
    if (form === '06') {
      const year = Number(extra.year ?? new Date().getFullYear());
      const rows = await services.register(year);
      const data: FormDataMap['06'] = {
        office,
        year,
        entries: rows.map((d) => ({ dossier: d, leadAgency: office.name })),
      };
      return data;
    }
    if (!dossier) throw new Error('dossier required');
    const events = await need().eventsOf(dossier.id);
    const procedure = await directory.getProcedure(dossier.procedureId);
    switch (form) {
      case '01':
        return {
          office,
          dossier,
          procedure,
          receiver: {
            fullName:
              lastEvent(events, ['receive', 'complete_intake'])?.actorName ?? session.officer.fullName,
          },
        } satisfies FormDataMap['01'];
      case '02': {
        const e = lastEvent(events, ['request_supplement', 'record_incomplete']);
        const payload = e?.payload ?? {};
        const list = (
          Array.isArray(payload.documents) && e?.type === 'request_supplement'
            ? payload.documents
            : payload.missingDocuments
        ) as { name: string; reason?: string; note?: string }[] | undefined;
        return {
          office,
          dossier,
          officer: { fullName: e?.actorName ?? signer.fullName },
          items: (list ?? []).map((i) => ({ name: i.name, requirement: i.reason ?? i.note ?? '' })),
          reason:
            str(payload.reason) ||
            str(payload.notes) ||
            (list ?? [])
              .map((i) => i.reason ?? '')
              .filter(Boolean)
              .join('; '),
        } satisfies FormDataMap['02'];
      }
      case '03': {
        const e = lastEvent(events, ['refuse_intake', 'refuse']);
        return {
          office,
          dossier,
          officer: { fullName: e?.actorName ?? signer.fullName },
          reason: str(e?.payload.reason),
        } satisfies FormDataMap['03'];
      }
      case '04': {
        const e = lastEvent(events, ['apologize_extend']);
        return {
          office,
          dossier,
          reason: str(e?.payload.reason),
          newDueAt: str(e?.payload.newDueAt) || dossier.dueAt,
          head: { fullName: e?.actorName ?? signer.fullName },
        } satisfies FormDataMap['04'];
      }
      case '05':
        return { office, dossier, events, procedure } satisfies FormDataMap['05'];
      case 'result': {
        if (!dossier.result) throw new Error('no result');
        const key = await sealKey(directory);
        const sealPayload = createSealPayload(
          {
            code: dossier.code,
            officeAgencyCode: office.agencyCode,
            issuedAt: dossier.result.date,
            resultNumber: dossier.result.number,
          },
          key.secretKey,
          key.keyId,
        );
        const e = lastEvent(events, ['seal']);
        return {
          office,
          dossier,
          sealPayload,
          officer: { fullName: e?.actorName ?? signer.fullName },
        } satisfies FormDataMap['result'];
      }
    }
    throw new Error(`unknown form ${String(form)}`);
  }

  /** The store's session, not the screen's: a locked or signed-out session cannot back up or restore. */
  const backupAllowed = (session: Session) => {
    const state = sessions.get();
    return (
      state.status === 'active' &&
      state.officer.id === session.officer.id &&
      state.office.id === session.office.id &&
      BACKUP_ROLES.includes(state.role)
    );
  };

  /**
   * shared/codes/allocator.ts: a restore through the app moves the code cursors past every restored
   * number (reconcile) and marks the state restored (new epoch, leases dropped, offline range closed
   * through today), since receipts printed after the backup was made are unknown here.
   */
  async function codesAfterRestore(dump: ReplicaDump): Promise<void> {
    const saved = await need().getSetting<unknown>(SETTING_KEYS.codeState);
    const parsed = counterCodeStateSchema.safeParse(saved);
    if (!parsed.success) return;
    const nowIso = new Date().toISOString();
    const codes = (dump.collections.dossiers ?? []).map((d) => str(d.code));
    const reconciled = reconcile(parsed.data, codes, nowIso);
    // reconcile may already have marked it restored (own numbers seen); a second epoch is harmless.
    await need().initCodeState(markRestored(reconciled, nowIso, crypto.randomUUID()));
  }

  const backup: BackupServices = {
    async export(passphrase, session, onProgress) {
      // The file holds every applicant's personal data: only the supervisor and IT staff make one.
      if (!backupAllowed(session)) throw new BackupRefused('role_not_allowed');
      onProgress({ stage: 'reading' });
      const now = new Date();
      const dump = await exportReplica(need().db, now);
      const counts = Object.fromEntries(
        Object.entries(dump.collections).map(([name, docs]) => [name, docs.length]),
      );
      const dossiers = counts.dossiers ?? 0;
      const events = counts.dossier_events ?? 0;
      onProgress({ stage: 'sealing', dossiers, events });
      const data = await sealBackup(dump, passphrase, {
        createdAt: dump.exportedAt,
        appVersion: (await platform.appInfo()).version,
        officeId: session.office.id,
        counterId: session.counterId,
        counts,
      });
      onProgress({ stage: 'saving', dossiers, events });
      const fileName = backupFileName(session.office.agencyCode, session.counterId, now);
      const save = await platform.exportBackup({ data, suggestedName: fileName });
      // Counts only: the log never holds personal data.
      platform.log('info', 'backup exported', { dossiers, events, bytes: data.byteLength });
      return { fileName, save, dossiers, events };
    },
    async pick() {
      const picked = await platform.importBackup();
      if (!picked.opened) return null;
      try {
        return { fileName: picked.fileName, bytes: picked.data, metadata: readBackupMetadata(picked.data) };
      } catch (error) {
        throw refusalOf(error) ?? error;
      }
    },
    async open(file, passphrase, session) {
      if (!backupAllowed(session)) throw new BackupRefused('role_not_allowed');
      const officeId = session.office.id;
      if (file.metadata.officeId !== undefined && file.metadata.officeId !== officeId)
        throw new BackupRefused('other_office');
      let dump: ReplicaDump;
      try {
        const opened = await openBackup(file.bytes, passphrase);
        dump = opened.data as ReplicaDump;
      } catch (error) {
        throw refusalOf(error) ?? error;
      }
      if (
        !dump ||
        dump.format !== 'motcua-replica' ||
        typeof dump.collections !== 'object' ||
        Object.values(dump.collections).some((docs) => !Array.isArray(docs))
      )
        throw new BackupRefused('not_a_backup');
      if (!dumpOfOffice(dump, officeId)) throw new BackupRefused('other_office');
      return {
        dossiers: dump.collections.dossiers?.length ?? 0,
        events: dump.collections.dossier_events?.length ?? 0,
        data: dump,
      };
    },
    async restore(opened, session, onProgress) {
      if (!backupAllowed(session)) throw new BackupRefused('role_not_allowed');
      const dump = opened.data as ReplicaDump;
      if (!dumpOfOffice(dump, session.office.id)) throw new BackupRefused('other_office');
      onProgress({ stage: 'writing', dossiers: opened.dossiers, events: opened.events });
      let written: Record<string, number>;
      try {
        written = await importReplica(need().db, dump);
      } catch (error) {
        throw refusalOf(error) ?? error;
      }
      await codesAfterRestore(dump);
      const others = Object.keys(dump.collections).filter(
        (name) => name !== 'dossiers' && name !== 'dossier_events',
      ) as (keyof ReplicaDump['collections'])[];
      const result: BackupRestoreResult = {
        dossiers: { inFile: opened.dossiers, added: written.dossiers ?? 0 },
        events: { inFile: opened.events, added: written.dossier_events ?? 0 },
        other: {
          inFile: others.reduce((sum, name) => sum + (dump.collections[name]?.length ?? 0), 0),
          added: others.reduce((sum, name) => sum + (written[name] ?? 0), 0),
        },
      };
      platform.log('info', 'backup restored', {
        dossiersAdded: result.dossiers.added,
        eventsAdded: result.events.added,
      });
      return result;
    },
    async counterName(id) {
      const counter = await directory.getCounter();
      return counter && counter.id === id ? counter.name : null;
    },
  };

  const services: CounterServices = {
    loadOffice: () => directory.getOffice(),
    async seedDemo(): Promise<Office> {
      // First run in web mode: the demo office's key is made now and wrapped for each demo officer.
      if (!repo) {
        const passwords = new Map(DEMO_ACCOUNTS.map((a) => [a.username, a.password]));
        const accounts = demoOfficers().map((officer) => ({
          officer,
          password: passwords.get(officer.username) ?? '',
        }));
        await keyring.create(accounts, openData);
      }
      await seedDemoOffice(need());
      await loadCalendar();
      counterId = (await directory.getCounter())?.id ?? '';
      provisioning = await directory.getSetting<string>(SETTING_KEYS.provisioning);
      const office = await directory.getOffice();
      if (!office) throw new Error('demo office missing');
      return office;
    },
    demoAccounts: (): DemoAccount[] =>
      provisioning === 'demo'
        ? DEMO_ACCOUNTS.map((a) => ({
            username: a.username,
            password: a.password,
            roles: [...a.roles],
            fullName: a.fullName,
          }))
        : [],
    async login(username, password) {
      const result = await verifyLogin(directory, username, password);
      if (!result.ok) return null;
      if (platform.kind === 'web') {
        try {
          await keyring.unlock(result.officer, password, openData);
        } catch (error) {
          if (error instanceof DataKeyError)
            throw new DataLocked(
              i18next.t(error.code === 'no_wrap' ? 'auth.data_key_no_wrap' : 'auth.data_key_stale'),
            );
          throw error;
        }
      }
      return result.officer;
    },
    sessions,
    counterId: () => counterId,

    listProcedures: async () =>
      (await directory.listProcedures()).filter((p) => p.active).sort((a, b) => a.code.localeCompare(b.code)),
    getProcedure: (id) => directory.getProcedure(id),
    async queueCounts(session) {
      const [counts, today] = await Promise.all([need().queueCounts(), need().countReceivedToday()]);
      return {
        today,
        mine: mineStatuses(session.role).reduce((sum, s) => sum + (counts.byStatus[s] ?? 0), 0),
        due_soon: counts.dueSoonTotal,
        overdue: counts.overdueTotal,
      };
    },
    async listQueue(kind: QueueKind, session) {
      switch (kind) {
        case 'today':
          return (await need().listReceivedToday(200)).reverse();
        case 'mine':
          return need().listStatuses(mineStatuses(session.role), 100);
        case 'due_soon':
          return need().listDueSoon(100);
        case 'overdue':
          return need().listOverdue(100);
      }
    },
    findByCode: (code) => need().findByCode(code),
    search: (text) => need().lookup(text, 50),
    getDossier: (id) => need().getDossier(id),
    listEvents: (id) => need().eventsOf(id),
    async register(year) {
      const rows = await need().listReceivedBetween(
        vnDayStartIso(`${year}-01-01`),
        vnDayStartIso(`${year + 1}-01-01`),
        100_000,
      );
      return rows.filter((d) => d.code !== '');
    },
    onChange(listener) {
      // Screens may subscribe before web mode's data is open: attach when it opens.
      changeListeners.add(listener);
      if (repo) detachers.set(listener, repo.onChange(listener));
      return () => {
        changeListeners.delete(listener);
        detachers.get(listener)?.();
        detachers.delete(listener);
      };
    },

    async receive(input: IntakeInput, session) {
      const { procedure, applicant, documents, receivedAt, result } = input;
      const content = {
        dossierId: crypto.randomUUID(),
        counterId: session.counterId,
        procedureId: procedure.id,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        sectorId: procedure.sectorId,
        channel: 'counter',
        applicant,
        documents,
        receivedAt,
      };
      if (result.outcome === 'received') {
        const code = await need().issueCode(receivedAt);
        return apply(
          {
            type: 'receive',
            ...content,
            code,
            clockStartAt: receivedAt,
            dueAt: calendar.computeDueAt(receivedAt, procedure.legalTime),
          },
          session,
        );
      }
      if (result.outcome === 'incomplete') {
        const reason = result.note;
        return apply(
          {
            type: 'record_incomplete',
            ...content,
            notes: result.note,
            missingDocuments: result.missing.map((name) => ({ name, reason })),
          },
          session,
        );
      }
      return apply({ type: 'refuse_intake', ...content, reason: result.reason }, session);
    },
    commandsFor: (dossier, role) => availableCommands(dossier, [role]),
    nextRoles: (dossier) => NEEDS_ROLE[dossier.status],
    async apply(dossier, command: StepCommand, session) {
      const full: Record<string, unknown> & { dossierId: string } = { ...command, dossierId: dossier.id };
      // The code is issued at the moment the complete dossier is taken in, never earlier.
      if (command.type === 'complete_intake')
        full.code = await need().issueCode(str(command.receivedAt) || new Date().toISOString());
      return apply(full, session);
    },

    computeDueAt: (startIso: string, procedure: Procedure) =>
      calendar.computeDueAt(startIso, procedure.legalTime),
    classifyReturn: (returnedAt, dueAt) => calendar.classifyReturn(returnedAt, dueAt),
    apologyDue(dossier, nowIso) {
      if (
        !dossier.dueAt ||
        dossier.originalDueAt ||
        isFinalStatus(dossier.status) ||
        dossier.status === 'sealed'
      )
        return false;
      // Form 04 must go out at least one working day before the due date: prompt from the working
      // day before that last day, and of course once the date is already missed.
      const lastDay = calendar.apologyDeadline(dossier.dueAt);
      return toLocalDate(nowIso) >= calendar.addWorkingDays(lastDay, -1);
    },
    isWorkingDay: (date) => calendar.isWorkingDay(date),
    nextWorkingDay: (date) => calendar.nextWorkingDay(date),
    supplementInTime: (dossier, nowIso) => nowIso <= calendar.supplementRequestDeadline(dossier.receivedAt),

    backup,

    async print(form, dossier, session, extra = {}) {
      const data = await printData(form, dossier, session, extra);
      const html = await renderForm(form, data as never, i18next.language === 'en' ? 'en' : 'vi');
      // Forms are A5; the register is A4 landscape.
      await printHtml(form, html, { pageSize: form === '06' ? 'A4' : 'A5', landscape: form === '06' });
    },
  };
  return services;
}
