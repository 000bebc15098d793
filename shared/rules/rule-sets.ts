/**
 * Rule sets of the one-stop mechanism, versioned by effective date. A dossier is handled under the
 * rule set in force on its receipt date, so the 2025 reform never rewrites older dossiers.
 */
import type { DossierStatus } from '../domain/dossier';
import type { OfficeLevel } from '../domain/office';

export type RuleSetId = '2018' | '2025';

/**
 * The forms a rule set requires, by their legal name (renderer/features/printing's FormKind is the printable
 * template). Numbers are those of Circular 01/2018/TT-VPCP's annex.
 */
export const LEGAL_FORMS = [
  'receipt', // 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả
  'supplement_request', // 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
  'refusal', // 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ
  'apology', // 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả
  'control_sheet', // 05 Phiếu kiểm soát quá trình giải quyết hồ sơ
  'register', // 06 Sổ theo dõi hồ sơ
  'stop_processing_notice', // Thông báo dừng xử lý hồ sơ (2025 rules) [check]
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/**
 * Status codes one-stop systems send to the national public-service portal [practice].
 */
export const PORTAL_STATUS_CODES = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
} as const;
export type PortalStatusCode = keyof typeof PORTAL_STATUS_CODES;

/**
 * Our statuses → portal codes. Codes 1 (submitted online, not yet looked at) and 6 (fee due) have
 * no status of ours: counter intake starts at 2 or 3/5, and fees are taken at the counter.
 */
const PORTAL_STATUS_BY_DOSSIER_STATUS: Readonly<Record<DossierStatus, PortalStatusCode>> = {
  incomplete: 5, // intake asked for missing documents (form 02) [check: some systems send 3]
  refused_intake: 3,
  received: 2,
  supplement_requested: 5,
  appraised: 4,
  refused: 9, // processing ended; the result is the refusal notice [check]
  transferred: 4,
  approved: 4,
  sealed: 9,
  returned: 10,
  withdrawn: 7,
  stopped: 8,
};

export interface RuleSet {
  id: RuleSetId;
  /** Short Vietnamese label for screens and reports. */
  name: string;
  legalBasis: readonly string[];
  /** First day in force, 'YYYY-MM-DD' (inclusive). */
  effectiveFrom: string;
  /** Last day in force (inclusive), or null while in force. */
  effectiveUntil: string | null;
  /** A paper dossier received after this local time moves to the deciding agency the next working day. */
  afterHoursCutoff: string;
  /** Appraisal may ask for a supplement within this many working days of receipt. */
  supplementRequestWithinWorkingDays: number;
  /** The apology letter (form 04) goes out at least this many working days before the due date. */
  apologyLeadWorkingDays: number;
  /** How many times an appointment may be reset by an apology letter. */
  maxDueDateResets: number;
  /**
   * How many times appraisal may ask for a supplement, each restarting the legal clock from zero.
   * Missing documents are asked for once, completely (DOMAIN.md).
   */
  maxClockRestarts: number;
  officeLevels: readonly OfficeLevel[];
  forms: readonly LegalForm[];
  /** Form number printed on each form (Circular's annex). [check] for 2025 numbering. */
  formNumbers: Readonly<Partial<Record<LegalForm, string>>>;
  portalStatusCodes: Readonly<Record<DossierStatus, PortalStatusCode>>;
}

const FORMS_2018: readonly LegalForm[] = [
  'receipt',
  'supplement_request',
  'refusal',
  'apology',
  'control_sheet',
  'register',
];

const FORM_NUMBERS_2018: Partial<Record<LegalForm, string>> = {
  receipt: '01',
  supplement_request: '02',
  refusal: '03',
  apology: '04',
  control_sheet: '05',
  register: '06',
};

