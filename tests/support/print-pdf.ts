/**
 * Prints documents to PDF in real Chromium (Debian's, as the e2e suite uses), for the tests that
 * must see pages as a printer would: how many there are and what each says.
 */
import { chromium, type Browser } from '@playwright/test';
import { pdfText } from '../e2e/pdf-text';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/** The paper a form prints on (renderer/features/printing paperOf). */
export interface Paper {
  pageSize: 'A4' | 'A5';
  landscape: boolean;
}

export interface PrintedPdf {
  pages: number;
  /** The text of each page, in order. */
  pageTexts: string[];
}

export interface PdfPrinter {
  print(html: string, paper: Paper): Promise<PrintedPdf>;
  close(): Promise<void>;
}

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object each. */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export async function launchPdfPrinter(): Promise<PdfPrinter> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage();
  return {
    async print(html, paper) {
      await page.setContent(html);
      // The document's own @page rules decide the paper, as when the counter prints it.
      const options = { format: paper.pageSize, landscape: paper.landscape, preferCSSPageSize: true };
      const pages = pageCount(await page.pdf(options));
      const pageTexts: string[] = [];
      for (let n = 1; n <= pages; n += 1) {
        pageTexts.push(pdfText(await page.pdf({ ...options, pageRanges: String(n) })));
      }
      return { pages, pageTexts };
    },
    close: () => browser.close(),
  };
}
