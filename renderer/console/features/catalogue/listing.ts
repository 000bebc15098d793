/**
 * The public listing (niêm yết) of an office's procedures, as printed and posted at the counter:
 * one A4 table per sector with each procedure's legal time, fees and required documents, as in
 * force on the listing's date. Always Vietnamese (it is posted for citizens).
 */
import { COPY_TYPE_TEXT, formatDate, groupThousands } from '../../../../shared/catalogue';
import type { LegalTime, Procedure, Sector } from '../../../../shared/domain';
import { html, trusted, type SafeHtml } from '../../../features/printing/html';
import type { PublicListing } from './service';

const CSS = `
@page { size: A4; margin: 12mm 10mm 12mm 15mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 11pt; color: #000; }
.head { display: flex; justify-content: space-between; text-align: center; margin-bottom: 4mm; }
.head .office { font-weight: bold; text-transform: uppercase; }
.head .nation, .head .motto { font-weight: bold; }
.head .motto { text-decoration: underline; }
h1 { text-align: center; font-size: 14pt; margin: 2mm 0 1mm; }
.subtitle { text-align: center; font-style: italic; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 4mm 0 1mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.3mm solid #000; padding: 1mm; vertical-align: top; }
th { text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.no { width: 8mm; text-align: center; }
td.time { width: 28mm; }
td.fees { width: 38mm; }
ol { margin: 0; padding-left: 4mm; }
.code { font-size: 9pt; color: #333; }
`;

export function legalTimeVi(time: LegalTime): string {
  switch (time.unit) {
    case 'immediate':
      return 'Giải quyết ngay';
    case 'working_days':
      return `${time.value} ngày làm việc`;
    case 'working_hours':
      return `${time.value} giờ làm việc`;
    case 'calendar_days':
      return `${time.value} ngày`;
  }
}

function procedureRow(p: Procedure, no: number): SafeHtml {
  const fees =
    p.fees.length === 0
      ? 'Không'
      : p.fees.map((f) => html`<div>${f.label}: ${groupThousands(f.amountVnd)} đồng</div>`);
  return html`<tr>
    <td class="no">${no}</td>
    <td>
      <div>${p.name}</div>
      <div class="code">Mã: ${p.code}</div>
    </td>
    <td class="time">${legalTimeVi(p.legalTime)}</td>
    <td class="fees">${fees}</td>
    <td>
      <ol>
        ${p.requiredDocuments.map(
          (d) =>
            html`<li>
              ${d.name} (${COPY_TYPE_TEXT[d.copyType]}, ${d.count} bản${d.mandatory ? '' : ', nếu có'})
            </li>`,
        )}
      </ol>
    </td>
  </tr>`;
}

function sectorTable(sector: Sector | undefined, procedures: Procedure[]): SafeHtml {
  return html`<h2>Lĩnh vực: ${sector?.name ?? 'Khác'}</h2>
    <table>
      <thead>
        <tr>
          <th>STT</th>
          <th>Tên thủ tục</th>
          <th>Thời hạn giải quyết</th>
          <th>Phí, lệ phí</th>
          <th>Thành phần hồ sơ</th>
        </tr>
      </thead>
      <tbody>
        ${procedures.map((p, i) => procedureRow(p, i + 1))}
      </tbody>
    </table>`;
}

/** The listing as a complete HTML document (A4), ready for the print frame. */
export function publicListingHtml(listing: PublicListing): string {
  const { office, asOf } = listing;
  const bySector = new Map<string, Procedure[]>();
  for (const p of [...listing.procedures].sort((a, b) => a.code.localeCompare(b.code)))
    bySector.set(p.sectorId, [...(bySector.get(p.sectorId) ?? []), p]);
  const sectors = [...bySector.keys()]
    .map((id) => ({ id, sector: listing.sectors.find((s) => s.id === id) }))
    .sort((a, b) => (a.sector?.name ?? '').localeCompare(b.sector?.name ?? '', 'vi'));
  return html`<!DOCTYPE html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'" />
        <title>Niêm yết thủ tục hành chính — ${office.name}</title>
        <style>
          ${trusted(CSS)}
        </style>
      </head>
      <body>
        <div class="head">
          <div>
            ${office.parentName ? html`<div>${office.parentName}</div>` : ''}
            <div class="office">${office.name}</div>
          </div>
          <div>
            <div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
            <div class="motto">Độc lập - Tự do - Hạnh phúc</div>
          </div>
        </div>
        <h1>DANH MỤC THỦ TỤC HÀNH CHÍNH NIÊM YẾT CÔNG KHAI</h1>
        <p class="subtitle">
          Áp dụng từ ngày ${formatDate(asOf)} tại
          ${office.name}${office.address ? ` — ${office.address}` : ''}
        </p>
        ${listing.procedures.length === 0 ? html`<p>Chưa có thủ tục nào đang áp dụng.</p>` : ''}
        ${sectors.map(({ id, sector }) => sectorTable(sector, bySector.get(id) ?? []))}
      </body>
    </html>`.value;
}
