import type { Dossier, DossierEvent, Office, Procedure } from '../../../../shared/domain';
import { defineForm, dossierOf, type PrintContext } from '../definition';
import { formatDateTimeVn } from '../format';
import { html, multiline, type SafeHtml } from '../html';
import { labelsFor, type PrintLabels, type PrintLanguage } from '../labels';
import { documentShell, field, header } from '../layout';
import { timingOf } from '../timing';
import { agencyOf, gridTable, payloadText } from './parts';

/**
 * Form 05. One row per status change, in `seq` order. The deciding agency is read from the transfer
 * event's payload `toAgency` (or `agency`); notes from payload `note`, `notes`, `comment` or `reason`.
 */
export interface ControlSheetData {
  office: Office;
  dossier: Dossier;
  events: DossierEvent[];
  procedure?: Procedure | null;
}

export const controlSheetForm = defineForm({
  kind: '05',
  page: 'A5',
  render: renderControlSheet,
  gather: gatherControlSheet,
  offer: { when: () => true, label: (t) => t.controlSheetOffer },
});

/** The dossier's whole history and its procedure (for the lead agency). */
async function gatherControlSheet(context: PrintContext): Promise<ControlSheetData> {
  const dossier = dossierOf(context);
  const events = await context.events();
  return { office: context.office, dossier, events, procedure: await context.procedure() };
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
    ${gridTable(
      'handovers',
      [t.no, t.step, t.handFrom, t.handTo, t.handAt, t.handResult, t.handFromSign, t.handToSign],
      rows.map(
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
      ),
      t.noEvents,
      html`<colgroup>
        <col style="width: 6mm" />
        <col style="width: 21mm" />
        <col style="width: 23mm" />
        <col style="width: 23mm" />
        <col style="width: 17mm" />
        <col style="width: 13mm" />
        <col style="width: 10mm" />
        <col style="width: 10mm" />
      </colgroup>`,
    )}
  `;
  return documentShell(controlSheetForm, { lang, title: `${t.controlTitle} ${dossier.code}`, body });
}
