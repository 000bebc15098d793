import type { Dossier } from '../../../../shared/domain';
import { ruleSetOf } from '../../../../shared/rules';
import { defineForm, payloadString, stepRecord, type PrintContext } from '../definition';
import { formatDateTimeVn, formatDateVn } from '../format';
import { html, multiline } from '../html';
import { labelsFor, type PrintLanguage } from '../labels';
import { applicantFields, documentShell, field, header, signatures } from '../layout';
import type { FormBase, Signatory } from '../types';

/** The stop-processing notice. `issuedAt` defaults to the dossier's updatedAt (when it stopped). */
export interface StopNoticeData extends FormBase {
  dossier: Dossier;
  reason: string;
  /** Head of the agency who signs and seals. */
  head: Signatory;
}

/**
 * Thông báo dừng xử lý hồ sơ: required by Decree 118/2025 (shared/rules), so offered and printed
 * after the stop only for dossiers received from 1 July 2025.
 */
export const stopNoticeForm = defineForm({
  kind: 'stop',
  page: 'A5',
  render: renderStopNotice,
  gather: gatherStopNotice,
  legalForm: 'stop_processing_notice',
  offer: { when: (dossier) => dossier.status === 'stopped', label: (t) => t.stopNoticeOffer },
  printedAfter: ['stop'],
});

/** The reason of the stop, signed by who stopped it. */
async function gatherStopNotice(context: PrintContext): Promise<StopNoticeData> {
  const { base, payload, signer } = await stepRecord(context, ['stop']);
  return { ...base, reason: payloadString(payload.reason), head: signer };
}

/** The notice: the dossier, the legal basis of its rule set, the reason, the head who seals. */
export async function renderStopNotice(data: StopNoticeData, lang: PrintLanguage = 'vi'): Promise<string> {
  const t = labelsFor(lang);
  const { dossier, office } = data;
  const headRole = data.head.title ? data.head.title.toLocaleUpperCase('vi') : t.headSigner;
  const issuedAt = data.issuedAt ?? dossier.updatedAt;
  const body = html`
    ${header(t, office, { number: data.number, place: data.place, issuedAt })}
    <h1>${t.stopNoticeTitle}</h1>
    <p class="basis">${t.stopNoticeBasis(ruleSetOf(dossier).legalBasis[0] ?? '')}</p>
    ${field(t.addressee, dossier.applicant.fullName, 'addressee')}
    <p class="intro">${t.apologyReceived(office.name, formatDateVn(dossier.receivedAt))}</p>
    ${applicantFields(t, dossier.applicant)}
    ${dossier.code ? field(t.dossierCode, html`<span class="code">${dossier.code}</span>`, 'dossier-code') : ''}
    ${field(t.request, dossier.procedureName, 'request')}
    ${field(t.stoppedAt, formatDateTimeVn(issuedAt), 'stopped-at')}
    <p>${t.stopNoticeBody(office.name)}</p>
    <p class="reason"><strong>${multiline(data.reason)}</strong></p>
    <p>${t.stopNoticeClose}</p>
    ${signatures([
      { role: '', hint: '' },
      { role: headRole, hint: t.sealHint, name: data.head.fullName },
    ])}
  `;
  return documentShell(stopNoticeForm, { lang, title: `${t.stopNoticeTitle} ${dossier.code}`, body });
}
