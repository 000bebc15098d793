/**
 * Messages for the keys that shared/ rules return instead of text (zod issue messages `validation.*`,
 * dossier numbering errors `codes.*`). Vietnamese is the default and says what to do, with an example
 * where a format is expected. The renderer can merge `nestedMessages(lang)` into its i18next resources.
 */

export const VALIDATION_LANGUAGES = ['vi', 'en'] as const;
export type ValidationLanguage = (typeof VALIDATION_LANGUAGES)[number];

const vi = {
  'validation.invalid': 'Giá trị không hợp lệ.',
  'validation.too_long': 'Nội dung quá dài.',
  'validation.full_name_required': 'Vui lòng nhập họ và tên (ít nhất 2 ký tự).',
  'validation.address_required': 'Vui lòng nhập địa chỉ.',
  'validation.id_number_required': 'Vui lòng nhập số CCCD (hoặc CMND) của người nộp.',
  'validation.id_number_invalid': 'Số CCCD phải gồm 12 chữ số (hoặc CMND 9 chữ số).',
  'validation.tax_code_required': 'Tổ chức phải có mã số thuế (mã số doanh nghiệp).',
  'validation.tax_code_invalid': 'Mã số thuế phải gồm 10 hoặc 13 chữ số (ví dụ 0101234567).',
  'validation.phone_invalid': 'Số điện thoại không hợp lệ (ví dụ 0912345678).',
  'validation.email_invalid': 'Địa chỉ email không hợp lệ (ví dụ ten@example.vn).',
  'validation.contact_required': 'Vui lòng nhập số điện thoại hoặc email để liên hệ.',
  'validation.dossier_code_invalid': 'Mã hồ sơ không đúng dạng (ví dụ 000.00.06.H56-231027-0361).',
  'validation.agency_code_invalid': 'Mã cơ quan không đúng dạng (ví dụ 000.17.22.H56).',
  'validation.id_invalid': 'Mã định danh không hợp lệ (chỉ gồm chữ, số và . _ : -).',
  'validation.scan_hash_invalid': 'Mã kiểm tra của tệp không hợp lệ.',
  'validation.username_invalid': 'Tên đăng nhập chỉ gồm chữ thường không dấu, số và . _ -.',
  'validation.procedure_versions_order':
    'Các phiên bản của thủ tục phải theo thứ tự: số phiên bản và ngày hiệu lực đều tăng dần.',
  'codes.exhausted':
    'Quầy đã dùng hết số hồ sơ dự phòng của hôm nay. Hãy kết nối máy chủ để nhận thêm số, hoặc chuyển hồ sơ sang quầy khác.',
  'codes.needs_sync':
    'Quầy cần kết nối máy chủ để nhận số hồ sơ (máy vừa được cài đặt hoặc khôi phục dữ liệu).',
  'codes.device_mismatch':
    'Dữ liệu quầy này được sao chép từ máy khác nên không được cấp số hồ sơ. Hãy đăng ký máy như một quầy mới.',
  'codes.clock_behind': 'Đồng hồ máy tính đang chậm so với ngày làm việc. Hãy chỉnh lại ngày giờ của máy.',
  'codes.lease_exhausted': 'Máy chủ đã cấp hết dãy số hồ sơ của hôm nay; quầy dùng dãy số dự phòng.',
  'codes.lease_mismatch': 'Máy chủ trả về dãy số không dành cho quầy này.',
  'codes.not_enrolled': 'Quầy chưa được đăng ký với máy chủ.',
  'codes.no_free_slot': 'Văn phòng đã đủ số quầy được cấp số hồ sơ. Hãy thu hồi một quầy không còn dùng.',
  'codes.date_closed': 'Không thể cấp số hồ sơ cho ngày đã qua.',
  'codes.invalid_request': 'Yêu cầu cấp số hồ sơ không hợp lệ.',
  'codes.layout_invalid': 'Cấu hình dãy số hồ sơ không hợp lệ.',
} as const;

