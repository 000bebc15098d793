import type { Dossier } from '../../../../shared/domain';
import { createSealPayload, parseSealPayload } from '../../../../shared/verification';
import { defineForm, stepRecord, type PrintContext } from '../definition';
import { formatDateTimeVn, formatDateVn } from '../format';
import { html } from '../html';
import { labelsFor, type PrintLanguage } from '../labels';
import { applicantFields, documentShell, field, header, signatures } from '../layout';
import { qrBlock } from '../qr';
import type { FormBase, Signatory } from '../types';

/** Result slip. `issuedAt` defaults to returnedAt, else the result date. */
export interface ResultSlipData extends FormBase {
  /** Must carry `result` (sealed or returned). */
  dossier: Dossier;
  /** From shared/verification createSealPayload. */
  sealPayload: string;
  officer: Signatory;
}

export const resultSlipForm = defineForm({
  kind: 'result',
  page: 'A5',
  render: renderResultSlip,
  gather: gatherResultSlip,
  offer: { when: (dossier) => dossier.result !== null, label: (t) => t.resultOffer },
  printedAfter: ['seal'],
});

/** Seals the dossier's code and result number with the device's key; signed by who sealed. */
async function gatherResultSlip(context: PrintContext): Promise<ResultSlipData> {
  const { base, signer } = await stepRecord(context, ['seal']);
  const { dossier } = base;
  if (!dossier.result) throw new Error('no result');
  const key = await context.sealKey();
  const sealPayload = createSealPayload(
    {
      code: dossier.code,
      officeAgencyCode: context.office.agencyCode,
      issuedAt: dossier.result.date,
      resultNumber: dossier.result.number,
    },
    key.secretKey,
    key.keyId,
  );
  return { ...base, sealPayload, officer: signer };
}

/**
 * Result slip (phiếu kết quả): the result record and the seal QR from shared/verification. The
 * payload is parsed first so a slip can never carry a seal for another dossier or result number.
 */
export async function renderResultSlip(data: ResultSlipData, lang: PrintLanguage = 'vi'): Promise<string> {
  const t = labelsFor(lang);
  const { dossier, office } = data;
  const result = dossier.result;
  if (!result) throw new Error('result slip: the dossier has no result yet');
  const seal = parseSealPayload(data.sealPayload);
  if (seal.code !== dossier.code || seal.resultNumber !== result.number.trim()) {
    throw new Error('result slip: the seal does not match this dossier and result');
  }
  const qr = await qrBlock(data.sealPayload, 'qr seal-qr');
  const body = html`
    ${header(t, office, {
      number: data.number,
      place: data.place,
      issuedAt: data.issuedAt ?? (dossier.returnedAt || result.date),
    })}
    <h1>${t.resultTitle}</h1>
    ${field(t.dossierCode, html`<span class="code">${dossier.code}</span>`, 'dossier-code')}
    ${applicantFields(t, dossier.applicant)} ${field(t.request, dossier.procedureName, 'request')}
    ${field(t.resultDocument, result.documentType, 'result-type')}
    ${field(t.resultNumber, result.number, 'result-number')}
    ${field(t.resultDate, formatDateVn(result.date), 'result-date')}
    ${field(t.resultSigner, result.signer, 'result-signer')}
    ${field(t.receivedAt, formatDateTimeVn(dossier.receivedAt), 'received-at')}
    ${field(t.appointment, dossier.dueAt ? formatDateTimeVn(dossier.dueAt) : t.noAppointment, 'due-at')}
    ${dossier.returnedAt ? field(t.returnedAt, formatDateTimeVn(dossier.returnedAt), 'returned-at') : ''}
    <div class="qr-row">
      ${qr}
      <div class="qr-note">
        ${t.verifyQr(office.name)}<br />${t.verifyKey}: <span class="code">${seal.keyId}</span>
      </div>
    </div>
    ${signatures([
      { role: t.collectorSigner, hint: t.signHint, name: dossier.applicant.fullName },
      { role: t.returnerSigner, hint: t.signHint, name: data.officer.fullName },
    ])}
  `;
  return documentShell(resultSlipForm, { lang, title: `${t.resultTitle} ${dossier.code}`, body });
}
