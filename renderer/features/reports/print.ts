/**
 * The period report as a printable document: A4 landscape, always Vietnamese (it is filed and sent on
 * like the official forms), the same figures as the screen and the workbook, then the Index 766
 * indicators and the dossiers that lose points. Rendered with the printing feature's escaping and
 * page shell, printed through the platform (Electron's PDF, or the browser's print dialog).
 */
import type { PeriodFigures } from '../../../shared/reports';
import { formatDateTimeVn, formatNumberVi } from '../printing/format';
import { html, trusted } from '../printing/html';
import { documentShell } from '../printing/layout';
import { DIMENSION_HEADINGS_VI, FIGURE_COLUMNS, indicatorLines, LOSS_REASONS_VI } from './labels';
import type { ReportView } from './service';

export const REPORT_PRINT_KIND = 'report';

const vnDate = (iso: string) => iso.split('-').reverse().join('/');

/** A share as Vietnamese write it: 66,7%; a dash when there is nothing to divide. */
export function percentVi(share: number | null): string {
  if (share === null) return '—';
  return `${(Math.round(share * 1000) / 10).toFixed(1).replace('.', ',')}%`;
}

const cell = (f: PeriodFigures, c: (typeof FIGURE_COLUMNS)[number]) => {
  const value = c.value(f);
  return c.percent ? percentVi(value) : formatNumberVi(value ?? 0);
};

const CSS = `
.report-head { display: flex; justify-content: space-between; text-align: center; }
.report-head .office { font-weight: bold; text-transform: uppercase; }
.report-head .nation { font-weight: bold; }
.report-head .motto { font-weight: bold; text-decoration: underline; }
table.figures { font-size: 7.5pt; table-layout: fixed; }
table.figures th { font-size: 7pt; }
table.figures td.n { text-align: right; }
table.figures tr.total td { font-weight: bold; }
.indicators { display: flex; flex-wrap: wrap; gap: 1mm 8mm; margin: 2mm 0; }
.indicators div { border: 0.3mm solid #000; padding: 1mm 3mm; }
h2 { font-size: 1em; margin: 3mm 0 1mm; }
.built { font-style: italic; margin-top: 2mm; }
`;

export function renderReportDocument(view: ReportView): string {
  const { index766: index } = view;
  const rows = [
    ...view.rows.map((r, i) => ({ no: String(i + 1), name: r.name, figures: r.figures, total: false })),
    { no: '', name: 'Tổng cộng', figures: view.total, total: true },
  ];
  const body = html`
    <style>
      ${trusted(CSS)}
    </style>
    <div class="report-head">
      <div class="office">${view.officeName}</div>
      <div>
        <div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
        <div class="motto">Độc lập - Tự do - Hạnh phúc</div>
      </div>
    </div>
    <h1>TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH</h1>
    <p class="subtitle">Kỳ báo cáo: từ ngày ${vnDate(view.period.from)} đến ngày ${vnDate(view.period.to)}</p>
    <table class="grid figures">
      <thead>
        <tr>
          <th style="width:7mm">STT</th>
          <th style="width:38mm">${DIMENSION_HEADINGS_VI[view.dimension]}</th>
          ${FIGURE_COLUMNS.map((c) => html`<th>${c.vi}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr class="${r.total ? 'total' : ''}">
              <td class="num">${r.no}</td>
              <td>${r.name}</td>
              ${FIGURE_COLUMNS.map((c) => html`<td class="n">${cell(r.figures, c)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>Chỉ số chất lượng phục vụ (Bộ chỉ số theo Quyết định 766/QĐ-TTg)</h2>
    <div class="indicators">
      ${indicatorLines(index).map(
        (line) =>
          html`<div>
            ${line.vi}: ${percentVi(line.share)} (${formatNumberVi(line.part)}/${formatNumberVi(line.whole)})
          </div>`,
      )}
    </div>
    <h2>Hồ sơ bị trừ điểm (${formatNumberVi(index.losingTotal)})</h2>
    <table class="grid losing">
      <thead>
        <tr>
          <th style="width:10mm">STT</th>
          <th style="width:55mm">Mã hồ sơ</th>
          <th>Thủ tục hành chính</th>
          <th style="width:40mm">Lý do</th>
          <th style="width:32mm">Hạn giải quyết</th>
        </tr>
      </thead>
      <tbody>
        ${index.losing.map(
          (l, i) =>
            html`<tr>
              <td class="num">${formatNumberVi(i + 1)}</td>
              <td>${l.code}</td>
              <td>${l.procedureName}</td>
              <td>${LOSS_REASONS_VI[l.reason]}</td>
              <td class="num">${formatDateTimeVn(l.deadline)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="built">Số liệu lập lúc ${formatDateTimeVn(view.builtAt)}</p>
  `;
  return documentShell(
    { kind: REPORT_PRINT_KIND, page: 'A4-landscape' },
    { lang: 'vi', title: 'Báo cáo tình hình giải quyết hồ sơ', body },
  );
}

/** The name the PDF is offered under. */
export function reportPdfName(view: ReportView): string {
  return `bao-cao-${view.period.from}-${view.period.to}.pdf`;
}
