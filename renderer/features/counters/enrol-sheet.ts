import { formatDateTime } from '../../app/format';
import { vi } from './texts';

export interface EnrolSheet {
  officeName: string;
  counterName: string;
  code: string;
  expiresAt: string;
  issuedBy: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The enrolment code on an A5 sheet for IT staff, in Vietnamese whatever the UI language (the sheet
 * goes to the office's IT staff, as the official forms do).
 */
export function enrolSheetHtml(sheet: EnrolSheet): string {
  const t = vi.enrol_sheet;
  const row = (label: string, value: string, style = '') =>
    `<tr><th>${escape(label)}</th><td style="${style}">${escape(value)}</td></tr>`;
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escape(t.heading)}</title>` +
    '<style>@page{size:A5 portrait;margin:14mm}body{font-family:"Times New Roman",serif;font-size:13pt}' +
    'h1{font-size:16pt;text-align:center}table{border-collapse:collapse;width:100%}' +
    'th{text-align:left;padding:4pt 8pt 4pt 0;white-space:nowrap;vertical-align:top}td{padding:4pt 0}</style>' +
    `</head><body><h1>${escape(t.heading)}</h1><table>` +
    row(t.office, sheet.officeName) +
    row(t.counter, sheet.counterName) +
    row(t.code, sheet.code, 'font-family:monospace;font-size:22pt;letter-spacing:2pt') +
    row(t.expires, formatDateTime(sheet.expiresAt)) +
    row(t.issued_by, sheet.issuedBy) +
    `</table><p>${escape(t.steps)}</p><p><i>${escape(t.keep_secret)}</i></p></body></html>`
  );
}

/** Opens the sheet in a print window (the browser's or Electron's print dialog). */
export function printEnrolSheet(sheet: EnrolSheet): void {
  const w = window.open('', '_blank', 'width=560,height=794');
  if (!w) return;
  w.document.write(enrolSheetHtml(sheet));
  w.document.close();
  w.print();
}
