import { getPlatform } from '../../platform';

/**
 * Prints a complete HTML document through the platform (the desktop shell's printer, or in web mode
 * a hidden frame and the browser's print dialog) and records it as an app event: the body's
 * `data-print-count` and `data-last-print` (the form kind) let tests and support see what was sent.
 */
let printCount = 0;

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
