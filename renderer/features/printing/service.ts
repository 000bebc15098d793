import type { Dossier } from '../../../shared/domain';
import { getPlatform } from '../../platform';
import { printContext, type PrintingOfficer, type PrintSources } from './definition';
import { gatherFormData, paperOf, renderForm, type FormKind } from './registry';

let printCount = 0;

/**
 * Prints a complete HTML document through the platform (the desktop shell's printer, or in web mode
 * a hidden frame and the browser's print dialog) and records it as an app event: the body's
 * `data-print-count` and `data-last-print` (the form kind) let tests and support see what was sent.
 */
export async function printHtml(
  kind: string,
  html: string,
  options: { pageSize?: 'A4' | 'A5'; landscape?: boolean } = {},
): Promise<void> {
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const result = await getPlatform().printForm({
    html,
    pageSize: options.pageSize ?? 'A4',
    landscape: options.landscape ?? false,
  });
  // Web printing focuses the print frame; take the keyboard back so F2/F3 and Enter keep working.
  window.focus();
  previous?.focus();
  printCount += 1;
  document.body.dataset.printCount = String(printCount);
  document.body.dataset.lastPrint = kind;
  if (!result.printed && result.failureReason) throw new Error(result.failureReason);
}

export interface PrintService {
  /** Gathers the form's data, renders it in Vietnamese and prints it on the form's paper. */
  print(
    form: FormKind,
    dossier: Dossier | null,
    session: PrintingOfficer,
    extra?: Readonly<Record<string, unknown>>,
  ): Promise<void>;
}

/**
 * Every form it prints is an official form (Circular 01/2018/TT-VPCP), and official forms are
 * Vietnamese whatever language the officer reads the app in: the service takes no language, so the
 * UI language cannot reach a printout.
 */
export function createPrintService(sources: PrintSources): PrintService {
  return {
    async print(form, dossier, session, extra = {}) {
      const data = await gatherFormData(form, printContext(sources, dossier, session, extra));
      const html = await renderForm(form, data, 'vi');
      await printHtml(form, html, paperOf(form));
    },
  };
}
