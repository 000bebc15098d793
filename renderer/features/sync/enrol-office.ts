import { z } from 'zod';
import type { Office } from '../../../shared/domain';
import { DEMO_OFFICE_ID } from '../../../shared/demo';
import type { ProvisioningStatus } from '../../../shared/ipc/contract';
import type { EnrolResponse } from '../../../shared/sync/contract';
import { SETTING_KEYS, type DirectoryRepository } from '../../db';
import type { DirectoryCollections } from '../../db/database';
import { enrolDevice } from './client';
import { adoptNumbering, SYNC_CONNECTION_SETTING, type SyncConnection } from './connect';
import { pullDirectory, type DirectoryCollection, type DirectoryProgress } from './directory-pull';
import { HttpError } from './http';

/**
 * Saved once the server accepted the enrolment code and cleared once the office is in the
 * directory: a first run cut short (closed, the link dropped) resumes without a new code.
 */
export const PENDING_ENROLMENT_SETTING = 'setup.pendingEnrolment';

/** Why an enrolment failed; each is a Vietnamese/English message under `syncui.connect.error.*`. */
export const ENROL_FAILURES = [
  'url_invalid',
  'code_format',
  'unreachable',
  'code_rejected',
  'counter_not_named',
  'no_free_slot',
  'rate_limited',
  'not_a_counter',
  'other_office',
  'pull_failed',
  'server_error',
] as const;
export type EnrolFailure = (typeof ENROL_FAILURES)[number];

export class EnrolmentError extends Error {
  constructor(
    readonly reason: EnrolFailure,
    readonly detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}

/** The connect form: the server's address (http or https, no path needed) and the one-time code. */
export const connectInputSchema = z.object({
  serverUrl: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'url_invalid')
    .transform((url) => url.replace(/\/+$/, '')),
  // The CLI prints codes like ABCD-EFGH-JKLM; dashes and spaces are ignored by the server.
  code: z
    .string()
    .trim()
    .refine(
      (code) => /^[A-Za-z0-9 -]+$/.test(code) && code.replace(/[^A-Za-z0-9]/g, '').length >= 8,
      'code_format',
    ),
});
export type ConnectInput = z.input<typeof connectInputSchema>;

/** A counter's enrolment as saved until its directory is in: the credential and the numbering. */
export interface PendingEnrolment {
  connection: SyncConnection;
  answer: Pick<
    EnrolResponse,
    'officeId' | 'counterId' | 'role' | 'slot' | 'layout' | 'fallbackClosedThrough'
  >;
}

export interface OfficeEnrolmentDeps {
  directory: DirectoryRepository;
  directoryDb: Pick<DirectoryCollections, DirectoryCollection>;
  deviceName?: string;
  fetch?: typeof fetch;
  /** Web mode keeps the credential in the directory settings; the desktop in the OS key store. */
  saveConnection?: boolean;
}

/** The PC asks for no counter of its own: the code names it (`enrol-code --counter`). */
const NO_COUNTER_ASKED = 'unassigned';

function failureOf(error: unknown): EnrolmentError {
  if (error instanceof EnrolmentError) return error;
  if (error instanceof HttpError) {
    if (error.code === 'enrol_code_invalid') return new EnrolmentError('code_rejected');
    if (error.code === 'not_found') return new EnrolmentError('counter_not_named');
    if (error.code === 'rate_limited') return new EnrolmentError('rate_limited');
    if (error.message.startsWith('codes.no_free_slot')) return new EnrolmentError('no_free_slot');
    return new EnrolmentError('server_error', error.message);
  }
  // fetch rejects (TypeError) when the address does not answer; a non-JSON answer is not our server.
  if (error instanceof TypeError) return new EnrolmentError('unreachable', error.message);
  return new EnrolmentError('server_error', error instanceof Error ? error.message : String(error));
}

/**
 * Enrols this PC with a one-time code and brings the office down (./directory-pull.ts), then
 * numbers from the slot the server gave it and records which office and counter it is. A replica
 * that already holds another office (the demo's, or a previous one) is refused: its data must never
 * mix with a real office's. Throws EnrolmentError.
 */
