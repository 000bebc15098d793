import { counterCodeStateSchema, markRestored, reconcile } from '../../../shared/codes';
import type { SessionStore } from '../../auth';
import { SETTING_KEYS, type Replica } from '../../db';
import type { Platform } from '../../platform';
import { BackupError, openBackup, readBackupMetadata, sealBackup } from './seal';
import type { Session } from '../session/service';
import { backupFileName } from './file-name';
import { dumpOfOffice, isReplicaDump } from './office';
import { exportReplica, importReplica, ReplicaImportError, type ReplicaDump } from './storage';
import { BACKUP_ROLES, BackupRefused, type BackupRestoreResult, type BackupService } from './service';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

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

export function createBackupService(deps: {
  replica: Replica;
  sessions: SessionStore;
  platform: Platform;
}): BackupService {
  const { replica, sessions, platform } = deps;

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
   * shared/codes/allocator.ts: a restore moves the code cursors past every restored number
   * (reconcile). When the code state now held is the file's (a fresh profile, a new PC, or this PC's
   * own state of the day of the backup) it is marked restored: new epoch, leases dropped, and no
   * offline number until the server names a slot for the new epoch, because receipts printed after
   * the backup are unknown here and the PC the backup came from may still number from its slot.
   * A state of this PC's own, newer than the file, is kept as it is (the import never overwrites).
   */
  async function codesAfterRestore(dump: ReplicaDump): Promise<void> {
    const saved = await replica.data().getSetting<unknown>(SETTING_KEYS.codeState);
    const parsed = counterCodeStateSchema.safeParse(saved);
    if (!parsed.success) return;
    const nowIso = new Date().toISOString();
    const codes = (dump.collections.dossiers ?? []).map((d) => text(d.code));
    const reconciled = reconcile(parsed.data, codes, nowIso);
    const inFile = (dump.collections.settings ?? []).find((doc) => doc.id === SETTING_KEYS.codeState);
    const fileEpoch = (inFile?.value as { epoch?: unknown } | undefined)?.epoch;
    const fromFile = fileEpoch === parsed.data.epoch;
    // reconcile has already marked it restored when it saw numbers of its own ahead of its cursors.
    const restored =
      fromFile && reconciled.epoch === parsed.data.epoch
        ? markRestored(reconciled, nowIso, crypto.randomUUID())
        : reconciled;
    if (restored !== parsed.data) await replica.data().initCodeState(restored);
  }

  return {
    async export(passphrase, session, onProgress) {
      // The file holds every applicant's personal data: only the supervisor and IT staff make one.
      if (!backupAllowed(session)) throw new BackupRefused('role_not_allowed');
      onProgress({ stage: 'reading' });
      const now = new Date();
      const dump = await exportReplica(replica.data().db, now);
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
      platform.log({
        level: 'info',
        message: 'backup exported',
        context: { dossiers, events, bytes: data.byteLength },
      });
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
      let dump: unknown;
      try {
        dump = (await openBackup(file.bytes, passphrase)).data;
      } catch (error) {
        throw refusalOf(error) ?? error;
      }
      if (!isReplicaDump(dump)) throw new BackupRefused('not_a_backup');
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
        written = await importReplica(replica.data().db, dump);
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
      platform.log({
        level: 'info',
        message: 'backup restored',
        context: { dossiersAdded: result.dossiers.added, eventsAdded: result.events.added },
      });
      return result;
    },
    async counterName(id) {
      const counter = await replica.directory.getCounter();
      return counter && counter.id === id ? counter.name : null;
    },
  };
}
