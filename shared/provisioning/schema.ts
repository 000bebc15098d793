import { z } from 'zod';
import { AGENCY_CODE_PATTERN } from '../domain/office';

/**
 * The provisioning file IT staff put next to the installer (or import on first run): which
 * provincial server this counter PC talks to, which office and counter it is, and the one-time
 * enrolment code a province admin issued for it. Example:
 *
 * {
 *   "version": 1,
 *   "serverUrl": "https://motcua.thaibinh.gov.vn",
 *   "officeCode": "000.17.22.H56",
 *   "counterId": "counter-01",
 *   "counterName": "Quầy 1 — Tư pháp",
 *   "enrolmentCode": "K7M2-Q9XD-4TPA",
 *   "updates": { "enabled": true, "channel": "latest" },
 *   "scanUploadKbps": 128
 * }
 */

export const PROVISIONING_FILE_NAME = 'motcua-provisioning.json';
export const PROVISIONING_VERSION = 1;
/** Far above any real file: a bigger one is not ours. */
export const MAX_PROVISIONING_BYTES = 16 * 1024;

/** Bounds of the scans' upload rate cap (kbit/s): below a few kbit/s a scan would never arrive. */
export const MIN_SCAN_UPLOAD_KBPS = 16;
export const MAX_SCAN_UPLOAD_KBPS = 1_000_000;

/** Issue codes; the i18n key is `provisioning.error.<code>`. */
export const PROVISIONING_ERROR_CODES = [
  'not_json',
  'too_large',
  'not_object',
  'required',
  'unknown_field',
  'wrong_type',
  'version_unsupported',
  'server_url_invalid',
  'server_url_not_https',
  'office_code_invalid',
  'counter_id_invalid',
  'counter_name_invalid',
  'enrolment_code_invalid',
  'update_channel_invalid',
  'scan_upload_kbps_invalid',
  'scan_folder_invalid',
] as const;
export type ProvisioningErrorCode = (typeof PROVISIONING_ERROR_CODES)[number];

/** Vietnamese (default) and English texts, here so the main process can show them without i18next. */
export const PROVISIONING_MESSAGES: Record<'vi' | 'en', Record<ProvisioningErrorCode, string>> = {
  vi: {
    not_json: 'Tệp cấu hình không đúng định dạng JSON.',
    too_large: 'Tệp cấu hình quá lớn, không phải tệp cấu hình của phần mềm Một cửa.',
    not_object: 'Tệp cấu hình phải là một đối tượng JSON.',
    required: 'Thiếu thông tin bắt buộc.',
    unknown_field: 'Có trường không được hỗ trợ (có thể tệp đã bị sửa hoặc gõ sai tên trường).',
    wrong_type: 'Giá trị không đúng kiểu dữ liệu.',
    version_unsupported: 'Phiên bản tệp cấu hình không được hỗ trợ.',
    server_url_invalid: 'Địa chỉ máy chủ không hợp lệ.',
    server_url_not_https:
      'Địa chỉ máy chủ phải dùng https:// (chỉ http://localhost được phép khi thử nghiệm).',
    office_code_invalid: 'Mã cơ quan không đúng định dạng (ví dụ 000.17.22.H56).',
    counter_id_invalid: 'Mã quầy không hợp lệ.',
    counter_name_invalid: 'Tên quầy phải có từ 1 đến 100 ký tự.',
    enrolment_code_invalid: 'Mã đăng ký thiết bị phải có từ 8 đến 64 ký tự chữ, số hoặc dấu gạch ngang.',
    update_channel_invalid: 'Kênh cập nhật không hợp lệ (chỉ chữ thường, số và dấu gạch ngang).',
    scan_folder_invalid: 'Thư mục máy quét phải là đường dẫn đầy đủ (ví dụ D:\\Scan hoặc /home/motcua/scan).',
    scan_upload_kbps_invalid: `Giới hạn tốc độ gửi tệp số hóa phải là số nguyên kbit/giây, từ ${MIN_SCAN_UPLOAD_KBPS} đến ${MAX_SCAN_UPLOAD_KBPS}.`,
  },
  en: {
    not_json: 'The provisioning file is not valid JSON.',
    too_large: 'The provisioning file is too large to be a Một cửa provisioning file.',
    not_object: 'The provisioning file must be a JSON object.',
    required: 'A required field is missing.',
    unknown_field: 'Unsupported field (the file may have been edited or a field name mistyped).',
    wrong_type: 'The value has the wrong type.',
    version_unsupported: 'Unsupported provisioning file version.',
    server_url_invalid: 'The server address is not valid.',
    server_url_not_https: 'The server address must use https:// (http://localhost only for testing).',
    office_code_invalid: 'The office code is not in the expected format (e.g. 000.17.22.H56).',
    counter_id_invalid: 'The counter id is not valid.',
    counter_name_invalid: 'The counter name must be 1 to 100 characters.',
    enrolment_code_invalid: 'The enrolment code must be 8 to 64 letters, digits or dashes.',
    update_channel_invalid: 'The update channel is not valid (lower-case letters, digits and dashes only).',
    scan_folder_invalid: 'The scanner folder must be a full path (e.g. D:\\Scan or /home/motcua/scan).',
    scan_upload_kbps_invalid: `The scans' upload rate cap must be a whole number of kbit/s, from ${MIN_SCAN_UPLOAD_KBPS} to ${MAX_SCAN_UPLOAD_KBPS}.`,
  },
};

