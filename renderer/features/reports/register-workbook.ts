/**
 * The register (form 06, sổ theo dõi hồ sơ) of a whole year as an Excel workbook: one row per
 * dossier, numbered from 01 in the order the register lists them, the columns of the printed form,
 * dates as real dates in Vietnam time. Always Vietnamese, like the printed register.
 */
import ExcelJS from 'exceljs';
import type { Dossier, DossierEvent } from '../../../shared/domain';
import { labelsFor } from '../printing/labels';
import { transferTimes } from '../printing/forms/register';
import { formatSequence } from '../printing/format';

export interface RegisterExport {
  officeName: string;
  year: number;
  dossiers: readonly Dossier[];
  events: ReadonlyMap<string, DossierEvent[]>;
}

export const REGISTER_HEADINGS = [
  'STT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Ngày, giờ nhận hồ sơ',
  'Ngày, giờ hẹn trả kết quả',
  'Chuyển hồ sơ đến cơ quan giải quyết',
  'Nhận kết quả từ cơ quan giải quyết',
  'Ngày, giờ trả kết quả',
  'Ghi chú',
] as const;

const VN_OFFSET_MS = 7 * 3_600_000;
/** Excel dates have no time zone: the Vietnam wall-clock time, written as if it were UTC. */
const excelDate = (iso: string | undefined) => (iso ? new Date(Date.parse(iso) + VN_OFFSET_MS) : null);
const DATE_COLUMNS = [8, 9, 10, 11, 12];
/** Rows added between two yields, so the screen can show the progress of a long year. */
const ROWS_PER_STEP = 2_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The year's register as .xlsx bytes; `onProgress` gets 0..1 while rows are added. */
export async function registerWorkbook(
  data: RegisterExport,
  onProgress?: (done: number) => void,
): Promise<Uint8Array> {
  const t = labelsFor('vi');
  const book = new ExcelJS.Workbook();
  book.creator = 'Một cửa';
  const sheet = book.addWorksheet(`Sổ theo dõi ${data.year}`, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  sheet.addRow([`SỔ THEO DÕI HỒ SƠ — ${data.officeName}`]);
  sheet.addRow([`Năm ${data.year}`]);
  sheet.mergeCells(1, 1, 1, REGISTER_HEADINGS.length);
  sheet.mergeCells(2, 1, 2, REGISTER_HEADINGS.length);
  sheet.getRow(1).font = { bold: true, size: 13 };
  sheet.addRow([]);
  const header = sheet.addRow([...REGISTER_HEADINGS]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.height = 48;
  sheet.pageSetup.printTitlesRow = '4:4';

  for (const [i, dossier] of data.dossiers.entries()) {
    const { sent, back } = transferTimes({ dossier, events: data.events.get(dossier.id) ?? [] });
    sheet.addRow([
      formatSequence(i + 1),
      dossier.code,
      dossier.procedureName,
      1,
      dossier.applicant.fullName,
      [dossier.applicant.address, dossier.applicant.phone].filter(Boolean).join('; '),
      data.officeName,
      excelDate(dossier.receivedAt),
      excelDate(dossier.dueAt),
      excelDate(sent),
      excelDate(back),
      excelDate(dossier.returnedAt),
      dossier.status === 'returned' ? '' : t.statuses[dossier.status],
    ]);
    if ((i + 1) % ROWS_PER_STEP === 0) {
      onProgress?.((0.9 * (i + 1)) / data.dossiers.length);
      await nextTask();
    }
  }
  const widths = [6, 28, 40, 8, 24, 36, 28, 16, 16, 16, 16, 16, 18];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  for (const c of DATE_COLUMNS) sheet.getColumn(c).numFmt = 'hh:mm dd/mm/yyyy';
  sheet.getColumn(4).numFmt = '#,##0';
  const bytes = new Uint8Array(await book.xlsx.writeBuffer());
  onProgress?.(1);
  return bytes;
}

export function registerWorkbookName(year: number): string {
  return `so-theo-doi-${year}.xlsx`;
}
