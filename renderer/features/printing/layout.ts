import type { Applicant, LegalTime, Office } from '../../../shared/domain';
import { dateParts, formatNumberVi } from './format';
import { html, trusted, type HtmlValue, type SafeHtml } from './html';
import type { PrintLabels, PrintLanguage } from './labels';
import type { Signatory } from './types';

export type PageKind = 'A5' | 'A4-landscape';

/** Content-Security-Policy of the printed document: inline styles and SVG only, nothing loaded. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * Shared print styles, set tight enough that a receipt (form 01) of a typical dossier, signatures
 * included, keeps to one A5 sheet. Fonts: Times New Roman, or its metric twin Liberation Serif;
 * where neither is installed, DejaVu Serif Condensed is the closest in width to what the forms are
 * laid out for. The receipt's tracking QR floats beside its short numbered lines, so it adds no
 * height of its own.
 */
const BASE_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif Condensed", "DejaVu Serif", serif; color: #000;
  line-height: 1.15; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.header { width: 100%; border-collapse: collapse; margin-bottom: 1.5mm; font-size: 0.86em; }
.header td { vertical-align: top; text-align: center; padding: 0; }
.header .left { width: 44%; }
.header .parent { text-transform: uppercase; }
.header .office { font-weight: bold; text-transform: uppercase; }
.header .nation { font-weight: bold; white-space: nowrap; }
.header .motto { font-weight: bold; text-decoration: underline; }
.header .place-date { font-style: italic; margin-top: 1.5mm; }
h1 { font-size: 1.15em; text-align: center; margin: 1.5mm 0 1mm; }
.subtitle { text-align: center; margin: 0 0 2mm; }
p, .line { margin: 0.5mm 0; }
.field .label { font-weight: normal; }
.field .value { font-weight: bold; }
table.grid { width: 100%; border-collapse: collapse; margin: 1mm 0; }
table.grid th, table.grid td { border: 0.3mm solid #000; padding: 0.5mm 1mm; vertical-align: top; }
table.grid th { font-weight: bold; text-align: center; }
table.grid td.num { text-align: center; white-space: nowrap; }
table.grid thead { display: table-header-group; }
table.grid tr { break-inside: avoid; page-break-inside: avoid; }
.signatures { width: 100%; border-collapse: collapse; margin-top: 2mm; break-inside: avoid; clear: both; }
.signatures td { text-align: center; vertical-align: top; width: 50%; padding: 0; }
.signatures .role { font-weight: bold; }
.signatures .hint { font-style: italic; font-size: 0.9em; }
.signatures .space { height: 10mm; }
.signatures .name { font-weight: bold; }
.qr-row { display: flex; gap: 3mm; align-items: center; margin-top: 2mm; break-inside: avoid; }
.qr svg { display: block; width: 26mm; height: 26mm; }
.seal-qr svg { width: 32mm; height: 32mm; }
.track { float: right; width: 26mm; margin: 1mm 0 0 2mm; text-align: center; }
.track .qr svg { width: 20mm; height: 20mm; margin: 0 auto; }
.track .qr-note { font-size: 0.72em; }
table.documents { font-size: 0.9em; }
table.documents .no { width: 7mm; }
table.documents .copy { width: 19mm; }
table.documents .count { width: 13mm; white-space: nowrap; }
table.handovers { font-size: 0.85em; table-layout: fixed; }
table.handovers td { overflow-wrap: anywhere; }
table.handovers .note { font-style: italic; margin-top: 0.5mm; }
table.handovers .role { font-style: italic; font-size: 0.9em; }
table.register td.code { font-family: inherit; font-weight: normal; letter-spacing: 0; }
.qr-note { font-size: 0.85em; font-style: italic; }
.code { font-family: "Courier New", monospace; font-weight: bold; letter-spacing: 0.2mm; }
`;

const PAGE_CSS: Record<PageKind, string> = {
  A5: '@page { size: A5; margin: 10mm 10mm 10mm 15mm; } body { font-size: 10pt; }',
  // The register is a wide table: landscape, smaller type, header repeated on each page.
  'A4-landscape':
    '@page { size: A4 landscape; margin: 10mm 10mm 12mm 10mm; } body { font-size: 9pt; } ' +
    'table.grid th, table.grid td { padding: 0.6mm 0.8mm; }',
};

export function documentShell(
  form: { kind: string; page: PageKind },
  options: { lang: PrintLanguage; title: string; body: HtmlValue },
): string {
  return html`<!DOCTYPE html>
    <html lang="${options.lang}">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${CSP}" />
        <meta name="motcua-form" content="${form.kind}" />
        <title>${options.title}</title>
        <style>
          ${trusted(PAGE_CSS[form.page] + BASE_CSS)}
        </style>
      </head>
      <body class="page-${form.page}">
        ${options.body}
      </body>
    </html> `.value;
}

/** Office on the left, the national name and motto on the right, as every administrative form. */
export function header(
  t: PrintLabels,
  office: Office,
  opts: { number?: string | undefined; place?: string | undefined; issuedAt?: string | undefined },
): SafeHtml {
  const parts = opts.issuedAt ? dateParts(opts.issuedAt) : null;
  const dots = '……';
  const dateLine = t.placeDate(
    opts.place ?? '',
    parts?.day ?? dots,
    parts?.month ?? dots,
    parts?.year ?? dots,
  );
  return html`<table class="header">
    <tr>
      <td class="left">
        ${office.parentName ? html`<div class="parent">${office.parentName}</div>` : ''}
        <div class="office">${office.name}</div>
        <div class="number">${t.numberPrefix} ${opts.number ?? '………'}</div>
      </td>
      <td class="right">
        <div class="nation">${t.nation}</div>
        <div class="motto">${t.motto}</div>
        <div class="place-date">${dateLine}</div>
      </td>
    </tr>
  </table>`;
}

function inlineField(label: string, value: HtmlValue, className: string): SafeHtml {
  return html`<span class="${className}"
    ><span class="label">${label}:</span> <span class="value">${value}</span></span
  >`;
}

export function field(label: string, value: HtmlValue, className = ''): SafeHtml {
  return html`<p class="field ${className}">
    <span class="label">${label}:</span> <span class="value">${value}</span>
  </p>`;
}

/** The applicant's identity lines: name and ID (or tax code), address, phone and email. */
export function applicantFields(t: PrintLabels, applicant: Applicant): SafeHtml {
  const organisation = applicant.kind === 'organisation';
  return html`<div class="applicant">
    <p class="field identity-line">
      ${inlineField(organisation ? t.organisation : t.applicant, applicant.fullName, 'applicant-name')}&emsp;${organisation ? inlineField(t.taxCode, applicant.taxCode || '—', 'tax-code') : inlineField(t.idNumber, applicant.idNumber || '—', 'id-number')}
    </p>
    ${field(t.address, applicant.address, 'address')}
    <p class="field contact-line">
      ${inlineField(t.phone, applicant.phone || '—', 'phone')}&emsp;${inlineField(t.email, applicant.email || '—', 'email')}
    </p>
  </div>`;
}

export function signatures(cells: { role: string; hint: string; name?: string | undefined }[]): SafeHtml {
  return html`<table class="signatures">
    <tr>
      ${cells.map(
        (c) =>
          html`<td>
            <div class="role">${c.role}</div>
            <div class="hint">${c.hint}</div>
            <div class="space"></div>
            <div class="name">${c.name ?? ''}</div>
          </td>`,
      )}
    </tr>
  </table>`;
}

export function signatoryName(s: Signatory): string {
  return s.fullName;
}

export function legalTimeText(t: PrintLabels, legalTime: LegalTime): string {
  return legalTime.unit === 'immediate'
    ? t.legalTimes.immediate()
    : t.legalTimes[legalTime.unit](formatNumberVi(legalTime.value));
}
