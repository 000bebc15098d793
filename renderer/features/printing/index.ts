/**
 * Printing: every printed form as a complete, self-contained HTML document (inline CSS with `@page`,
 * inline SVG QR codes, nothing fetched). Templates are pure: the same data gives the same document.
 *
 * Each form is one definition (./definition.ts FormDefinition) in ./forms/<form>.ts: its kind, its
 * paper, its template, the builder of its data from a PrintContext, and where the dossier screen
 * offers it. ./registry.ts lists them; FormKind and FormDataMap derive from that list. A new form
 * touches its file, the registry, and ./labels.ts for its words.
 *
 * Data each form needs (see each form's data type):
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
 *
 * The print service (./service.ts) gathers, renders and prints through the platform (browser print
 * in web mode, the Electron shell's print/PDF on the desktop). It prints in Vietnamese whatever the
 * UI language: it takes none. English renderings (renderForm's 'en') are previews for the screen.
 */
export type { PrintLanguage, PrintLabels } from './labels';
export { PRINT_LABELS, labelsFor } from './labels';
export * from './types';
export { escapeHtml } from './html';
export { formatDateTimeVn, formatDateVn, formatNumberVi } from './format';
export { timingOf, type Timing } from './timing';
export { renderReceipt, type ReceiptData } from './forms/receipt';
export { renderSupplement, type SupplementData, type SupplementItem } from './forms/supplement';
export { renderRefusal, type RefusalData } from './forms/refusal';
export { renderApology, type ApologyData } from './forms/apology';
export { renderControlSheet, type ControlSheetData } from './forms/control-sheet';
export { registerNumbers, renderRegister, type RegisterData, type RegisterEntry } from './forms/register';
export { renderResultSlip, type ResultSlipData } from './forms/result';
export * from './registry';
export {
  printContext,
  type FormDefinition,
  type PrintContext,
  type PrintingOfficer,
  type PrintSources,
  type SealKey,
} from './definition';
export { deviceSealKey, SEAL_KEY_SETTING, type SealKeySettings } from './seal-key';
export { createPrintService, printHtml, type PrintService } from './service';