/** The WHATWG URL parser exists in every runtime we ship to; shared/ is typed without DOM or Node. */
interface ParsedUrl {
  protocol: string;
  hostname: string;
  username: string;
  password: string;
  search: string;
  hash: string;
  toString(): string;
}
const UrlParser = (globalThis as unknown as { URL: new (input: string, base?: string) => ParsedUrl }).URL;

const LOCAL_TEST_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https everywhere; plain http only to this machine (tests, a server on the same PC). */
export function checkServerUrl(value: string): ProvisioningErrorCode | null {
  let url: ParsedUrl;
  try {
    url = new UrlParser(value);
  } catch {
    return 'server_url_invalid';
  }
  if (url.username || url.password || url.search || url.hash) return 'server_url_invalid';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') return LOCAL_TEST_HOSTS.has(url.hostname) ? null : 'server_url_not_https';
  return 'server_url_invalid';
}

const serverUrlSchema = z.string().superRefine((value, ctx) => {
  const code = checkServerUrl(value);
  if (code) ctx.addIssue({ code: 'custom', message: code });
});

export const provisioningFileSchema = z.strictObject({
  version: z.literal(PROVISIONING_VERSION, { error: 'version_unsupported' }),
  serverUrl: serverUrlSchema,
  officeCode: z.string().regex(AGENCY_CODE_PATTERN, 'office_code_invalid'),
  /** The counter's id in the province's catalogue (what the enrolment endpoint binds the device to). */
  counterId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'counter_id_invalid'),
  counterName: z.string().trim().min(1, 'counter_name_invalid').max(100, 'counter_name_invalid'),
  enrolmentCode: z
    .string()
    .min(8, 'enrolment_code_invalid')
    .max(64, 'enrolment_code_invalid')
    .regex(/^[A-Za-z0-9-]+$/, 'enrolment_code_invalid'),
  /** Name shown in the server's device list; the computer name when absent. */
  deviceName: z.string().trim().min(1).max(100).optional(),
  updates: z.strictObject({
    enabled: z.boolean(),
    channel: z
      .string()
      .regex(/^[a-z0-9-]{1,30}$/, 'update_channel_invalid')
      .optional(),
  }),
  /**
   * The most this counter's scan uploads may use of its line (kbit/s); uncapped when absent. The
   * scans already yield to the dossiers' data; the cap leaves room for everything else on the line.
   */
  scanUploadKbps: z
    .number()
    .int('scan_upload_kbps_invalid')
    .min(MIN_SCAN_UPLOAD_KBPS, 'scan_upload_kbps_invalid')
    .max(MAX_SCAN_UPLOAD_KBPS, 'scan_upload_kbps_invalid')
    .optional(),
  /**
   * The folder the office's scanner writes into (desktop only): the app offers each new PDF, JPEG
   * or PNG there for attaching. A full path; not watched when absent.
   */
  scanFolder: z
    .string()
    .max(400, 'scan_folder_invalid')
    // eslint-disable-next-line no-control-regex
    .regex(/^(?:[A-Za-z]:[\\/]|\\\\|\/)[^\u0000-\u001f]*$/, 'scan_folder_invalid')
    .optional(),
});
export type ProvisioningFile = z.infer<typeof provisioningFileSchema>;

