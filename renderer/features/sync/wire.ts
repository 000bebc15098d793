/**
 * Bodies between a counter and the server: push rows go as NDJSON (gzip'd when worth it), pull pages
 * come back as NDJSON and are read line by line (see shared/sync/ndjson.ts for why).
 */
import { NDJSON_TYPE, parseNdjson, pullPageFromLines } from '../../../shared/sync/ndjson';

/** Values as NDJSON bytes, each line ended by a line feed. */
export function encodeNdjson(
  values: readonly unknown[],
  encoder = new TextEncoder(),
): Uint8Array<ArrayBuffer> {
  const lines = values.map((value) => encoder.encode(JSON.stringify(value)));
  const out = new Uint8Array(lines.reduce((n, l) => n + l.length + 1, 0));
  let at = 0;
  for (const l of lines) {
    out.set(l, at);
    at += l.length;
    out[at++] = 0x0a;
  }
  return out;
}

/** Push bodies larger than this are sent gzip'd (smaller ones gain too little for the work). */
export const GZIP_ABOVE_BYTES = 1024;

export async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/** What a response says: a pull page in NDJSON read line by line, anything else as JSON (or null). */
export async function readBody(res: Response): Promise<unknown> {
  if (!(res.headers.get('content-type') ?? '').startsWith(NDJSON_TYPE)) return res.json().catch(() => null);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const decoder = new TextDecoder();
  return pullPageFromLines(parseNdjson(bytes, (start, end) => decoder.decode(bytes.subarray(start, end))));
}
