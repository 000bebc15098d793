import { toString as qrToString } from 'qrcode';
import { trusted, type SafeHtml } from './html';

/** Error correction M: survives a smudge or a stamp's edge, still small for ~200 characters. */
export const QR_ERROR_CORRECTION = 'M' as const;

/** Inline SVG of a QR code for `text` (qrcode's own SVG, which escapes nothing of ours: it is paths). */
export async function qrSvg(text: string): Promise<string> {
  return qrToString(text, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: 2 });
}

export async function qrBlock(text: string, className = 'qr'): Promise<SafeHtml> {
  const svg = await qrSvg(text);
  return trusted(`<div class="${className}">${svg.trim()}</div>`);
}
