import { z } from 'zod';

/**
 * Applicant (người nộp hồ sơ). Messages are i18n keys under `validation.*` so the UI can show them in
 * Vietnamese (default) or English; see shared/i18n/validation.ts.
 */

/** CCCD (12 digits, since 2016) or the old CMND (9 digits). */
export const ID_NUMBER_PATTERN = /^(\d{12}|\d{9})$/;
/** Vietnamese mobile (03/05/07/08/09 + 8 digits) or landline (02x + 8 digits); +84 accepted. */
export const PHONE_PATTERN = /^(0|\+84)(3|5|7|8|9|2\d)\d{8}$/;

export const APPLICANT_KINDS = ['individual', 'organisation'] as const;

/** Strip spaces, dots and dashes people type inside phone and ID numbers. */
export function compactDigits(value: string): string {
  return value.replace(/[\s.()-]/g, '');
}

const trimmed = (max: number) => z.string().trim().max(max, 'validation.too_long');

const phoneSchema = z
  .string()
  .transform(compactDigits)
  .pipe(z.string().regex(PHONE_PATTERN, 'validation.phone_invalid'));

const idNumberSchema = z
  .string()
  .transform(compactDigits)
  .pipe(z.string().regex(ID_NUMBER_PATTERN, 'validation.id_number_invalid'));

export const applicantSchema = z
  .object({
    kind: z.enum(APPLICANT_KINDS),
    fullName: trimmed(120).min(2, 'validation.full_name_required'),
    idNumber: z.union([z.literal(''), idNumberSchema]),
    /** Organisations: tax / enterprise code (mã số thuế, 10 or 13 digits). */
    taxCode: z.union([
      z.literal(''),
      z
        .string()
        .transform(compactDigits)
        .pipe(z.string().regex(/^\d{10}(\d{3})?$/, 'validation.tax_code_invalid')),
    ]),
    phone: z.union([z.literal(''), phoneSchema]),
    email: z.union([z.literal(''), z.email('validation.email_invalid').max(120)]),
    address: trimmed(300).min(3, 'validation.address_required'),
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'individual' && a.idNumber === '') {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'validation.id_number_required' });
    }
    if (a.kind === 'organisation' && a.taxCode === '') {
      ctx.addIssue({ code: 'custom', path: ['taxCode'], message: 'validation.tax_code_required' });
    }
    if (a.phone === '' && a.email === '') {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'validation.contact_required' });
    }
  });
export type Applicant = z.output<typeof applicantSchema>;
export type ApplicantInput = z.input<typeof applicantSchema>;

/** Result of validating applicant input: either the clean value or a field → message-key map. */
export type FieldErrors = Record<string, string>;
export function validateApplicant(
  input: unknown,
): { ok: true; value: Applicant } | { ok: false; errors: FieldErrors } {
  const parsed = applicantSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.') || '_';
    errors[field] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
  }
  return { ok: false, errors };
}
