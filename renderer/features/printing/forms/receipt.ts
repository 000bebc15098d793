import type { Dossier, Procedure } from '../../../../shared/domain';
import { defineForm, stepRecord, type PrintContext } from '../definition';
import { formatDateTimeVn, formatNumberVi, formatSequence } from '../format';
import { html } from '../html';
import { labelsFor, type PrintLanguage } from '../labels';
import { applicantFields, documentShell, field, header, legalTimeText, signatures } from '../layout';
import { qrBlock } from '../qr';
import type { FormBase, Signatory } from '../types';
import { documentsTable } from './parts';

/** Form 01. `issuedAt` defaults to the dossier's receivedAt. */
export interface ReceiptData extends FormBase {
  dossier: Dossier;
  /** Supplies legal processing time and fees; without it those lines are left out. */
  procedure?: Procedure | null;
  receiver: Signatory;
  /** Where to collect the result; defaults to the office name and address. */
  collectAt?: string;
  /** Register reference, e.g. "Quyển số 01, số thứ tự 0361". */
  registerRef?: string;
  /** Number of dossier sets received; default 1. */
  sets?: number;
  /** Text of the tracking QR; defaults to the dossier code (e.g. pass a lookup URL). */
  trackingText?: string;
}

export const receiptForm = defineForm({
  kind: '01',
  page: 'A5',
  render: renderReceipt,
  gather: gatherReceipt,
  offer: { when: (dossier) => dossier.code !== '', label: (t) => t.receiptOffer },
  printedAfter: ['receive', 'complete_intake', 'supplement_received'],
});

/** Signed by whoever received the dossier (or completed its intake), else the signed-in officer. */
async function gatherReceipt(context: PrintContext): Promise<ReceiptData> {
  const { base, signer } = await stepRecord(context, ['receive', 'complete_intake']);
  return { ...base, procedure: await context.procedure(), receiver: signer };
}

/** Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export async function renderReceipt(data: ReceiptData, lang: PrintLanguage = 'vi'): Promise<string> {
  const t = labelsFor(lang);
  const { dossier, office, procedure } = data;
  const collectAt = data.collectAt ?? [office.name, office.address].filter(Boolean).join(', ');
  const tracking = data.trackingText ?? dossier.code;
  const qr = tracking ? await qrBlock(tracking) : null;
  const fees = procedure?.fees.length
    ? procedure.fees.map((f) => `${f.label}: ${formatNumberVi(f.amountVnd)} ${t.currency}`).join('; ')
    : null;
  const body = html`
    ${header(t, office, { number: data.number, place: data.place, issuedAt: data.issuedAt ?? dossier.receivedAt })}
    <h1>${t.receiptTitle}</h1>
    ${field(t.dossierCode, html`<span class="code">${dossier.code}</span>`, 'dossier-code')}
    <p class="intro">${t.receiptIntro(office.name)}</p>
    ${applicantFields(t, dossier.applicant)} ${field(t.request, dossier.procedureName, 'request')}
    <p class="section">1. ${t.documentsReceived}:</p>
    ${documentsTable(t, dossier.documents)}
    ${
      qr
        ? html`<div class="track">
            ${qr}
            <div class="qr-note">${t.trackQr}</div>
          </div>`
        : ''
    }
    ${field(`2. ${t.sets}`, t.setsValue(formatSequence(data.sets ?? 1)), 'sets')}
    ${procedure ? field(`3. ${t.legalTime}`, legalTimeText(t, procedure.legalTime), 'legal-time') : ''}
    ${fees ? field(t.fees, fees, 'fees') : ''}
    ${field(`4. ${t.receivedAt}`, formatDateTimeVn(dossier.receivedAt), 'received-at')}
    ${field(`5. ${t.dueAt}`, dossier.dueAt ? formatDateTimeVn(dossier.dueAt) : t.noAppointment, 'due-at')}
    ${field(`6. ${t.collectAt}`, collectAt, 'collect-at')}
    ${data.registerRef ? field(t.registerRef, data.registerRef, 'register-ref') : ''}
    ${signatures([
      { role: t.applicantSigner, hint: t.signHint, name: dossier.applicant.fullName },
      { role: t.receiverSigner, hint: t.signHint, name: data.receiver.fullName },
    ])}
  `;
  return documentShell(receiptForm, { lang, title: `${t.receiptTitle} ${dossier.code}`, body });
}