/** What the renderer may see: everything but the one-time enrolment code. */
export const provisioningSummarySchema = z.object({
  serverUrl: z.string(),
  officeCode: z.string(),
  counterId: z.string(),
  counterName: z.string(),
  updatesEnabled: z.boolean(),
  updateChannel: z.string(),
  /** The scans' upload rate cap (kbit/s), absent when uncapped. */
  scanUploadKbps: z.number().int().positive().optional(),
});
export type ProvisioningSummary = z.infer<typeof provisioningSummarySchema>;

export function summarizeProvisioning(file: ProvisioningFile): ProvisioningSummary {
  return {
    serverUrl: file.serverUrl,
    officeCode: file.officeCode,
    counterId: file.counterId,
    counterName: file.counterName,
    updatesEnabled: file.updates.enabled,
    updateChannel: file.updates.channel ?? 'latest',
    ...(file.scanUploadKbps !== undefined ? { scanUploadKbps: file.scanUploadKbps } : {}),
  };
}

export const provisioningIssueSchema = z.object({
  /** Dotted field path, '' for the whole file. */
  path: z.string(),
  code: z.enum(PROVISIONING_ERROR_CODES),
  /** i18n key for the renderer. */
  key: z.string(),
  /** Ready-made text for the main process's dialogs. */
  message: z.string(),
});
export type ProvisioningIssue = z.infer<typeof provisioningIssueSchema>;

export type ProvisioningParseResult =
  { ok: true; value: ProvisioningFile } | { ok: false; issues: ProvisioningIssue[] };

export function provisioningIssue(
  path: string,
  code: ProvisioningErrorCode,
  locale: 'vi' | 'en' = 'vi',
): ProvisioningIssue {
  return { path, code, key: `provisioning.error.${code}`, message: PROVISIONING_MESSAGES[locale][code] };
}

function isErrorCode(value: string): value is ProvisioningErrorCode {
  return (PROVISIONING_ERROR_CODES as readonly string[]).includes(value);
}

const FIELD_CODES: Partial<Record<string, ProvisioningErrorCode>> = {
  counterId: 'counter_id_invalid',
  counterName: 'counter_name_invalid',
  enrolmentCode: 'enrolment_code_invalid',
  officeCode: 'office_code_invalid',
  serverUrl: 'server_url_invalid',
  version: 'version_unsupported',
  'updates.channel': 'update_channel_invalid',
  scanUploadKbps: 'scan_upload_kbps_invalid',
  scanFolder: 'scan_folder_invalid',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Validates an already-parsed value. Every problem is reported, not only the first. */
export function validateProvisioning(value: unknown, locale: 'vi' | 'en' = 'vi'): ProvisioningParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [provisioningIssue('', 'not_object', locale)] };
  }
  const parsed = provisioningFileSchema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues: ProvisioningIssue[] = [];
  for (const zodIssue of parsed.error.issues) {
    const path = zodIssue.path.map(String).join('.');
    if (zodIssue.code === 'unrecognized_keys') {
      for (const key of zodIssue.keys)
        issues.push(provisioningIssue(path ? `${path}.${key}` : key, 'unknown_field', locale));
      continue;
    }
    let code: ProvisioningErrorCode;
    if (zodIssue.code === 'invalid_type' && valueAt(value, zodIssue.path) === undefined) code = 'required';
    else if (isErrorCode(zodIssue.message)) code = zodIssue.message;
    else if (zodIssue.code === 'invalid_type') code = 'wrong_type';
    else code = FIELD_CODES[path] ?? 'wrong_type';
    if (!issues.some((known) => known.path === path && known.code === code))
      issues.push(provisioningIssue(path, code, locale));
  }
  return { ok: false, issues };
}

/** Parses the file's text (as read from disk). A byte-order mark from Notepad is tolerated. */
export function parseProvisioningText(text: string, locale: 'vi' | 'en' = 'vi'): ProvisioningParseResult {
  if (text.length > MAX_PROVISIONING_BYTES)
    return { ok: false, issues: [provisioningIssue('', 'too_large', locale)] };
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, issues: [provisioningIssue('', 'not_json', locale)] };
  }
  return validateProvisioning(value, locale);
}

/**
 * The update feed: the `updates/` folder the provincial server serves from what IT staff put there
 * (the installers and electron-builder's `<channel>.yml`, `<channel>-linux.yml`).
 */
export function updateFeedUrl(serverUrl: string): string {
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;
  return new UrlParser('updates/', base).toString();
}
