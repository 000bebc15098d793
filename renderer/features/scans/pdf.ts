import type { PDFDocumentProxy } from 'pdfjs-dist';

/** Opens a PDF with pdf.js (loaded lazily, its worker bundled by Vite: works offline). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist');
  const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  return pdfjs.getDocument({ data: bytes.slice() }).promise;
}

/** Draws page `n` of the document on a new canvas at `scale`. */
export async function drawPage(doc: PDFDocumentProxy, n: number, scale: number): Promise<HTMLCanvasElement> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  await page.render({ canvas, viewport }).promise;
  return canvas;
}

/** The first page of a PDF as a small PNG (a thumbnail `width` pixels wide). */
export async function pdfThumbnail(bytes: Uint8Array, width: number): Promise<Blob> {
  const doc = await openPdf(bytes);
  try {
    const first = await doc.getPage(1);
    const scale = width / first.getViewport({ scale: 1 }).width;
    const canvas = await drawPage(doc, 1, scale);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('thumbnail'))), 'image/png'),
    );
  } finally {
    void doc.destroy();
  }
}
