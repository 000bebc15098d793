import { html } from '../printing/html';
import { formatDateTime, formatNumber, vietnamDate } from '../../app/format';
import type { EndOfDayReport } from './eod';
import { formatBytes } from '../scans/i18n';

/** Translate function: i18next's `t` bound to the language the summary is printed in. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface SummaryContext {
  officeName: string;
  counterName: string;
  officerName: string;
  lang: 'vi' | 'en';
}

/** `bien-ban-dong-bo-2026-11-27-1730.html`: the day and time of the run, in Vietnam time. */
export function summaryFileName(report: EndOfDayReport): string {
  const hm = formatDateTime(report.finishedAt).slice(0, 5).replace(':', '');
  return `bien-ban-dong-bo-${vietnamDate(report.finishedAt)}-${hm}.html`;
}

/**
 * The end-of-day summary as a self-contained A4 HTML document: what is printed and what is saved.
 * Every value is escaped by the `html` tag.
 */
export function renderSummaryHtml(report: EndOfDayReport, ctx: SummaryContext, t: Translate): string {
  const n = (v: number) => formatNumber(v);
  const row = (label: string, value: string, testid: string) =>
    html`<tr>
      <th>${label}</th>
      <td data-testid="${testid}">${value}</td>
    </tr>`;
  const groups = (['dossiers', 'dossier_events'] as const).map(
    (g) =>
      html`<tr>
        <th>${t(`syncui.collection.${g}`)}</th>
        <td>${n(report.byGroup[g].sent)}</td>
        <td>${n(report.byGroup[g].received)}</td>
      </tr>`,
  );
  const scans = report.scans
    ? html`<h2>${t('syncui.eod.scans')}</h2>
        <table>
          ${row(t('syncui.eod.scans_sent_today'), n(report.scans.sentToday), 'sum-scans-sent')}
          ${row(t('syncui.eod.scans_pending'), n(report.scans.pending), 'sum-scans-pending')}
          ${
            report.scans.pending > 0
              ? row(t('syncui.eod.scans_left'), formatBytes(report.scans.bytesLeft), 'sum-scans-left')
              : ''
          }
        </table>
        ${
          report.complete && report.scans.pending > 0
            ? html`<p data-testid="sum-scans-note">${t('syncui.eod.scans_data_complete')}</p>`
            : ''
        }`
    : '';
  const rejected = report.rejected.length
    ? html`<h2>${t('syncui.eod.rejected_list')}</h2>
        <table class="grid">
          <thead>
            <tr>
              <th>${t('syncui.eod.kind')}</th>
              <th>${t('syncui.eod.id')}</th>
              <th>${t('syncui.eod.reason')}</th>
            </tr>
          </thead>
          <tbody>
            ${report.rejected.map(
              (r) =>
                html`<tr>
                  <td>${t(`syncui.collection.${r.collection}`)}</td>
                  <td>${r.id}</td>
                  <td>
                    ${t(`sync.reject.${r.reason}`)}${r.detail ? html`<br /><small>${r.detail}</small>` : ''}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>`
    : '';
  return html`<!DOCTYPE html>
    <html lang="${ctx.lang}">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'" />
        <title>${t('syncui.eod.report_title')}</title>
        <style>
          @page {
            size: A4;
            margin: 20mm 15mm 20mm 25mm;
          }
          body {
            font-family: 'Times New Roman', serif;
            font-size: 13pt;
            color: #000;
          }
          h1 {
            text-align: center;
            font-size: 15pt;
            margin: 8mm 0 6mm;
          }
          h2 {
            font-size: 13pt;
            margin: 6mm 0 2mm;
          }
          table {
            border-collapse: collapse;
            width: 100%;
          }
          th {
            text-align: left;
            font-weight: normal;
            width: 45%;
          }
          table.grid th,
          table.grid td {
            border: 1px solid #000;
            padding: 1mm 2mm;
            vertical-align: top;
          }
          table.grid th {
            font-weight: bold;
            width: auto;
          }
          .signature {
            margin-top: 15mm;
            margin-left: 50%;
            text-align: center;
          }
        </style>
      </head>
      <body>
        <h1>${t('syncui.eod.report_title')}</h1>
        <table>
          ${row(t('syncui.eod.office'), ctx.officeName, 'sum-office')}
          ${row(t('syncui.eod.counter'), ctx.counterName, 'sum-counter')}
          ${row(t('syncui.eod.officer'), ctx.officerName, 'sum-officer')}
          ${row(t('syncui.eod.started'), formatDateTime(report.startedAt), 'sum-started')}
          ${row(t('syncui.eod.finished'), formatDateTime(report.finishedAt), 'sum-finished')}
          ${row(
            t('syncui.eod.complete'),
            t(report.complete ? 'syncui.eod.complete_yes' : 'syncui.eod.complete_no'),
            'sum-complete',
          )}
          ${row(t('syncui.eod.sent'), n(report.sent), 'sum-sent')}
          ${row(t('syncui.eod.received'), n(report.received), 'sum-received')}
          ${row(t('syncui.eod.conflicts'), n(report.conflicts), 'sum-conflicts')}
          ${row(t('syncui.eod.rejected'), n(report.rejected.length), 'sum-rejected')}
          ${row(t('syncui.eod.pending'), n(report.pending), 'sum-pending')}
        </table>
        <h2>${t('syncui.eod.summary')}</h2>
        <table class="grid">
          <thead>
            <tr>
              <th></th>
              <th>${t('syncui.eod.sent')}</th>
              <th>${t('syncui.eod.received')}</th>
            </tr>
          </thead>
          <tbody>
            ${groups}
          </tbody>
        </table>
        ${scans} ${rejected}
        <p class="signature">${t('syncui.eod.signature')}<br /><br /><br /><br />${ctx.officerName}</p>
      </body>
    </html>`.value;
}
