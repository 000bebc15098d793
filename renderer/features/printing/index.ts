/**
 * Printed forms as complete, self-contained HTML documents (inline CSS with `@page`, inline SVG QR
 * codes, nothing fetched). Pure: the same data gives the same document. The caller prints it
 * (browser print in web mode, the Electron shell's print/PDF on the desktop).
 *
 * Data each form needs (see ./types.ts for every field):
 * - '01' receipt & appointment: office, dossier (code, applicant, documents, receivedAt, dueAt),
 *        receiver; optional procedure (legal time, fees), number, place, registerRef, collectAt,
 *        sets, trackingText (QR text, default the dossier code).
 * - '02' supplement request: office, dossier, officer, items [{name, requirement?, copyType?,
 *        count?}], reason; optional contact, number, place, issuedAt.
 * - '03' refusal: office, dossier, officer, reason.
 * - '04' apology & new date: office, dossier, reason, newDueAt, head {fullName, title?}; optional
 *        originalDueAt (default dossier.originalDueAt || dossier.dueAt), addressee.
 * - '05' control sheet: office, dossier, events (all of the dossier's); optional procedure.
 * - '06' register (A4 landscape): office, year, entries [{dossier, events?, leadAgency?, sets?,
 *        notes?}]; optional firstNumber.
 * - 'result' result slip: office, dossier with `result`, officer, sealPayload (from
 *        shared/verification createSealPayload for this dossier's code and result number).
 */
import type { PrintLanguage } from './labels';
import { renderApology, renderRefusal, renderSupplement } from './forms/notices';
import { renderReceipt } from './forms/receipt';
import { renderControlSheet, renderRegister } from './forms/records';
import { renderResultSlip } from './forms/result';
import type { FormDataMap, FormKind } from './types';

export type { PrintLanguage } from './labels';
export { PRINT_LABELS, labelsFor } from './labels';
export * from './types';
export { escapeHtml } from './html';
export { printHtml } from './service';
export { formatDateTimeVn, formatDateVn, formatNumberVi } from './format';
export { timingOf, type Timing } from './timing';
export {
  renderApology,
  renderControlSheet,
  renderReceipt,
  renderRefusal,
  renderRegister,
  renderResultSlip,
  renderSupplement,
};

const RENDERERS: { [K in FormKind]: (data: FormDataMap[K], lang: PrintLanguage) => Promise<string> } = {
  '01': renderReceipt,
  '02': renderSupplement,
  '03': renderRefusal,
  '04': renderApology,
  '05': renderControlSheet,
  '06': renderRegister,
  result: renderResultSlip,
};

/** Renders one form as a complete HTML document, Vietnamese unless `lang` is 'en'. */
export function renderForm<K extends FormKind>(
  kind: K,
  data: FormDataMap[K],
  lang: PrintLanguage = 'vi',
): Promise<string> {
  const render = RENDERERS[kind] as (data: FormDataMap[K], lang: PrintLanguage) => Promise<string>;
  return render(data, lang);
}
