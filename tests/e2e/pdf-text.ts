import { inflateSync } from 'node:zlib';

/**
 * A small PDF text reader for the PDFs Chromium writes (page.pdf): Type0 fonts with Identity-H
 * 2-byte glyph codes and a ToUnicode CMap each, text shown with Tj / TJ in Flate streams. Enough to
 * check what a printed form says; not a general PDF parser.
 */
interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2] ?? '';
    const at = body.indexOf('stream');
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    let start = at + 'stream'.length;
    if (body[start] === '\r') start += 1;
    if (body[start] === '\n') start += 1;
    const end = body.lastIndexOf('endstream');
    let raw = Buffer.from(body.slice(start, end), 'latin1');
    const length = /\/Length (\d+)(?! 0 R)/.exec(dict);
    if (length) raw = raw.subarray(0, Number(length[1]));
    let stream: Buffer = raw;
    if (dict.includes('/FlateDecode')) {
      try {
        stream = inflateSync(raw);
      } catch {
        stream = raw;
      }
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  return objects;
}

function utf16(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(parseInt(m[1] ?? '0', 16), utf16(m[2] ?? ''));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1] ?? '';
    for (const m of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<([0-9A-Fa-f]+)>|\[([^\]]*)\])/g)) {
      const lo = parseInt(m[1] ?? '0', 16);
      const hi = parseInt(m[2] ?? '0', 16);
      if (m[4] !== undefined) {
        const base = parseInt(m[4], 16);
        for (let c = lo; c <= hi; c += 1) map.set(c, String.fromCodePoint(base + (c - lo)));
      } else {
        const items = [...(m[5] ?? '').matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => utf16(x[1] ?? ''));
        items.forEach((s, i) => map.set(lo + i, s));
      }
    }
  }
  return map;
}

/** The text of every page, in content order; runs of one text object are joined, objects by newlines. */
export function pdfText(pdf: Buffer): string {
  const objects = parseObjects(pdf);
  const cmapOfFont = new Map<number, Map<number, string>>();
  for (const [num, obj] of objects) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(obj.dict);
    const cmap = ref ? objects.get(Number(ref[1]))?.stream : null;
    if (cmap) cmapOfFont.set(num, parseCMap(cmap.toString('latin1')));
  }
  const fontByName = new Map<string, Map<number, string>>();
  for (const obj of objects.values()) {
    for (const block of obj.dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const m of (block[1] ?? '').matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)) {
        const cmap = cmapOfFont.get(Number(m[2]));
        if (cmap) fontByName.set(m[1] ?? '', cmap);
      }
    }
  }
  const decode = (hex: string, cmap: Map<number, string> | undefined) => {
    let out = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) out += cmap?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
    return out;
  };
  const lines: string[] = [];
  for (const obj of objects.values()) {
    if (!obj.stream || obj.dict.includes('/ToUnicode') || obj.dict.includes('/Subtype')) continue;
    const content = obj.stream.toString('latin1');
    if (!/T[jJ]/.test(content)) continue;
    let font: Map<number, string> | undefined;
    let line = '';
    const tokens = /\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|\bET\b/g;
    for (let m = tokens.exec(content); m; m = tokens.exec(content)) {
      if (m[1] !== undefined) font = fontByName.get(m[1]);
      else if (m[2] !== undefined) line += decode(m[2].replace(/\s+/g, ''), font);
      else {
        if (line) lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
  }
  return lines.join('\n');
}
