import { describe, expect, it } from 'vitest';
import { messageFor } from '../i18n';
import { type ApplicantInput, validateApplicant } from './applicant';

const person: ApplicantInput = {
  kind: 'individual',
  fullName: 'Nguyễn Thị Hoa',
  idNumber: '034190001234',
  taxCode: '',
  phone: '0912345678',
  email: '',
  address: 'Số 5 Lê Lợi, phường Đề Thám, TP Thái Bình',
};

const company: ApplicantInput = {
  ...person,
  kind: 'organisation',
  fullName: 'Công ty TNHH Minh Phát',
  idNumber: '',
  taxCode: '1000123456',
};

/** Only the fields in error, each with its message key; {} when valid. */
function errorsOf(input: ApplicantInput): Record<string, string> {
  const r = validateApplicant(input);
  return r.ok ? {} : r.errors;
}

describe('validateApplicant: ID number (CCCD / CMND)', () => {
  it.each([
    ['CCCD, 12 digits', '034190001234', '034190001234'],
    ['old CMND, 9 digits', '151234567', '151234567'],
    ['spaces typed inside', '034 190 001 234', '034190001234'],
    ['dots typed inside', '034.190.001.234', '034190001234'],
    ['dashes and surrounding blanks', ' 034-190-001-234 ', '034190001234'],
  ])('accepts %s', (_name, idNumber, stored) => {
    const r = validateApplicant({ ...person, idNumber });
    expect(r).toMatchObject({ ok: true, value: { idNumber: stored } });
  });

  it.each([
    ['11 digits', '03419000123'],
    ['13 digits', '0341900012345'],
    ['10 digits (neither CCCD nor CMND)', '0341900012'],
    ['a letter inside', '03419000123A'],
    ['letters only', 'CCCD'],
    ['only blanks', '   '],
  ])('rejects %s', (_name, idNumber) => {
    expect(errorsOf({ ...person, idNumber })).toEqual({ idNumber: 'validation.id_number_invalid' });
  });

  it('requires it for a person, not for an organisation', () => {
    expect(errorsOf({ ...person, idNumber: '' })).toEqual({ idNumber: 'validation.id_number_required' });
    expect(errorsOf(company)).toEqual({});
  });
});

describe('validateApplicant: phone', () => {
  it.each([
    ['mobile 09x', '0912345678', '0912345678'],
    ['mobile 03x (Viettel since 2018)', '0361234567', '0361234567'],
    ['mobile with +84', '+84912345678', '+84912345678'],
    ['mobile typed with spaces', '091 234 5678', '0912345678'],
    ['mobile typed with dots', '0912.345.678', '0912345678'],
    ['Hà Nội landline 024 + 8 digits', '02438251234', '02438251234'],
    ['provincial landline 0227 + 7 digits', '02273831234', '02273831234'],
    ['landline with +84', '+842438251234', '+842438251234'],
  ])('accepts %s', (_name, phone, stored) => {
    expect(validateApplicant({ ...person, phone })).toMatchObject({ ok: true, value: { phone: stored } });
  });

  it.each([
    ['old 11-digit 01x mobile prefix', '0112345678'],
    ['landline missing a digit (landlines have 11 digits since 2017)', '0241234567'],
    ['mobile missing a digit', '091234567'],
    ['mobile with a digit too many', '09123456789'],
    ['no leading 0', '912345678'],
    ['+84 followed by 0', '+840912345678'],
    ['letters', '09123ABCDE'],
    ['unsupported 04x prefix', '0412345678'],
  ])('rejects %s', (_name, phone) => {
    expect(errorsOf({ ...person, phone })).toEqual({ phone: 'validation.phone_invalid' });
  });
});

