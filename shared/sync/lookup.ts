import { z } from 'zod';
import { DOSSIER_CODE_PATTERN } from '../domain/dossier';
import { isoDateTimeSchema } from '../domain/primitives';
import { normalizeSearchText } from '../workflow/search-text';
import { pulledDocumentSchema } from './contract';

/**
 * Looking a dossier up on the provincial server when the counter does not hold it (issue 27: a new
 * counter's history arrives after it is usable). The server holds the wire form of the office's
 * dossiers (the applicant in clear; the counter's blind index is keyed per counter and never leaves
 * it), so it matches the code, the ID number or tax code and the name itself. The request is a POST
 * body, never a URL, so an ID number does not end up in an access log.
 */
export const DOSSIER_LOOKUP_PATH = '/dossiers/lookup';

/** Dossiers one answer holds at most (a name prefix may match more: `more` says so). */
export const DOSSIER_LOOKUP_LIMIT = 20;

/** A whole CMND (9) or CCCD (12) number, or a tax code (10 or 13 digits). */
export const LOOKUP_ID_PATTERN = /^(\d{9}|\d{10}|\d{12}|\d{13})$/;

/** Name search key: the counter's (lower case, no diacritics, punctuation folded to spaces). */
export function lookupNameKey(value: string): string {
  return normalizeSearchText(value)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const dossierLookupSchema = z.discriminatedUnion('by', [
  z.strictObject({
    by: z.literal('code'),
    code: z.string().regex(DOSSIER_CODE_PATTERN, 'code: a dossier code such as 000.00.06.H56-231027-0361'),
  }),
  z.strictObject({
    by: z.literal('idNumber'),
    idNumber: z.string().regex(LOOKUP_ID_PATTERN, 'idNumber: 9 or 12 digits (ID), 10 or 13 (tax code)'),
  }),
  z.strictObject({
    by: z.literal('name'),
    name: z
      .string()
      .max(120, 'name: at most 120 characters')
      .refine((v) => lookupNameKey(v).length >= 2, 'name: at least 2 letters'),
  }),
]);
export type DossierLookup = z.infer<typeof dossierLookupSchema>;

/** The dossiers found (wire form, as a pull carries them) and every event of each. */
export const dossierLookupResponseSchema = z.object({
  dossiers: z.array(pulledDocumentSchema),
  events: z.array(pulledDocumentSchema),
  /** More dossiers matched than the answer holds (a short name prefix). */
  more: z.boolean(),
  serverTime: isoDateTimeSchema,
});
export type DossierLookupResponse = z.infer<typeof dossierLookupResponseSchema>;

/**
 * What the counter's search box text asks the server: a dossier code, a whole ID number or tax code
 * (spaces, dots and dashes tolerated), else a name of two letters or more; null for what the server
 * cannot look up (a phone number, a partial number, a single letter).
 */
export function lookupQueryOf(text: string): DossierLookup | null {
  const value = text.trim();
  if (DOSSIER_CODE_PATTERN.test(value.toUpperCase())) return { by: 'code', code: value.toUpperCase() };
  const digits = value.replace(/[\s.-]/g, '');
  if (/^\+?\d+$/.test(digits))
    return LOOKUP_ID_PATTERN.test(digits) ? { by: 'idNumber', idNumber: digits } : null;
  return lookupNameKey(value).length >= 2 && value.length <= 120 ? { by: 'name', name: value } : null;
}
