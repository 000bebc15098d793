/**
 * Base64url (RFC 4648 §5, no padding). Written here because shared/ may use neither `btoa` (DOM)
 * nor `Buffer` (Node); keys and signatures travel in QR codes and JSON as this text.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

export function bytesToBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Strict decoder: rejects padding, foreign characters and non-canonical trailing bits. */
export function base64urlToBytes(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new Error('base64url: invalid length');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const group = text.slice(i, i + 4);
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = group[k];
      const v = ch === undefined ? 0 : LOOKUP.get(ch);
      if (v === undefined) throw new Error('base64url: invalid character');
      n = (n << 6) | v;
    }
    const bytes = group.length - 1;
    // Non-zero unused bits would let two texts decode to the same bytes (signature malleability).
    if (bytes === 1 && (n & 0xffff) !== 0) throw new Error('base64url: non-canonical');
    if (bytes === 2 && (n & 0xff) !== 0) throw new Error('base64url: non-canonical');
    for (let k = 0; k < bytes; k++) out[o++] = (n >> (16 - 8 * k)) & 0xff;
  }
  return out;
}
