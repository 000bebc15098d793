/**
 * Web-mode printing: the form's self-contained HTML goes into a hidden iframe and the browser's
 * print dialog prints that frame only. The frame stays in the page until the next print, marked with
 * the form kind, so an end-to-end test can read exactly what was sent to the printer.
 */
let printCount = 0;

export function printHtml(form: string, html: string): Promise<void> {
  document.querySelector('iframe[data-testid="print-frame"]')?.remove();
  const frame = document.createElement('iframe');
  frame.dataset.testid = 'print-frame';
  frame.dataset.form = form;
  frame.title = `print-${form}`;
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
  return new Promise<void>((resolve) => {
    frame.addEventListener(
      'load',
      () => {
        printCount += 1;
        document.body.dataset.printCount = String(printCount);
        document.body.dataset.lastPrint = form;
        try {
          frame.contentWindow?.focus();
          frame.contentWindow?.print();
        } finally {
          resolve();
        }
      },
      { once: true },
    );
    frame.srcdoc = html;
    document.body.appendChild(frame);
  });
}
