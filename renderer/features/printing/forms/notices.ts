import { formatDateTimeVn, formatDateVn } from '../format';
import { html, multiline } from '../html';
import { labelsFor, type PrintLanguage } from '../labels';
import { applicantFields, documentShell, field, header, signatures } from '../layout';
import type { ApologyData, RefusalData, SupplementData } from '../types';
import { supplementTable } from './parts';

/** Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (at intake, or during appraisal). */
export async function renderSupplement(data: SupplementData, lang: PrintLanguage = 'vi'): Promise<string> {
  const t = labelsFor(lang);
  const { dossier, office } = data;
  const contact = data.contact ?? [data.officer.fullName, office.phone].filter(Boolean).join(', ');
  const body = html`
    ${header(t, office, { number: data.number, place: data.place, issuedAt: data.issuedAt ?? dossier.updatedAt })}
    <h1>${t.supplementTitle}</h1>
    ${dossier.code ? field(t.dossierCode, html`<span class="code">${dossier.code}</span>`, 'dossier-code') : ''}
    <p class="intro">${t.supplementIntro(office.name)}</p>
    ${applicantFields(t, dossier.applicant)} ${field(t.request, dossier.procedureName, 'request')}
    ${field(t.receivedAt, formatDateTimeVn(dossier.receivedAt), 'received-at')}
    <p class="section">${t.supplementItems}:</p>
    ${supplementTable(t, data.items)} ${field(t.reason, multiline(data.reason), 'reason')}
    <p class="once-note">${t.onceNote}</p>
    <p class="contact">${t.contact(contact)}</p>
    ${signatures([
      { role: t.applicantSigner, hint: t.signHint, name: dossier.applicant.fullName },
      { role: t.guideSigner, hint: t.signHint, name: data.officer.fullName },
    ])}
  `;
  return documentShell({ lang, title: t.supplementTitle, page: 'A5', form: '02', body });
}

/** Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export async function renderRefusal(data: RefusalData, lang: PrintLanguage = 'vi'): Promise<string> {
  const t = labelsFor(lang);
  const { dossier, office } = data;
  const body = html`
    ${header(t, office, { number: data.number, place: data.place, issuedAt: data.issuedAt ?? dossier.updatedAt })}
    <h1>${t.refusalTitle}</h1>
    ${dossier.code ? field(t.dossierCode, html`<span class="code">${dossier.code}</span>`, 'dossier-code') : ''}
    <p class="intro">${t.refusalIntro(office.name)}</p>
    ${applicantFields(t, dossier.applicant)} ${field(t.request, dossier.procedureName, 'request')}
    ${field(t.receivedAt, formatDateTimeVn(dossier.receivedAt), 'received-at')}
    <p class="section">${t.refusalReason}:</p>
    <p class="reason"><strong>${multiline(data.reason)}</strong></p>
    <p>${t.refusalClose}</p>
    ${signatures([
      { role: t.applicantSigner, hint: t.signHint, name: dossier.applicant.fullName },
      { role: t.receiverSigner, hint: t.signHint, name: data.officer.fullName },
    ])}
  `;
  return documentShell({ lang, title: t.refusalTitle, page: 'A5', form: '03', body });
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
  return documentShell({ lang, title: `${t.apologyTitle} ${dossier.code}`, page: 'A5', form: '04', body });
}
