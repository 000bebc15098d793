import { createContext, useContext } from 'react';
import type { CommandType } from '../../shared/workflow/transitions';
import type { SessionStore } from '../auth';
import type {
  Dossier,
  DossierEvent,
  Office,
  Officer,
  Procedure,
  Role,
  Applicant,
  ReceivedDocument,
} from '../../shared/domain';
import type { BackupMetadata, SaveResult } from '../platform';

/**
 * What the UI needs from the rest of the renderer. The screens talk only to this interface; the
 * implementation (renderer/app/wiring.ts) adapts the local replica, offline login, workflow, calendar
 * and print modules, so each screen stays small and the wiring is in one place.
 */
export interface Session {
  officer: Officer;
  role: Role;
  office: Office;
  counterId: string;
}

export interface DemoAccount {
  username: string;
  password: string;
  roles: Role[];
  fullName: string;
}

export type QueueKind = 'today' | 'mine' | 'due_soon' | 'overdue';
export type QueueCounts = Record<QueueKind, number>;
export type ReturnTiming = 'early' | 'on_time' | 'late';

/** Printable forms: 01 receipt, 02 supplement, 03 refusal, 04 apology, 05 control sheet, 06 register, result slip. */
export type FormKind = '01' | '02' | '03' | '04' | '05' | '06' | 'result';

export type IntakeOutcome =
  | { outcome: 'received' }
  | { outcome: 'incomplete'; missing: string[]; note: string }
  | { outcome: 'refused'; reason: string };

export interface IntakeInput {
  procedure: Procedure;
  applicant: Applicant;
  documents: ReceivedDocument[];
  receivedAt: string;
  result: IntakeOutcome;
}

/**
 * A step the officer takes on a dossier: a shared/workflow command without its envelope
 * (dossierId, officeId) and without what the wiring fills in (the dossier code on complete_intake).
 */
export type StepCommand = { type: CommandType } & Record<string, unknown>;

export interface CounterServices {
  /** The provisioned office of this counter, or null on a first run. */
  loadOffice(): Promise<Office | null>;
  seedDemo(): Promise<Office>;
  demoAccounts(): DemoAccount[];
  login(username: string, password: string): Promise<Officer | null>;
  counterId(): string;
  /** The signed-in officer, acting role and inactivity lock (renderer/auth). */
  sessions: SessionStore;

  listProcedures(): Promise<Procedure[]>;
  queueCounts(session: Session): Promise<QueueCounts>;
  listQueue(kind: QueueKind, session: Session): Promise<Dossier[]>;
  findByCode(code: string): Promise<Dossier | null>;
  search(text: string): Promise<Dossier[]>;
  getDossier(id: string): Promise<Dossier | null>;
  listEvents(dossierId: string): Promise<DossierEvent[]>;
  register(year: number): Promise<Dossier[]>;
  /** Calls back whenever dossiers change (local writes or sync), so lists refresh. */
  onChange(listener: () => void): () => void;

  receive(input: IntakeInput, session: Session): Promise<Dossier>;
  getProcedure(id: string): Promise<Procedure | null>;
  commandsFor(dossier: Dossier, role: Role): CommandType[];
  /** Roles expected to act next on a dossier in this status. */
  nextRoles(dossier: Dossier): readonly Role[];
  apply(dossier: Dossier, command: StepCommand, session: Session): Promise<Dossier>;

  computeDueAt(startIso: string, procedure: Procedure): string;
  classifyReturn(returnedAtIso: string, dueAtIso: string): ReturnTiming;
  /** Whether an apology (form 04) is due now: within a working day of the due date, not yet done. */
  apologyDue(dossier: Dossier, nowIso: string): boolean;
  isWorkingDay(date: string): boolean;
  /** First working day strictly after `date` (YYYY-MM-DD). */
  nextWorkingDay(date: string): string;
  /** Supplement asked within 3 working days of receipt (law); later needs a reason. */
  supplementInTime(dossier: Dossier, nowIso: string): boolean;

  backup: BackupServices;

  print(
    form: FormKind,
    dossier: Dossier | null,
    session: Session,
    extra?: Record<string, unknown>,
  ): Promise<void>;
}

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
  /** The replica dump (renderer/db/backup.ts); opaque to the UI. */
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

export interface BackupServices {
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

export const ServicesContext = createContext<CounterServices | null>(null);

export function useServices(): CounterServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('CounterServices missing');
  return services;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('Session missing');
  return session;
}
