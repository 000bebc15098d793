import type { DossierEvent, ReceivedDocument } from '../../../../shared/domain';
import { formatNumberVi } from '../format';
import { html, type SafeHtml } from '../html';
import type { PrintLabels } from '../labels';
import type { SupplementItem } from './supplement';

export function documentsTable(t: PrintLabels, documents: readonly ReceivedDocument[]): SafeHtml {
  return html`<table class="grid documents">
    <thead>
      <tr>
        <th class="no">${t.no}</th>
        <th>${t.documentName}</th>
        <th class="copy">${t.copyType}</th>
        <th class="count">${t.count}</th>
      </tr>
    </thead>
    <tbody>
      ${
        documents.length
          ? documents.map(
              (d, i) =>
                html`<tr>
                  <td class="num">${i + 1}</td>
                  <td>${d.name}</td>
                  <td>${t.copyTypes[d.copyType]}</td>
                  <td class="num">${formatNumberVi(d.count)}</td>
                </tr>`,
            )
          : html`<tr>
              <td colspan="4">${t.none}</td>
            </tr>`
      }
    </tbody>
  </table>`;
}

export function supplementTable(t: PrintLabels, items: readonly SupplementItem[]): SafeHtml {
  return html`<table class="grid supplement-items">
    <thead>
      <tr>
        <th>${t.no}</th>
        <th>${t.documentName}</th>
        <th>${t.whatToFix}</th>
        <th>${t.copyType}</th>
        <th>${t.count}</th>
      </tr>
    </thead>
    <tbody>
      ${
        items.length
          ? items.map(
              (d, i) =>
                html`<tr>
                  <td class="num">${i + 1}</td>
                  <td>${d.name}</td>
                  <td>${d.requirement ?? ''}</td>
                  <td>${d.copyType ? t.copyTypes[d.copyType] : ''}</td>
                  <td class="num">${d.count === undefined ? '' : formatNumberVi(d.count)}</td>
                </tr>`,
            )
          : html`<tr>
              <td colspan="5">${t.none}</td>
            </tr>`
      }
    </tbody>
  </table>`;
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
