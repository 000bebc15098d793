import type { Role } from '../../../shared/domain';
import type { SaveResult } from '../../platform';
import type { BackupMetadata } from './seal';
import type { Session } from '../session/service';
import { serviceContext, useRequired } from '../service-context';

/** Roles that may make and restore backups: the counter's supervisor and IT staff (admin). */
export const BACKUP_ROLES: readonly Role[] = ['supervisor', 'admin'];

/** What a backup holds, read from its (authenticated) header before the passphrase is asked. */
export interface BackupFile {
  fileName: string;
  bytes: Uint8Array;
  metadata: BackupMetadata;
}

/** Where a backup or a restore is: each stage says what it is working on, with the counts. */
export type BackupProgress =
  | { stage: 'reading' }
  | { stage: 'sealing' | 'saving'; dossiers: number; events: number }
  | { stage: 'opening' }
  | { stage: 'writing'; dossiers: number; events: number };

/** A backup decrypted in memory, checked, not yet written. */
export interface OpenedBackup {
  readonly dossiers: number;
  readonly events: number;
  /** The replica dump; opaque to the UI. */
  readonly data: unknown;
}

export interface BackupExportResult {
  fileName: string;
  save: SaveResult;
  dossiers: number;
  events: number;
}

/** Per collection: how many documents the file held and how many were new on this counter. */
export interface BackupRestoreResult {
  dossiers: { inFile: number; added: number };
  events: { inFile: number; added: number };
  other: { inFile: number; added: number };
}

/** Why a backup is refused; the UI shows each in plain words. Nothing is written in any case. */
export type BackupRefusal =
  'not_a_backup' | 'unsupported_version' | 'wrong_passphrase' | 'other_office' | 'role_not_allowed';

export class BackupRefused extends Error {
  constructor(readonly code: BackupRefusal) {
    super(code);
    this.name = 'BackupRefused';
  }
}

/** What the backup screen needs: make a backup, and pick, open and restore one. */
export interface BackupService {
  /** Seals the whole replica with `passphrase` and saves it (desktop: save dialog; web: a download). */
  export(
    passphrase: string,
    session: Session,
    onProgress: (progress: BackupProgress) => void,
  ): Promise<BackupExportResult>;
  /** Lets the officer choose a backup file; null when they cancel. Throws BackupRefused. */
  pick(): Promise<BackupFile | null>;
  /** Decrypts a backup and checks it is this office's. Throws BackupRefused; writes nothing. */
  open(file: BackupFile, passphrase: string, session: Session): Promise<OpenedBackup>;
  /**
   * Adds the backup's documents to this replica (a merge: documents already here are kept as they
   * are, nothing is deleted).
   */
  restore(
    opened: OpenedBackup,
    session: Session,
    onProgress: (progress: BackupProgress) => void,
  ): Promise<BackupRestoreResult>;
  /** This counter's name when `counterId` is this counter, else null. */
  counterName(counterId: string): Promise<string | null>;
}

export const BackupServiceContext = serviceContext<BackupService>();
export const useBackupService = (): BackupService => useRequired(BackupServiceContext, 'BackupService');
