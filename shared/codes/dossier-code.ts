import { AGENCY_CODE_PATTERN } from '../domain/office';
import { DOSSIER_CODE_PATTERN } from '../domain/dossier';

/**
 * Dossier code `<agency code>-YYMMDD-NNNN` (DOMAIN.md, "Dossier code"): the agency code after
 * QCVN 102:2016/BTTTT, the receipt date in Vietnam's calendar, and a 4-digit sequence per agency per
 * day starting at 0001. Example: `000.00.06.H56-231027-0361`.
 *
 * Who hands out which sequence number is the job of ./allocator.ts (counter) and ./lease.ts (server);
 * this module only formats and parses.
 */

/** Vietnam has used UTC+7 all year since 1975 (no daylight saving). */
export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
export const MIN_SEQ = 1;
export const MAX_SEQ = 9999;

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO instant; a string without an offset would be read in the machine's zone, so refuse it. */
function instantMs(iso: string): number {
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) throw new RangeError(`instant without offset: ${iso}`);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant: ${iso}`);
  return ms;
}

/** Calendar date `YYYY-MM-DD` of an instant in Vietnam (UTC+7), whatever the machine's time zone. */
export function localDateVn(iso: string): string {
  return new Date(instantMs(iso) + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date `YYYY-MM-DD` (rejects 2023-02-30). */
export function isCalendarDate(date: string): boolean {
  const m = ISO_DATE.exec(date);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

/** `date` plus `days` calendar days (negative allowed). */
export function addDays(date: string, days: number): string {
  if (!isCalendarDate(date)) throw new RangeError(`invalid date: ${date}`);
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The YYMMDD part only covers 2000–2099. */
function yymmdd(date: string): string {
  const year = Number(date.slice(0, 4));
  if (year < 2000 || year > 2099) throw new RangeError(`year outside 2000–2099: ${date}`);
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

/** Builds a code for a receipt date `YYYY-MM-DD` (Vietnam calendar). */
export function formatDossierCodeForDate(agencyCode: string, date: string, seq: number): string {
  if (!AGENCY_CODE_PATTERN.test(agencyCode)) throw new RangeError(`invalid agency code: ${agencyCode}`);
  if (!isCalendarDate(date)) throw new RangeError(`invalid date: ${date}`);
  if (!Number.isInteger(seq) || seq < MIN_SEQ || seq > MAX_SEQ) {
    throw new RangeError(`sequence outside ${MIN_SEQ}–${MAX_SEQ}: ${seq}`);
  }
  return `${agencyCode}-${yymmdd(date)}-${String(seq).padStart(4, '0')}`;
}

/** Builds the code of a dossier received at instant `receivedAtIso` (its date is taken in UTC+7). */
export function formatDossierCode(agencyCode: string, receivedAtIso: string, seq: number): string {
  return formatDossierCodeForDate(agencyCode, localDateVn(receivedAtIso), seq);
}

export interface ParsedDossierCode {
  agencyCode: string;
  /** Receipt date `YYYY-MM-DD` (Vietnam calendar). */
  date: string;
  seq: number;
}

/** Splits a code into its parts, or null when it is not a well-formed code (bad date, 0000, …). */
export function parseDossierCode(code: string): ParsedDossierCode | null {
  if (typeof code !== 'string' || !DOSSIER_CODE_PATTERN.test(code)) return null;
  const [agencyCode, ymd, nnnn] = code.split('-') as [string, string, string];
  const date = `20${ymd.slice(0, 2)}-${ymd.slice(2, 4)}-${ymd.slice(4, 6)}`;
  const seq = Number(nnnn);
  if (!isCalendarDate(date) || seq < MIN_SEQ) return null;
  return { agencyCode, date, seq };
}