export const RULE_SET_2018: RuleSet = {
  id: '2018',
  name: 'Nghị định 61/2018/NĐ-CP',
  legalBasis: [
    'Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính',
    'Nghị định 107/2021/NĐ-CP sửa đổi, bổ sung Nghị định 61/2018/NĐ-CP',
    'Thông tư 01/2018/TT-VPCP hướng dẫn thi hành Nghị định 61/2018/NĐ-CP',
  ],
  effectiveFrom: '2018-06-21',
  effectiveUntil: '2025-06-30',
  afterHoursCutoff: '15:00',
  supplementRequestWithinWorkingDays: 3,
  apologyLeadWorkingDays: 1,
  maxDueDateResets: 1,
  maxClockRestarts: 1,
  officeLevels: ['province', 'district', 'commune'],
  forms: FORMS_2018,
  formNumbers: FORM_NUMBERS_2018,
  portalStatusCodes: PORTAL_STATUS_BY_DOSSIER_STATUS,
};

export const RULE_SET_2025: RuleSet = {
  id: '2025',
  name: 'Nghị định 118/2025/NĐ-CP',
  legalBasis: [
    'Nghị định 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia',
    'Thông tư 03/2025/TT-VPCP hướng dẫn thi hành Nghị định 118/2025/NĐ-CP',
  ],
  effectiveFrom: '2025-07-01',
  effectiveUntil: null,
  // Same time rules as 2018 as far as confirmed [check against Decree 118/2025 text].
  afterHoursCutoff: '15:00',
  supplementRequestWithinWorkingDays: 3,
  apologyLeadWorkingDays: 1,
  maxDueDateResets: 1,
  maxClockRestarts: 1,
  // Two-tier local government from 1 July 2025: district counters became commune centres.
  officeLevels: ['province', 'commune'],
  forms: [...FORMS_2018, 'stop_processing_notice'],
  // [check] Circular 03/2025's annex numbering; kept as 2018's until confirmed.
  formNumbers: FORM_NUMBERS_2018,
  portalStatusCodes: PORTAL_STATUS_BY_DOSSIER_STATUS,
};

/** All rule sets, oldest first; their effective periods are contiguous. */
export const RULE_SETS: readonly RuleSet[] = [RULE_SET_2018, RULE_SET_2025];

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Vietnam local date of an instant, or the date itself when given 'YYYY-MM-DD'. */
export function vietnamDateOf(dateOrIso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(dateOrIso)) return dateOrIso;
  const utc = Date.parse(dateOrIso);
  if (Number.isNaN(utc)) throw new RangeError(`Not a date or ISO instant: ${dateOrIso}`);
  return new Date(utc + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The rule set in force on a Vietnam local date ('YYYY-MM-DD' or an ISO instant, converted to
 * Vietnam time: 2025-06-30T17:00:00Z is already 1 July in Vietnam). Dates before 2018 get the
 * oldest set we model.
 */
export function ruleSetFor(dateOrIso: string, ruleSets: readonly RuleSet[] = RULE_SETS): RuleSet {
  const date = vietnamDateOf(dateOrIso);
  const found = ruleSets.find(
    (r) => date >= r.effectiveFrom && (r.effectiveUntil === null || date <= r.effectiveUntil),
  );
  if (found) return found;
  const oldest = ruleSets[0];
  if (oldest && date < oldest.effectiveFrom) return oldest;
  throw new RangeError(`No rule set in force on ${date}`);
}

/** The rule set a dossier is handled under: the one in force on its receipt date (Vietnam time). */
export function ruleSetOf(dossier: { receivedAt: string }): RuleSet {
  return ruleSetFor(dossier.receivedAt);
}

/** Whether the rule set a dossier is handled under requires (so prints) a legal form. */
export function formRequiredFor(dossier: { receivedAt: string }, form: LegalForm): boolean {
  return ruleSetOf(dossier).forms.includes(form);
}

export function ruleSetById(id: RuleSetId): RuleSet {
  const found = RULE_SETS.find((r) => r.id === id);
  if (!found) throw new RangeError(`Unknown rule set: ${id}`);
  return found;
}

/** National portal status code of a dossier status under a rule set. */
export function portalStatusCode(status: DossierStatus, ruleSet: RuleSet = RULE_SET_2025): PortalStatusCode {
  return ruleSet.portalStatusCodes[status];
}

export function isOfficeLevelAllowed(level: OfficeLevel, ruleSet: RuleSet): boolean {
  return ruleSet.officeLevels.includes(level);
}
