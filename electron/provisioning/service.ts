// Provisioning a counter PC: find the provisioning file (next to the executable or installer,
// or chosen by IT staff on first run), validate it, enrol with the provincial server (POST /enrol,
// shared/sync/contract.ts), check the server agrees about the office, then keep the result in
// userData with the device token encrypted by safeStorage.
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ProvisioningImportResult, ProvisioningStatus } from '../../shared/ipc/contract';
import {
  MAX_PROVISIONING_BYTES,
  PROVISIONING_FILE_NAME,
  type ProvisioningFile,
  parseProvisioningText,
  provisioningIssue,
  summarizeProvisioning,
  validateProvisioning,
} from '../../shared/provisioning/schema';
import {
  enrolResponseSchema,
  errorBodySchema,
  pullResponseSchema,
  type EnrolResponse,
} from '../../shared/sync/contract';
import type { SafeStorageLike } from '../keys';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** Where a dropped-in provisioning file is looked for, most specific first. */
export function provisioningCandidates(options: {
  /** Folder of the running executable (NSIS copies the file there from the installer's folder). */
  exeDir: string;
  /** $APPIMAGE: the AppImage file itself lives next to the provisioning file. */
  appImagePath?: string | undefined;
  /** Linux packages: /etc/motcua for IT staff's configuration management. */
  systemConfigDir?: string | undefined;
}): string[] {
  const dirs = [
    options.appImagePath ? path.dirname(options.appImagePath) : null,
    options.exeDir,
    options.systemConfigDir ?? null,
  ].filter((dir): dir is string => dir !== null);
  return [...new Set(dirs)].map((dir) => path.join(dir, PROVISIONING_FILE_NAME));
}

interface StoredProvisioning {
  format: 'motcua-provisioning-state/v1';
  /** The validated file without its one-time enrolment code. */
  provisioning: Omit<ProvisioningFile, 'enrolmentCode'>;
  deviceId: string;
  officeId: string;
  counterId: string;
  tokenCiphertext: string;
  enrolledAt: string;
  /** The enrolment answer's numbering, handed to the renderer (it adopts the slot for its codes). */
  numbering?: EnrolmentNumbering;
}

/** A counter's numbering from the enrolment answer (shared/sync/contract enrolResponseSchema). */
export type EnrolmentNumbering = Pick<EnrolResponse, 'slot' | 'layout' | 'fallbackClosedThrough'>;

export type EnrolmentFailure = Extract<ProvisioningImportResult, { outcome: 'enrolment_failed' }>;

const ENROLMENT_MESSAGES: Record<EnrolmentFailure['reason'], string> = {
  enrol_code_invalid:
    'Máy chủ từ chối mã đăng ký thiết bị (mã sai, đã dùng hoặc đã hết hạn). Đề nghị quản trị tỉnh cấp mã mới.',
  counter_not_found: 'Máy chủ không tìm thấy quầy này trong cơ quan được cấp mã đăng ký.',
  office_mismatch: 'Mã cơ quan trong tệp cấu hình không khớp với cơ quan của mã đăng ký trên máy chủ.',
  unreachable: 'Không kết nối được máy chủ. Kiểm tra địa chỉ máy chủ và mạng rồi thử lại.',
  server_error: 'Máy chủ trả lời không đúng. Đề nghị liên hệ quản trị hệ thống.',
};

function failure(reason: EnrolmentFailure['reason'], detail?: string): EnrolmentFailure {
  return {
    outcome: 'enrolment_failed',
    reason,
    message: detail ? `${ENROLMENT_MESSAGES[reason]} (${detail})` : ENROLMENT_MESSAGES[reason],
  };
}

