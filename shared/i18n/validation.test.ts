import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as domain from '../domain';
import { CODES_ERROR_KEYS } from '../codes';
import {
  VALIDATION_LANGUAGES,
  VALIDATION_MESSAGES,
  isValidationKey,
  messageFor,
  nestedMessages,
} from './validation';

/** Every message a zod schema in shared/domain can produce, found by walking the schemas themselves. */
function messagesOf(schema: unknown, seen = new Set<unknown>()): string[] {
  if (!(schema instanceof z.ZodType) || seen.has(schema)) return [];
  seen.add(schema);
  const out: string[] = [];
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  for (const check of (def.checks as Array<{ _zod: { def: { error?: (i: unknown) => unknown } } }>) ?? []) {
    const msg = check._zod.def.error?.({});
    if (typeof msg === 'string') out.push(msg);
  }
  const error = (def as { error?: (i: unknown) => unknown }).error?.({});
  if (typeof error === 'string') out.push(error);
  for (const value of Object.values(def)) {
    const children = Array.isArray(value)
      ? value
      : value && typeof value === 'object'
        ? Object.values(value)
        : [value];
    for (const child of [value, ...children]) out.push(...messagesOf(child, seen));
  }
  return out;
}

describe('validation messages', () => {
  const domainKeys = [
    ...new Set(Object.values(domain).flatMap((exported) => messagesOf(exported))),
    // Issued from code (superRefine / validateApplicant), not declared on a schema.
    'validation.id_number_required',
    'validation.tax_code_required',
    'validation.contact_required',
    'validation.invalid',
  ];

  it('finds the keys the domain schemas declare', () => {
    expect(domainKeys).toEqual(
      expect.arrayContaining([
        'validation.phone_invalid',
        'validation.id_number_invalid',
        'validation.dossier_code_invalid',
        'validation.too_long',
        'validation.full_name_required',
        'validation.address_required',
        'validation.tax_code_invalid',
        'validation.email_invalid',
        'validation.agency_code_invalid',
        'validation.id_invalid',
        'validation.username_invalid',
      ]),
    );
  });

  it.each(VALIDATION_LANGUAGES)(
    'has a %s message for every key used in shared/domain and shared/codes',
    (lang) => {
      const generic = messageFor('no.such_key', lang);
      for (const key of [...domainKeys, ...CODES_ERROR_KEYS]) {
        const text = messageFor(key, lang);
        if (key !== 'validation.invalid') expect(text, key).not.toBe(generic);
        expect(isValidationKey(key) || isValidationKey(`validation.${key}`), key).toBe(true);
      }
    },
  );

  it('has the same keys in both languages, and no message left untranslated', () => {
    expect(Object.keys(VALIDATION_MESSAGES.en).sort()).toEqual(Object.keys(VALIDATION_MESSAGES.vi).sort());
    for (const key of Object.keys(VALIDATION_MESSAGES.vi) as Array<keyof typeof VALIDATION_MESSAGES.vi>) {
      expect(VALIDATION_MESSAGES.vi[key], key).not.toBe(VALIDATION_MESSAGES.en[key]);
      expect(VALIDATION_MESSAGES.vi[key].trim().length, key).toBeGreaterThan(5);
    }
  });

  it.each([
    ['validation.id_number_invalid', 'vi', 'Số CCCD phải gồm 12 chữ số (hoặc CMND 9 chữ số).'],
    ['validation.phone_invalid', 'vi', 'Số điện thoại không hợp lệ (ví dụ 0912345678).'],
    ['validation.phone_invalid', 'en', 'Invalid phone number (e.g. 0912345678).'],
    ['agency_code_invalid', 'vi', 'Mã cơ quan không đúng dạng (ví dụ 000.17.22.H56).'],
    ['not.a.key', 'vi', 'Giá trị không hợp lệ.'],
    ['not.a.key', 'en', 'Invalid value.'],
  ] as const)('messageFor(%s, %s)', (key, lang, text) => {
    expect(messageFor(key, lang)).toBe(text);
  });

  it('defaults to Vietnamese and nests the tables for i18next', () => {
    expect(messageFor('codes.exhausted')).toMatch(/^Quầy đã dùng hết số hồ sơ/);
    const nested = nestedMessages('en');
    expect(nested.validation?.email_invalid).toBe(VALIDATION_MESSAGES.en['validation.email_invalid']);
    expect(nested.codes?.needs_sync).toBe(VALIDATION_MESSAGES.en['codes.needs_sync']);
  });
});
