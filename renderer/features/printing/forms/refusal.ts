import type { Dossier } from '../../../../shared/domain';
import { defineForm, payloadString, stepRecord, type PrintContext } from '../definition';
import { html, multiline } from '../html';
import { labelsFor, type PrintLanguage } from '../labels';
import { documentShell, signatures } from '../layout';
import type { FormBase, Signatory } from '../types';
import { intakeLetterHead } from './parts';

/** Form 03. `issuedAt` defaults to the dossier's updatedAt. */
export interface RefusalData extends FormBase {
  dossier: Dossier;
  officer: Signatory;
  reason: string;
}

export const refusalForm = defineForm({
  kind: '03',
  page: 'A5',
  render: renderRefusal,
  gather: gatherRefusal,
  offer: {
    when: (dossier) => dossier.status === 'refused_intake' || dossier.status === 'refused',
    label: (t) => t.refusalOffer,
  },
  printedAfter: ['refuse_intake'],
});

/** The reason of the latest refusal (at intake or after appraisal), signed by who refused. */
async function gatherRefusal(context: PrintContext): Promise<RefusalData> {
  const { base, payload, signer } = await stepRecord(context, ['refuse_intake', 'refuse']);
  return { ...base, officer: signer, reason: payloadString(payload.reason) };
}

/** Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export async function renderRefusal(data: RefusalData, lang: PrintLanguage = 'vi'): Promise<string> {
  const t = labelsFor(lang);
  const { dossier, office } = data;
  const body = html`
    ${intakeLetterHead(t, data, t.refusalTitle, t.refusalIntro(office.name))}
    <p class="section">${t.refusalReason}:</p>
    <p class="reason"><strong>${multiline(data.reason)}</strong></p>
    <p>${t.refusalClose}</p>
    ${signatures([
      { role: t.applicantSigner, hint: t.signHint, name: dossier.applicant.fullName },
      { role: t.receiverSigner, hint: t.signHint, name: data.officer.fullName },
    ])}
  `;
  return documentShell(refusalForm, { lang, title: t.refusalTitle, body });
}
