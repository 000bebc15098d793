import type { DossierEvent } from '../../../../shared/domain';
import { formatDateTimeVn, formatNumberVi, formatSequence } from '../format';
import { html, multiline, type SafeHtml } from '../html';
import { labelsFor, type PrintLabels, type PrintLanguage } from '../labels';
import { documentShell, field, header } from '../layout';
import { timingOf } from '../timing';
import type { ControlSheetData, RegisterData, RegisterEntry } from '../types';

function payloadText(event: DossierEvent, ...keys: string[]): string {
  for (const key of keys) {
    const value = event.payload[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return '';
}

/** A party to a hand-over: a person with their role, an agency, or the applicant. */
export interface Party {
  name: string;
  role?: string;
}

function actor(t: PrintLabels, event: DossierEvent): Party {
  return { name: event.actorName, role: t.roles[event.actorRole] };
}

/** `hh:mm` over `dd/mm/yyyy`: keeps narrow A5 columns readable. */
function dateTimeCell(iso: string): SafeHtml {
  const [time = '', date = ''] = formatDateTimeVn(iso).split(' ');
  return date ? html`${time}<br />${date}` : html`${time}`;
}

function party(p: Party): SafeHtml {
  return p.role ? html`${p.name}<br /><span class="role">(${p.role})</span>` : html`${p.name}`;
}

export interface HandOver {
  step: string;
  from: Party;
  to: Party;
  at: string;
  timing: 'early' | 'on_time' | 'late' | null;
  note: string;
}

/** The deciding agency named by a transfer event (workflow's `toAgency`). */
function agencyOf(event: DossierEvent | undefined): string {
  return event?.to === 'transferred' ? payloadText(event, 'toAgency', 'agency') : '';
}

/**
 * The hand-overs of form 05, one per status change (events that keep the status, such as an edit
 * or an apology, hand nothing over): the dossier moves from whoever held it (the applicant at
 * first, the previous actor, or the deciding agency after a transfer) to the event's actor (the
 * agency on a transfer, the applicant on return).
 */
export function handOvers(t: PrintLabels, data: ControlSheetData): HandOver[] {
  const events = [...data.events].sort((a, b) => a.seq - b.seq).filter((e) => e.from !== e.to);
  const applicant = data.dossier.applicant.fullName;
  return events.map((event, i) => {
    const prev = events[i - 1];
    const prevAgency = agencyOf(prev);
    let from: Party = prev ? (prevAgency ? { name: prevAgency } : actor(t, prev)) : { name: applicant };
    let to: Party = agencyOf(event) ? { name: agencyOf(event) } : actor(t, event);
    if (event.to === 'returned') {
      from = actor(t, event);
      to = { name: applicant };
    }
    return {
      step: t.eventTypes[event.type] ?? t.statuses[event.to],
      from,
      to,
      at: event.at,
      timing: timingOf(event.at, data.dossier.dueAt),
      note: payloadText(event, 'note', 'notes', 'comment', 'reason'),
    };
  });
}

/** Form 05: Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export async function renderControlSheet(
  data: ControlSheetData,
  lang: PrintLanguage = 'vi',
): Promise<string> {
  const t = labelsFor(lang);
  const { dossier, office } = data;
  const rows = handOvers(t, data);
  const body = html`
    ${header(t, office, { issuedAt: dossier.receivedAt })}
    <h1>${t.controlTitle}</h1>
    ${field(t.dossierCode, html`<span class="code">${dossier.code}</span>`, 'dossier-code')}
    ${field(t.attachedTo, dossier.applicant.fullName, 'applicant-name')}
    ${field(t.request, dossier.procedureName, 'request')}
    ${field(t.receivedAt, formatDateTimeVn(dossier.receivedAt), 'received-at')}
    ${field(t.appointment, dossier.dueAt ? formatDateTimeVn(dossier.dueAt) : t.noAppointment, 'due-at')}
    ${field(t.leadAgency, data.procedure?.leadAgency || office.name, 'lead-agency')}
    <table class="grid handovers">
      <colgroup>
        <col style="width: 6mm" />
        <col style="width: 21mm" />
        <col style="width: 23mm" />
        <col style="width: 23mm" />
        <col style="width: 17mm" />
        <col style="width: 13mm" />
        <col style="width: 10mm" />
        <col style="width: 10mm" />
      </colgroup>
      <thead>
        <tr>
          <th>${t.no}</th>
          <th>${t.step}</th>
          <th>${t.handFrom}</th>
          <th>${t.handTo}</th>
          <th>${t.handAt}</th>
          <th>${t.handResult}</th>
          <th>${t.handFromSign}</th>
          <th>${t.handToSign}</th>
        </tr>
      </thead>
      <tbody>
        ${
          rows.length
            ? rows.map(
                (r, i) =>
                  html`<tr>
                    <td class="num">${i + 1}</td>
                    <td>${r.step}${r.note ? html`<div class="note">${multiline(r.note)}</div>` : ''}</td>
                    <td>${party(r.from)}</td>
                    <td>${party(r.to)}</td>
                    <td class="num">${dateTimeCell(r.at)}</td>
                    <td class="timing">${r.timing ? t.timing[r.timing] : ''}</td>
                    <td class="sign"></td>
                    <td class="sign"></td>
                  </tr>`,
              )
            : html`<tr>
                <td colspan="8">${t.noEvents}</td>
              </tr>`
        }
      </tbody>
    </table>
  `;
  return documentShell({ lang, title: `${t.controlTitle} ${dossier.code}`, page: 'A5', form: '05', body });
}

/** Sent to / back from the deciding agency, read from the transfer events. */
function transferTimes(entry: RegisterEntry): { sent: string; back: string; agency: string } {
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
    <table class="grid register">
      <thead>
        <tr>
          <th>${t.no}</th>
          <th>${t.dossierCode}</th>
          <th>${t.procedure}</th>
          <th>${t.sets}</th>
          <th>${t.applicantName}</th>
          <th>${t.addressPhone}</th>
          <th>${t.leadAgency}</th>
          <th>${t.registerReceived}</th>
          <th>${t.registerDue}</th>
          <th>${t.sentToAgency}</th>
          <th>${t.resultBack}</th>
          <th>${t.returnedTo}</th>
          <th>${t.notes}</th>
        </tr>
      </thead>
      <tbody>
        ${
          data.entries.length
            ? data.entries.map((e, i) => registerRow(t, e, first + i, data.office.name))
            : html`<tr>
                <td colspan="13">${t.registerEmpty}</td>
              </tr>`
        }
      </tbody>
    </table>
    <p class="total">${t.registerTotal(formatNumberVi(data.entries.length))}</p>
  `;
  return documentShell({
    lang,
    title: `${t.registerTitle} ${data.year}`,
    page: 'A4-landscape',
    form: '06',
    body,
  });
}