export type ValidationKey = keyof typeof vi;

const en: Record<ValidationKey, string> = {
  'validation.invalid': 'Invalid value.',
  'validation.too_long': 'Too long.',
  'validation.full_name_required': 'Enter the full name (at least 2 characters).',
  'validation.address_required': 'Enter the address.',
  'validation.id_number_required': "Enter the applicant's citizen ID (CCCD) or old ID card (CMND) number.",
  'validation.id_number_invalid': 'A CCCD number has 12 digits (an old CMND has 9).',
  'validation.tax_code_required': 'An organisation needs its tax (enterprise) code.',
  'validation.tax_code_invalid': 'A tax code has 10 or 13 digits (e.g. 0101234567).',
  'validation.phone_invalid': 'Invalid phone number (e.g. 0912345678).',
  'validation.email_invalid': 'Invalid email address (e.g. name@example.vn).',
  'validation.contact_required': 'Enter a phone number or an email address.',
  'validation.dossier_code_invalid': 'Invalid dossier code (e.g. 000.00.06.H56-231027-0361).',
  'validation.agency_code_invalid': 'Invalid agency code (e.g. 000.17.22.H56).',
  'validation.id_invalid': 'Invalid identifier (letters, digits and . _ : - only).',
  'validation.scan_hash_invalid': 'The file’s checksum is not valid.',
  'validation.username_invalid': 'User names use lower-case letters without accents, digits and . _ -.',
  'validation.procedure_versions_order':
    "A procedure's versions must be in order: version numbers and effective dates both increasing.",
  'codes.exhausted':
    "This counter has used all of today's offline dossier numbers. Connect to the server for more, or take the dossier at another counter.",
  'codes.needs_sync':
    'This counter must connect to the server to get dossier numbers (it was just installed or restored).',
  'codes.device_mismatch':
    "This counter's data was copied from another computer, so it cannot number dossiers. Enrol this computer as a new counter.",
  'codes.clock_behind': "The computer's clock is behind the working date. Correct the date and time.",
  'codes.lease_exhausted':
    "The server has handed out all of today's shared numbers; counters use their offline range.",
  'codes.lease_mismatch': 'The server sent a number range meant for another counter.',
  'codes.not_enrolled': 'This counter is not enrolled with the server.',
  'codes.no_free_slot':
    'The office has no free counter slot for numbering. Retire a counter that is no longer used.',
  'codes.date_closed': 'Dossier numbers cannot be issued for a past date.',
  'codes.invalid_request': 'Invalid dossier number request.',
  'codes.layout_invalid': 'Invalid dossier number layout.',
};

export const VALIDATION_MESSAGES: Record<ValidationLanguage, Record<ValidationKey, string>> = { vi, en };

const GENERIC: Record<ValidationLanguage, string> = {
  vi: 'Giá trị không hợp lệ.',
  en: 'Invalid value.',
};

export function isValidationKey(key: string): key is ValidationKey {
  return Object.hasOwn(vi, key);
}

/**
 * The message for a key in the language asked (Vietnamese by default). Bare keys some schemas use
 * (`agency_code_invalid`) are read as `validation.*`; unknown keys get a generic message.
 */
export function messageFor(key: string, lang: ValidationLanguage = 'vi'): string {
  const table = VALIDATION_MESSAGES[lang] ?? VALIDATION_MESSAGES.vi;
  if (isValidationKey(key)) return table[key];
  const prefixed = `validation.${key}`;
  if (isValidationKey(prefixed)) return table[prefixed];
  return GENERIC[lang] ?? GENERIC.vi;
}

/** The same tables nested for i18next (`{ validation: { phone_invalid: … }, codes: { … } }`). */
export function nestedMessages(lang: ValidationLanguage): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [key, text] of Object.entries(VALIDATION_MESSAGES[lang])) {
    const dot = key.indexOf('.');
    const ns = key.slice(0, dot);
    (out[ns] ??= {})[key.slice(dot + 1)] = text;
  }
  return out;
}
