import type { Dossier, DossierEvent, ReceivedDocument } from '../../../../shared/domain';
import { formatDateTimeVn, formatNumberVi } from '../format';
import { applicantFields, field, header } from '../layout';
import type { FormBase } from '../types';
import { html, type HtmlValue, type SafeHtml } from '../html';
import type { PrintLabels } from '../labels';
import type { SupplementItem } from './supplement';

/** A heading cell of a ruled table: its label, or its label and the class the print CSS sizes it by. */
export type GridColumn = string | readonly [label: string, className: string];

/**
 * A ruled table of class `grid <name>`: a heading row, then `rows` (each a `<tr>`), or one row
 * spanning every column that says `empty` when there are none.
 */
export function gridTable(
  name: string,
  columns: readonly GridColumn[],
  rows: readonly SafeHtml[],
  empty: string,
  colgroup: HtmlValue = '',
): SafeHtml {
  return html`<table class="grid ${name}">
    ${colgroup}
    <thead>
      <tr>
        ${columns.map((c) => (typeof c === 'string' ? html`<th>${c}</th>` : html`<th class="${c[1]}">${c[0]}</th>`))}
      </tr>
    </thead>
    <tbody>
      ${
        rows.length
          ? rows
          : html`<tr>
              <td colspan="${columns.length}">${empty}</td>
            </tr>`
      }
    </tbody>
  </table>`;
}

export function documentsTable(t: PrintLabels, documents: readonly ReceivedDocument[]): SafeHtml {
  return gridTable(
    'documents',
    [[t.no, 'no'], t.documentName, [t.copyType, 'copy'], [t.count, 'count']],
    documents.map(
      (d, i) =>
        html`<tr>
          <td class="num">${i + 1}</td>
          <td>${d.name}</td>
          <td>${t.copyTypes[d.copyType]}</td>
          <td class="num">${formatNumberVi(d.count)}</td>
        </tr>`,
    ),
    t.none,
  );
}

export function supplementTable(t: PrintLabels, items: readonly SupplementItem[]): SafeHtml {
  return gridTable(
    'supplement-items',
    [t.no, t.documentName, t.whatToFix, t.copyType, t.count],
    items.map(
      (d, i) =>
        html`<tr>
          <td class="num">${i + 1}</td>
          <td>${d.name}</td>
          <td>${d.requirement ?? ''}</td>
          <td>${d.copyType ? t.copyTypes[d.copyType] : ''}</td>
          <td class="num">${d.count === undefined ? '' : formatNumberVi(d.count)}</td>
        </tr>`,
    ),
    t.none,
  );
}

/** The first non-blank string among the event payload's `keys`, trimmed. */
export function payloadText(event: DossierEvent, ...keys: string[]): string {
  for (const key of keys) {
    const value = event.payload[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return '';
}

/** The deciding agency named by a transfer event (workflow's `toAgency`). */
export function agencyOf(event: DossierEvent | undefined): string {
  return event?.to === 'transferred' ? payloadText(event, 'toAgency', 'agency') : '';
}

/**
 * The head of a letter about an intake (forms 02 and 03): the header dated when the dossier last
 * changed unless given, the title, the dossier code once one is issued, the intro, then who applied,
 * for what and when it was received.
 */
export function intakeLetterHead(
  t: PrintLabels,
  data: FormBase & { dossier: Dossier },
  title: string,
  intro: string,
): SafeHtml {
  const { dossier, office } = data;
  return html`
    ${header(t, office, { number: data.number, place: data.place, issuedAt: data.issuedAt ?? dossier.updatedAt })}
    <h1>${title}</h1>
    ${dossier.code ? field(t.dossierCode, html`<span class="code">${dossier.code}</span>`, 'dossier-code') : ''}
    <p class="intro">${intro}</p>
    ${applicantFields(t, dossier.applicant)} ${field(t.request, dossier.procedureName, 'request')}
    ${field(t.receivedAt, formatDateTimeVn(dossier.receivedAt), 'received-at')}
  `;
}
