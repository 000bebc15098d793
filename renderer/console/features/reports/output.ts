/**
 * The report's Excel workbook and printed form in the console: the counter's own builders
 * (features/reports workbook.ts and print.ts, which import nothing of the counter app), so a report
 * exported or printed from the console reads the same as one from a counter.
 */
import { reportView, type ConsoleReport } from './contract';

/** Offers `bytes` as a download named `fileName` (the browser saves it). */
function offer(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Builds the report's workbook (.xlsx, Vietnamese headings) and downloads it; answers its name. */
export async function exportReportWorkbook(report: ConsoleReport): Promise<string> {
  // exceljs is large: loaded only when a workbook is made.
  const { reportWorkbook, workbookName } = await import('../../../features/reports/workbook');
  const view = reportView(report);
  const name = workbookName(view);
  offer(
    await reportWorkbook(view),
    name,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  return name;
}

const FRAME_ID = 'report-print-frame';

/**
 * Prints the report (A4 landscape, Vietnamese) through the browser's print dialog, which also saves
 * a PDF: the printed document is laid out in a hidden frame with its own print stylesheet.
 */
export async function printReport(report: ConsoleReport): Promise<void> {
  const { renderReportDocument } = await import('../../../features/reports/print');
  document.getElementById(FRAME_ID)?.remove();
  const frame = document.createElement('iframe');
  frame.id = FRAME_ID;
  frame.dataset.testid = FRAME_ID;
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0';
  await new Promise<void>((resolve) => {
    frame.onload = () => resolve();
    frame.srcdoc = renderReportDocument(reportView(report));
    document.body.appendChild(frame);
  });
  frame.contentWindow?.focus();
  frame.contentWindow?.print();
}
