import { describe, expect, it } from 'vitest';
import {
  type ProvisioningErrorCode,
  type ProvisioningFile,
  PROVISIONING_ERROR_CODES,
  PROVISIONING_MESSAGES,
  checkServerUrl,
  parseProvisioningText,
  summarizeProvisioning,
  updateFeedUrl,
  validateProvisioning,
} from './schema';

const valid: ProvisioningFile = {
  version: 1,
  serverUrl: 'https://motcua.thaibinh.gov.vn',
  officeCode: '000.17.22.H56',
  counterId: 'counter-01',
  counterName: 'Quầy 1 — Tư pháp',
  enrolmentCode: 'K7M2-Q9XD-4TPA',
  updates: { enabled: true, channel: 'latest' },
};

describe('provisioning file', () => {
  it('accepts a valid file, also with a BOM as Notepad writes it', () => {
    const result = parseProvisioningText('\uFEFF' + JSON.stringify(valid, null, 2));
    expect(result).toEqual({ ok: true, value: valid });
  });

  it('accepts http only towards this machine', () => {
    for (const serverUrl of ['http://localhost:8080', 'http://127.0.0.1:3000/', 'https://10.0.0.5:8443']) {
      expect(validateProvisioning({ ...valid, serverUrl }).ok).toBe(true);
    }
  });

  it.each([
    ['version', { ...valid, version: 2 }, 'version', 'version_unsupported'],
    [
      'plain http',
      { ...valid, serverUrl: 'http://motcua.thaibinh.gov.vn' },
      'serverUrl',
      'server_url_not_https',
    ],
    ['ftp', { ...valid, serverUrl: 'ftp://motcua.thaibinh.gov.vn' }, 'serverUrl', 'server_url_invalid'],
    ['not a url', { ...valid, serverUrl: 'motcua' }, 'serverUrl', 'server_url_invalid'],
    ['credentials in url', { ...valid, serverUrl: 'https://a:b@x.vn' }, 'serverUrl', 'server_url_invalid'],
    ['office code', { ...valid, officeCode: '17.22.H56' }, 'officeCode', 'office_code_invalid'],
    ['counter id', { ...valid, counterId: 'quầy 1' }, 'counterId', 'counter_id_invalid'],
    ['counter name', { ...valid, counterName: '   ' }, 'counterName', 'counter_name_invalid'],
    ['short code', { ...valid, enrolmentCode: 'ABC' }, 'enrolmentCode', 'enrolment_code_invalid'],
    [
      'code with spaces',
      { ...valid, enrolmentCode: 'K7M2 Q9XD 4TPA' },
      'enrolmentCode',
      'enrolment_code_invalid',
    ],
    [
      'channel',
      { ...valid, updates: { enabled: true, channel: 'Beta!' } },
      'updates.channel',
      'update_channel_invalid',
    ],
    ['wrong type', { ...valid, updates: { enabled: 'yes' } }, 'updates.enabled', 'wrong_type'],
    ['scan upload cap', { ...valid, scanUploadKbps: 4 }, 'scanUploadKbps', 'scan_upload_kbps_invalid'],
    ['fractional cap', { ...valid, scanUploadKbps: 64.5 }, 'scanUploadKbps', 'scan_upload_kbps_invalid'],
    ['cap as text', { ...valid, scanUploadKbps: '128' }, 'scanUploadKbps', 'wrong_type'],
    ['relative scan folder', { ...valid, scanFolder: 'scan' }, 'scanFolder', 'scan_folder_invalid'],
    [
      'scan folder with a control character',
      { ...valid, scanFolder: '/scan\n' },
      'scanFolder',
      'scan_folder_invalid',
    ],
    ['scan folder as a list', { ...valid, scanFolder: ['/scan'] }, 'scanFolder', 'wrong_type'],
    ['missing', { ...valid, enrolmentCode: undefined }, 'enrolmentCode', 'required'],
    ['unknown field', { ...valid, serverURL: 'https://evil.example' }, 'serverURL', 'unknown_field'],
    [
      'unknown nested field',
      { ...valid, updates: { enabled: true, url: 'x' } },
      'updates.url',
      'unknown_field',
    ],
  ] as const)('refuses a file with a bad %s, naming the field in Vietnamese', (_label, file, path, code) => {
    const result = validateProvisioning(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({
      path,
      code,
      key: `provisioning.error.${code}`,
      message: PROVISIONING_MESSAGES.vi[code],
    });
  });

  it('reports every problem of a tampered file at once', () => {
    const tampered = { ...valid, serverUrl: 'http://attacker.example', officeCode: 'X', extra: true };
    const result = validateProvisioning(tampered);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.code).sort()).toEqual(
      ['office_code_invalid', 'server_url_not_https', 'unknown_field'].sort(),
    );
  });

  it.each([
    ['', 'not_json'],
    ['{"version": 1,', 'not_json'],
    ['[]', 'not_object'],
    ['null', 'not_object'],
    ['"https://x"', 'not_object'],
    [`{"pad": "${'x'.repeat(20_000)}"}`, 'too_large'],
  ] as const)('refuses text #%# as %s', (text, code: ProvisioningErrorCode) => {
    const result = parseProvisioningText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe(code);
  });

  it('has Vietnamese and English text for every code', () => {
    for (const code of PROVISIONING_ERROR_CODES) {
      expect(PROVISIONING_MESSAGES.vi[code]).toMatch(/\S/);
      expect(PROVISIONING_MESSAGES.en[code]).toMatch(/\S/);
    }
    const result = validateProvisioning({ ...valid, version: 9 }, 'en');
    expect(!result.ok && result.issues[0]?.message).toBe('Unsupported provisioning file version.');
  });

  it.each([
    ['https://x.vn', null],
    ['http://[::1]:8080', null],
    ['http://192.168.1.10', 'server_url_not_https'],
    ['https://x.vn/?a=1', 'server_url_invalid'],
    ['javascript:alert(1)', 'server_url_invalid'],
  ])('checkServerUrl(%s) → %s', (url, expected) => {
    expect(checkServerUrl(url)).toBe(expected);
  });

  it('takes the scans upload cap into the summary when IT staff set one', () => {
    const capped = validateProvisioning({ ...valid, scanUploadKbps: 128 });
    expect(capped.ok && summarizeProvisioning(capped.value).scanUploadKbps).toBe(128);
    expect(summarizeProvisioning(valid)).not.toHaveProperty('scanUploadKbps');
    for (const scanFolder of ['D:\\Scan', '/home/motcua/scan', '\\\\nas\\scan'])
      expect(validateProvisioning({ ...valid, scanFolder }).ok).toBe(true);
  });

  it('hides the enrolment code from the summary and derives the update feed', () => {
    expect(summarizeProvisioning(valid)).not.toHaveProperty('enrolmentCode');
    expect(summarizeProvisioning({ ...valid, updates: { enabled: false } }).updateChannel).toBe('latest');
    expect(updateFeedUrl('https://motcua.thaibinh.gov.vn')).toBe('https://motcua.thaibinh.gov.vn/updates/');
    expect(updateFeedUrl('https://x.vn/motcua/')).toBe('https://x.vn/motcua/updates/');
  });
});