describe('validateApplicant: contact, email, organisation, names', () => {
  it.each<[string, Partial<ApplicantInput>, Record<string, string>]>([
    ['email alone is enough contact', { phone: '', email: 'hoa.nguyen@example.vn' }, {}],
    ['phone alone is enough contact', { phone: '0912345678', email: '' }, {}],
    ['neither phone nor email', { phone: '', email: '' }, { phone: 'validation.contact_required' }],
    ['a malformed email', { email: 'hoa.nguyen@' }, { email: 'validation.email_invalid' }],
    ['an email without domain dot', { email: 'hoa@example' }, { email: 'validation.email_invalid' }],
    ['a one-letter name', { fullName: 'H' }, { fullName: 'validation.full_name_required' }],
    ['a name of blanks', { fullName: '    ' }, { fullName: 'validation.full_name_required' }],
    ['a name too long', { fullName: 'Nguyễn '.repeat(30) }, { fullName: 'validation.too_long' }],
    ['no address', { address: ' ' }, { address: 'validation.address_required' }],
    ['an unknown kind', { kind: 'family' as never }, { kind: 'validation.invalid' }],
    [
      'several mistakes at once, all reported together',
      { fullName: '', idNumber: '123', phone: '', email: '' },
      {
        fullName: 'validation.full_name_required',
        idNumber: 'validation.id_number_invalid',
        phone: 'validation.contact_required',
      },
    ],
  ])('person: %s', (_name, patch, errors) => {
    expect(errorsOf({ ...person, ...patch })).toEqual(errors);
  });

  it.each<[string, Partial<ApplicantInput>, Record<string, string>]>([
    ['10-digit tax code', {}, {}],
    ['13-digit tax code of a branch, typed with a dash', { taxCode: '1000123456-001' }, {}],
    ['no tax code', { taxCode: '' }, { taxCode: 'validation.tax_code_required' }],
    ['a 9-digit tax code', { taxCode: '100012345' }, { taxCode: 'validation.tax_code_invalid' }],
    ['a tax code with letters', { taxCode: '10001234AB' }, { taxCode: 'validation.tax_code_invalid' }],
    ['no contact', { phone: '', email: '' }, { phone: 'validation.contact_required' }],
  ])('organisation: %s', (_name, patch, errors) => {
    expect(errorsOf({ ...company, ...patch })).toEqual(errors);
  });

  it('keeps the cleaned value, with the tax code stripped of separators', () => {
    const r = validateApplicant({
      ...company,
      taxCode: '1000123456-001',
      fullName: '  Công ty TNHH Minh Phát  ',
    });
    expect(r).toMatchObject({
      ok: true,
      value: { taxCode: '1000123456001', fullName: 'Công ty TNHH Minh Phát' },
    });
  });

  it('reports a non-object as one invalid input', () => {
    expect(validateApplicant(null)).toEqual({ ok: false, errors: { _: 'validation.invalid' } });
  });
});

describe('validateApplicant messages read in Vietnamese', () => {
  it.each([
    [{ idNumber: '12345' }, 'idNumber', 'Số CCCD phải gồm 12 chữ số (hoặc CMND 9 chữ số).'],
    [{ phone: '0112345678' }, 'phone', 'Số điện thoại không hợp lệ (ví dụ 0912345678).'],
    [{ phone: '', email: '' }, 'phone', 'Vui lòng nhập số điện thoại hoặc email để liên hệ.'],
    [{ idNumber: '' }, 'idNumber', 'Vui lòng nhập số CCCD (hoặc CMND) của người nộp.'],
  ] as const)('%j → %s', (patch, field, text) => {
    const errors = errorsOf({ ...person, ...patch });
    expect(messageFor(errors[field] ?? '')).toBe(text);
  });

  it('every message key it can return has Vietnamese and English text', () => {
    const inputs: Array<Partial<ApplicantInput>> = [
      { idNumber: '1', phone: 'x', email: 'y', fullName: '', address: '' },
      { kind: 'organisation', taxCode: '', phone: '', email: '' },
      { kind: 'organisation', taxCode: '12', fullName: 'x'.repeat(200) },
    ];
    for (const patch of inputs) {
      for (const key of Object.values(errorsOf({ ...person, ...patch }))) {
        expect(messageFor(key, 'vi'), key).not.toBe(messageFor('unknown.key', 'vi'));
        expect(messageFor(key, 'en'), key).not.toBe(messageFor('unknown.key', 'en'));
      }
    }
  });
});