export async function enrolOffice(
  deps: OfficeEnrolmentDeps,
  input: ConnectInput,
  onProgress?: (progress: DirectoryProgress) => void,
): Promise<Office> {
  const parsed = connectInputSchema.safeParse(input);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message;
    throw new EnrolmentError(reason === 'code_format' ? 'code_format' : 'url_invalid');
  }
  const { serverUrl, code } = parsed.data;
  const { directory } = deps;
  const held = await directory.getOffice();
  const identity = await directory.getSetting<{ counterId: string }>(SETTING_KEYS.counterIdentity);
  let answer: EnrolResponse;
  try {
    answer = await enrolDevice(
      serverUrl,
      {
        code,
        counterId: identity?.counterId ?? NO_COUNTER_ASKED,
        deviceName: deps.deviceName ?? `${navigator.userAgent.slice(0, 60)} (web)`,
      },
      deps.fetch,
    );
  } catch (error) {
    throw failureOf(error);
  }
  if (answer.role !== 'counter') throw new EnrolmentError('not_a_counter');
  if (held && held.id !== answer.officeId) throw new EnrolmentError('other_office', held.name);
  const pending: PendingEnrolment = {
    connection: {
      serverUrl,
      token: answer.token,
      deviceId: answer.deviceId,
      officeId: answer.officeId,
      counterId: answer.counterId,
    },
    answer,
  };
  await directory.setSetting(PENDING_ENROLMENT_SETTING, pending);
  if (deps.saveConnection ?? true) await directory.setSetting(SYNC_CONNECTION_SETTING, pending.connection);
  return finishEnrolment(deps, pending, onProgress);
}

/** The enrolment saved by an interrupted first run, if any. */
export function pendingEnrolment(directory: DirectoryRepository): Promise<PendingEnrolment | null> {
  return directory.getSetting<PendingEnrolment>(PENDING_ENROLMENT_SETTING);
}

/**
 * Pulls the directory for an enrolment the server accepted, adopts its numbering and marks the
 * counter provisioned. Safe to run again after a failure (the pull resumes from its checkpoints).
 */
export async function finishEnrolment(
  deps: OfficeEnrolmentDeps,
  pending: PendingEnrolment,
  onProgress?: (progress: DirectoryProgress) => void,
): Promise<Office> {
  const { directory } = deps;
  await directory.setSetting(PENDING_ENROLMENT_SETTING, pending);
  try {
    await pullDirectory(deps.directoryDb, {
      serverUrl: pending.connection.serverUrl,
      token: pending.connection.token,
      onProgress,
      fetch: deps.fetch,
    });
  } catch (error) {
    throw new EnrolmentError('pull_failed', error instanceof Error ? error.message : String(error));
  }
  const office = await directory.findOffice(pending.answer.officeId);
  if (!office) throw new EnrolmentError('pull_failed', 'office missing from the server');
  await directory.setSetting(SETTING_KEYS.counterIdentity, {
    officeId: pending.answer.officeId,
    counterId: pending.answer.counterId,
  });
  await adoptNumbering(directory, {
    ...pending.answer,
    deviceId: pending.connection.deviceId,
    token: pending.connection.token,
    serverTime: new Date().toISOString(),
  });
  // The server's demo office (server/catalogue/demo-seed.ts) is the demo: its accounts are listed.
  await directory.setSetting(
    SETTING_KEYS.provisioning,
    pending.answer.officeId === DEMO_OFFICE_ID ? 'demo' : 'enrolled',
  );
  await directory.setSetting(PENDING_ENROLMENT_SETTING, null);
  return office;
}

/**
 * Whether the office is in: an office recorded and no enrolment half done. Replication waits for it
 * (connect.ts), so a first run's pull and the full client never run side by side.
 */
export async function directoryReady(directory: DirectoryRepository): Promise<boolean> {
  return (await pendingEnrolment(directory)) === null && (await directory.getOffice()) !== null;
}

/**
 * The desktop's enrolment as the first run finishes it: the shell enrolled from the provisioning
 * file (renderer/platform provisioningStatus, token in the OS key store); its answer's numbering
 * comes with it. Null when the shell is not enrolled.
 */
export function provisionedEnrolment(status: ProvisioningStatus): PendingEnrolment | null {
  if (status.state !== 'enrolled') return null;
  return {
    connection: {
      serverUrl: status.provisioning.serverUrl.replace(/\/+$/, ''),
      token: status.token,
      deviceId: status.deviceId,
      officeId: status.officeId,
      counterId: status.counterId,
    },
    answer: {
      officeId: status.officeId,
      counterId: status.counterId,
      role: 'counter',
      ...status.numbering,
    },
  };
}
