import type { Dossier, DossierEvent, Office } from '../../../../shared/domain';
import { defineForm, type PrintContext } from '../definition';
import { formatDateTimeVn, formatNumberVi, formatSequence } from '../format';
import { html, type SafeHtml } from '../html';
import { labelsFor, type PrintLabels, type PrintLanguage } from '../labels';
import { documentShell } from '../layout';
import { agencyOf, gridTable } from './parts';

export interface RegisterEntry {
  dossier: Dossier;
  /** Used for "sent to agency" / "result back" (transferred events); optional. */
  events?: DossierEvent[];
  /** Defaults to the office name. */
  leadAgency?: string;
  sets?: number;
  notes?: string;
}

/** Form 06 (A4 landscape). Rows are numbered from `firstNumber` (default 1) in the order given. */
export interface RegisterData {
  office: Office;
  year: number;
  entries: RegisterEntry[];
  firstNumber?: number;
}

/** Printed from the register screen (`extra.year`), not offered on a dossier. */
export const registerForm = defineForm({
  kind: '06',
  page: 'A4-landscape',
  render: renderRegister,
  gather: gatherRegister,
});

/** The register's rows of `extra.year` (default this year), each led by the office. */
async function gatherRegister(context: PrintContext): Promise<RegisterData> {
  const { office } = context;
  const year = Number(context.extra.year ?? new Date().getFullYear());
  const rows = await context.registerRows(year);
  return { office, year, entries: rows.map((d) => ({ dossier: d, leadAgency: office.name })) };
}

/**
 * Each dossier's number in the year's register (01, 02, … in the order the register lists them, as
 * the printed rows are numbered), by dossier id: a list of the register that shows it page by page
 * numbers each row by its place in the whole year, never by its place on the page.
 */
export function registerNumbers(
  dossiers: readonly Pick<Dossier, 'id'>[],
  firstNumber = 1,
): Map<string, string> {
  return new Map(dossiers.map((d, i) => [d.id, formatSequence(firstNumber + i)]));
}

/** Sent to / back from the deciding agency, read from the transfer events. */
export function transferTimes(entry: RegisterEntry): { sent: string; back: string; agency: string } {
  const events = [...(entry.events ?? [])].sort((a, b) => a.seq - b.seq);
  const sent = events.find((e) => e.to === 'transferred');
  const back = sent ? events.find((e) => e.seq > sent.seq && e.from === 'transferred') : undefined;
  return { sent: sent?.at ?? '', back: back?.at ?? '', agency: agencyOf(sent) };
}

function registerRow(t: PrintLabels, entry: RegisterEntry, n: number, officeName: string): SafeHtml {
  const { dossier } = entry;
  const { sent, back, agency } = transferTimes(entry);
  const contact = [dossier.applicant.address, dossier.applicant.phone].filter(Boolean).join('; ');
  const notes = [entry.notes, dossier.status === 'returned' ? '' : t.statuses[dossier.status]]
    .filter(Boolean)
    .join('. ');
  return html`<tr>
    <td class="num">${formatSequence(n)}</td>
    <td class="code">${dossier.code}</td>
    <td>${dossier.procedureName}</td>
    <td class="num">${formatNumberVi(entry.sets ?? 1)}</td>
    <td>${dossier.applicant.fullName}</td>
    <td>${contact}</td>
    <td>${entry.leadAgency || agency || officeName}</td>
    <td class="num">${formatDateTimeVn(dossier.receivedAt)}</td>
    <td class="num">${formatDateTimeVn(dossier.dueAt)}</td>
    <td class="num">${formatDateTimeVn(sent)}</td>
    <td class="num">${formatDateTimeVn(back)}</td>
    <td class="num">${formatDateTimeVn(dossier.returnedAt)}</td>
    <td>${notes}</td>
  </tr>`;
}

/** Form 06: Sổ theo dõi hồ sơ, A4 landscape, numbered from 01 each year. */
export async function renderRegister(data: RegisterData, lang: PrintLanguage = 'vi'): Promise<string> {
  const t = labelsFor(lang);
  const first = data.firstNumber ?? 1;
  const body = html`
    <div class="register-head">
      <div class="office">
        <strong>${data.office.parentName}</strong><br /><strong>${data.office.name}</strong>
      </div>
      <h1>${t.registerTitle}</h1>
      <p class="subtitle">${t.registerYear(String(data.year))}</p>
    </div>
    ${gridTable(
      'register',
      [
        t.no,
        t.dossierCode,
        t.procedure,
        t.sets,
        t.applicantName,
        t.addressPhone,
        t.leadAgency,
        t.registerReceived,
        t.registerDue,
        t.sentToAgency,
        t.resultBack,
        t.returnedTo,
        t.notes,
      ],
      data.entries.map((e, i) => registerRow(t, e, first + i, data.office.name)),
      t.registerEmpty,
    )}
    <p class="total">${t.registerTotal(formatNumberVi(data.entries.length))}</p>
  `;
  return documentShell(registerForm, { lang, title: `${t.registerTitle} ${data.year}`, body });
}
