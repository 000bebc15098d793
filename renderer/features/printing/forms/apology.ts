import type { Dossier } from '../../../../shared/domain';
import { defineForm, payloadString, stepRecord, type PrintContext } from '../definition';
import { formatDateTimeVn, formatDateVn } from '../format';
import { html, multiline } from '../html';
import { labelsFor, type PrintLanguage } from '../labels';
import { applicantFields, documentShell, field, header, signatures } from '../layout';
import type { FormBase, Signatory } from '../types';

/** Form 04. `issuedAt` defaults to the dossier's updatedAt. */
export interface ApologyData extends FormBase {
  dossier: Dossier;
  reason: string;
  /** The new appointment (ISO instant). */
  newDueAt: string;
  /** The appointment being missed; defaults to dossier.originalDueAt, else dossier.dueAt. */
  originalDueAt?: string;
  /** Head of the agency who signs and seals. */
  head: Signatory;
  /** Defaults to the applicant's name. */
  addressee?: string;
}

export const apologyForm = defineForm({
  kind: '04',
  page: 'A5',
  render: renderApology,
  gather: gatherApology,
  offer: { when: (dossier) => dossier.originalDueAt !== '', label: (t) => t.apologyOffer },
  printedAfter: ['apologize_extend'],
});

/** The reason and new date of the latest apology, signed by who recorded it. */
async function gatherApology(context: PrintContext): Promise<ApologyData> {
  const { base, payload, signer } = await stepRecord(context, ['apologize_extend']);
  return {
    ...base,
    reason: payloadString(payload.reason),
    newDueAt: payloadString(payload.newDueAt) || base.dossier.dueAt,
    head: signer,
  };
}

/** Form 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả, signed and sealed by the head of agency. */
export async function renderApology(data: ApologyData, lang: PrintLanguage = 'vi'): Promise<string> {
  const t = labelsFor(lang);
  const { dossier, office } = data;
  const originalDueAt = data.originalDueAt ?? (dossier.originalDueAt || dossier.dueAt);
  // The title (e.g. GIÁM ĐỐC) heads the signature block, as on signed administrative documents.
  const headRole = data.head.title ? data.head.title.toLocaleUpperCase('vi') : t.headSigner;
  const body = html`
    ${header(t, office, { number: data.number, place: data.place, issuedAt: data.issuedAt ?? dossier.updatedAt })}
    <h1>${t.apologyTitle}</h1>
    ${field(t.addressee, data.addressee ?? dossier.applicant.fullName, 'addressee')}
    <p class="intro">${t.apologyReceived(office.name, formatDateVn(dossier.receivedAt))}</p>
    ${applicantFields(t, dossier.applicant)}
    ${field(t.dossierCode, html`<span class="code">${dossier.code}</span>`, 'dossier-code')}
    ${field(t.request, dossier.procedureName, 'request')}
    ${field(t.originalDueAt, formatDateTimeVn(originalDueAt), 'original-due-at')}
    <p>${t.apologyLate(office.name)}</p>
    ${field(t.reason, multiline(data.reason), 'reason')}
    <p>${t.apologyBody(office.name)}</p>
    ${field(t.newDueAt, formatDateTimeVn(data.newDueAt), 'new-due-at')}
    <p>${t.apologyClose}</p>
    ${signatures([
      { role: '', hint: '' },
      { role: headRole, hint: t.sealHint, name: data.head.fullName },
    ])}
  `;
  return documentShell(apologyForm, { lang, title: `${t.apologyTitle} ${dossier.code}`, body });
}
