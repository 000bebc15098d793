import type { CopyType, Dossier } from '../../../../shared/domain';
import { defineForm, payloadString, stepRecord, type PrintContext } from '../definition';
import { html, multiline } from '../html';
import { labelsFor, type PrintLanguage } from '../labels';
import { documentShell, field, signatures } from '../layout';
import type { FormBase, Signatory } from '../types';
import { intakeLetterHead, supplementTable } from './parts';

export interface SupplementItem {
  /** Document name. */
  name: string;
  /** What to add or correct. */
  requirement?: string;
  copyType?: CopyType;
  count?: number;
}

/** Form 02. `issuedAt` defaults to the dossier's updatedAt. */
export interface SupplementData extends FormBase {
  dossier: Dossier;
  officer: Signatory;
  items: SupplementItem[];
  reason: string;
  /** Who to contact, e.g. "Nguyễn Thị B, số điện thoại 0227 3831 234"; defaults to the office phone. */
  contact?: string;
}

export const supplementForm = defineForm({
  kind: '02',
  page: 'A5',
  render: renderSupplement,
  gather: gatherSupplement,
  offer: {
    when: (dossier) => dossier.status === 'incomplete' || dossier.status === 'supplement_requested',
    label: (t) => t.supplementOffer,
  },
  printedAfter: ['record_incomplete', 'request_supplement'],
});

/**
 * From the latest supplement request (appraisal) or incomplete intake: its documents (appraisal's
 * `documents`, intake's `missingDocuments`) and reason, signed by who asked. Each row prints its own
 * requirement; a document's text that only repeats the step's overall note is that note, printed
 * once as the reason, and leaves the row's cell empty.
 */
async function gatherSupplement(context: PrintContext): Promise<SupplementData> {
  const { base, event, payload, signer } = await stepRecord(context, [
    'request_supplement',
    'record_incomplete',
  ]);
  const list = (
    Array.isArray(payload.documents) && event?.type === 'request_supplement'
      ? payload.documents
      : payload.missingDocuments
  ) as { name: string; reason?: string; note?: string }[] | undefined;
  const own = (i: { reason?: string; note?: string }) => (i.reason ?? i.note ?? '').trim();
  const note = (payloadString(payload.reason) || payloadString(payload.notes)).trim();
  return {
    ...base,
    officer: signer,
    items: (list ?? []).map((i) => ({ name: i.name, requirement: own(i) === note ? '' : own(i) })),
    reason: note || (list ?? []).map(own).filter(Boolean).join('; '),
  };
}

/** Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (at intake, or during appraisal). */
export async function renderSupplement(data: SupplementData, lang: PrintLanguage = 'vi'): Promise<string> {
  const t = labelsFor(lang);
  const { dossier, office } = data;
  const contact = data.contact ?? [data.officer.fullName, office.phone].filter(Boolean).join(', ');
  const body = html`
    ${intakeLetterHead(t, data, t.supplementTitle, t.supplementIntro(office.name))}
    <p class="section">${t.supplementItems}:</p>
    ${supplementTable(t, data.items)} ${field(t.reason, multiline(data.reason), 'reason')}
    <p class="once-note">${t.onceNote}</p>
    <p class="contact">${t.contact(contact)}</p>
    ${signatures([
      { role: t.applicantSigner, hint: t.signHint, name: dossier.applicant.fullName },
      { role: t.guideSigner, hint: t.signHint, name: data.officer.fullName },
    ])}
  `;
  return documentShell(supplementForm, { lang, title: t.supplementTitle, body });
}