function endpoint(serverUrl: string, route: string): string {
  return new URL(route, serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString();
}

/**
 * Enrols this PC and confirms the office: the code binds the device to an office on the server, and
 * the file's office code must be that office's agency code, so a file edited to point at another
 * office (or a code issued for another office) is refused.
 */
export async function enrolWithServer(
  file: ProvisioningFile,
  deviceName: string,
  fetchImpl: FetchLike,
  timeoutMs = 15_000,
): Promise<
  | {
      ok: true;
      deviceId: string;
      officeId: string;
      counterId: string;
      token: string;
      numbering: EnrolmentNumbering;
    }
  | { ok: false; failure: EnrolmentFailure }
> {
  const request = async (url: string, init: RequestInit) => {
    try {
      return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
  const response = await request(endpoint(file.serverUrl, 'enrol'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: file.enrolmentCode, counterId: file.counterId, deviceName }),
  });
  if (response instanceof Error) return { ok: false, failure: failure('unreachable', response.message) };
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = errorBodySchema.safeParse(body);
    if (error.success && error.data.error === 'enrol_code_invalid')
      return { ok: false, failure: failure('enrol_code_invalid') };
    if (error.success && error.data.error === 'not_found')
      return { ok: false, failure: failure('counter_not_found') };
    return { ok: false, failure: failure('server_error', `HTTP ${response.status}`) };
  }
  const enrolled = enrolResponseSchema.safeParse(body);
  if (!enrolled.success || enrolled.data.role !== 'counter') {
    return { ok: false, failure: failure('server_error', 'unexpected enrolment answer') };
  }
  const { deviceId, officeId, counterId, token, slot, layout, fallbackClosedThrough } = enrolled.data;

  const offices = await request(`${endpoint(file.serverUrl, 'sync/offices/pull')}?limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (offices instanceof Error) return { ok: false, failure: failure('unreachable', offices.message) };
  const pulled = pullResponseSchema.safeParse(await offices.json().catch(() => null));
  if (!offices.ok || !pulled.success)
    return { ok: false, failure: failure('server_error', `HTTP ${offices.status}`) };
  const office = pulled.data.documents.find((doc) => doc.id === officeId && !doc._deleted);
  if (!office || office.agencyCode !== file.officeCode)
    return { ok: false, failure: failure('office_mismatch') };
  return {
    ok: true,
    deviceId,
    officeId,
    counterId,
    token,
    numbering: { slot, layout, fallbackClosedThrough },
  };
}

export interface ProvisioningService {
  status(): Promise<ProvisioningStatus>;
  /** The provisioned server, for the CSP and the update feed. */
  current(): Promise<Omit<ProvisioningFile, 'enrolmentCode'> | null>;
  /** Reads, validates and enrols from a file IT staff chose or dropped next to the executable. */
  importFile(filePath: string): Promise<ProvisioningImportResult>;
  /** First run: provision from the first candidate file that exists. Null when there is none. */
  autoProvision(candidates: readonly string[]): Promise<ProvisioningImportResult | null>;
}

export function createProvisioningService(options: {
  userDataDir: string;
  safeStorage: SafeStorageLike;
  fetch: FetchLike;
  deviceName: string;
  locale?: 'vi' | 'en';
  now?: () => Date;
}): ProvisioningService {
  const statePath = path.join(options.userDataDir, 'provisioning', 'state.json');
  const now = options.now ?? (() => new Date());

  async function readState(): Promise<StoredProvisioning | null> {
    let text: string;
    try {
      text = await fs.readFile(statePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const state = JSON.parse(text) as StoredProvisioning;
    if (state.format !== 'motcua-provisioning-state/v1') return null;
    // The stored copy is re-validated: a hand-edited state file is treated as unprovisioned.
    const check = validateProvisioning({ ...state.provisioning, enrolmentCode: 'stored-00' });
    return check.ok ? state : null;
  }

  async function writeState(state: StoredProvisioning): Promise<void> {
    await fs.mkdir(path.dirname(statePath), { recursive: true, mode: 0o700 });
    const temporary = `${statePath}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(state, null, 2), { mode: 0o600 });
    await fs.rename(temporary, statePath);
  }

  const service: ProvisioningService = {
    async status() {
      const state = await readState();
      if (!state) return { state: 'unprovisioned' };
      return {
        state: 'enrolled',
        provisioning: summarizeProvisioning({ ...state.provisioning, enrolmentCode: '' }),
        deviceId: state.deviceId,
        officeId: state.officeId,
        counterId: state.counterId,
        token: options.safeStorage.decryptString(Buffer.from(state.tokenCiphertext, 'base64')),
        ...(state.numbering ? { numbering: state.numbering } : {}),
      };
    },
    async current() {
      return (await readState())?.provisioning ?? null;
    },
    async importFile(filePath) {
      const handle = await fs.open(filePath, 'r');
      let text: string;
      try {
        const { size } = await handle.stat();
        if (size > MAX_PROVISIONING_BYTES) {
          return { outcome: 'invalid', issues: [provisioningIssue('', 'too_large', options.locale ?? 'vi')] };
        }
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
      const parsed = parseProvisioningText(text, options.locale ?? 'vi');
      if (!parsed.ok) return { outcome: 'invalid', issues: parsed.issues };
      const file = parsed.value;
      const enrolled = await enrolWithServer(file, file.deviceName ?? options.deviceName, options.fetch);
      if (!enrolled.ok) return enrolled.failure;
      const { enrolmentCode: _used, ...kept } = file;
      await writeState({
        format: 'motcua-provisioning-state/v1',
        provisioning: kept,
        deviceId: enrolled.deviceId,
        officeId: enrolled.officeId,
        counterId: enrolled.counterId,
        tokenCiphertext: options.safeStorage.encryptString(enrolled.token).toString('base64'),
        enrolledAt: now().toISOString(),
        numbering: enrolled.numbering,
      });
      return { outcome: 'enrolled', status: await service.status() };
    },
    async autoProvision(candidates) {
      if ((await readState()) !== null) return null;
      for (const candidate of candidates) {
        try {
          await fs.access(candidate);
        } catch {
          continue;
        }
        return service.importFile(candidate);
      }
      return null;
    },
  };
  return service;
}
