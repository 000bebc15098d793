import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperOf, renderForm } from '../registry';
import { registerNumbers } from './register';
import { makeDossier, office, tableRows } from '../../../../tests/support/print';
import { launchPdfPrinter, type PdfPrinter } from '../../../../tests/support/print-pdf';

let printer: PdfPrinter;
beforeAll(async () => {
  printer = await launchPdfPrinter();
});
afterAll(() => printer.close());

/** The row numbers a page shows: the cells that hold only a two- or three-digit number. */
const rowNumbers = (page: string) => page.split('\n').filter((line) => /^\d{2,3}$/.test(line.trim()));

describe('form 06 on paper', () => {
  it('numbers the year’s rows 01…NN straight across its pages, the header repeated on each', async () => {
    const entries = Array.from({ length: 60 }, (_, i) => ({
      dossier: makeDossier({
        id: `dossier-${i + 1}`,
        code: `000.00.06.H56-231027-${String(i + 1).padStart(4, '0')}`,
      }),
    }));
    const pdf = await printer.print(await renderForm('06', { office, year: 2023, entries }), paperOf('06'));
    expect(pdf.pages).toBeGreaterThanOrEqual(3);
    const pages = pdf.pageTexts.map(rowNumbers);
    expect(pages.flat()).toEqual(entries.map((_, i) => String(i + 1).padStart(2, '0')));
    for (const [n, numbers] of pages.entries()) {
      expect(numbers.length, `page ${n + 1} has rows`).toBeGreaterThan(0);
      expect(pdf.pageTexts[n], `page ${n + 1} repeats the header`).toContain('STT');
    }
    expect(pages[1]![0]).toBe(String(pages[0]!.length + 1).padStart(2, '0'));
  });
});

describe('register numbers outside the printout', () => {
  it('give a row on a later page of a list the number the printed register gives it', async () => {
    const dossiers = Array.from({ length: 120 }, (_, i) =>
      makeDossier({ id: `dossier-${i + 1}`, code: `000.00.06.H56-231027-${String(i + 1).padStart(4, '0')}` }),
    );
    const numbers = registerNumbers(dossiers);
    // A list showing 50 rows a page: its second page starts at the 51st dossier of the year.
    const secondPage = dossiers.slice(50, 100);
    expect(secondPage.map((d) => numbers.get(d.id)).slice(0, 3)).toEqual(['51', '52', '53']);
    expect(numbers.get(dossiers[119]!.id)).toBe('120');
    const printed = tableRows(
      await renderForm('06', { office, year: 2023, entries: dossiers.map((dossier) => ({ dossier })) }),
      'register',
    );
    const printedNumber = new Map(printed.slice(1).map((row) => [row[1], row[0]]));
    for (const d of dossiers) expect(numbers.get(d.id)).toBe(printedNumber.get(d.code));
  });
});
