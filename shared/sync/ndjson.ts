/**
 * Newline-delimited JSON (one JSON value per line), the bulk format of pushes and pull pages.
 *
 * A push of 250 events or a pull page of 1,000 documents is hundreds of kilobytes of JSON. Read as
 * one string, that string alone costs more than parsing it (JavaScript engines allocate strings
 * that large apart from the rest, on fresh memory); read line by line, every string is one
 * document. JSON.stringify never writes a raw line feed (it escapes one inside a string as `\n`), so
 * a line is exactly one value.
 */

export const NDJSON_TYPE = 'application/x-ndjson';

const LINE_FEED = 0x0a;

/** Calls `line` with the bounds of each non-empty line of `bytes` and its number (from 1). */
export function forEachLine(
  bytes: Uint8Array,
  line: (start: number, end: number, lineNumber: number) => void,
): void {
  let start = 0;
  let lineNumber = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(LINE_FEED, start);
    if (end === -1) end = bytes.length;
    lineNumber++;
    if (end > start) line(start, end, lineNumber);
    start = end + 1;
  }
}

/** The values of an NDJSON body, each decoded and parsed on its own (line numbers in errors). */
export function parseNdjson(
  bytes: Uint8Array,
  decode: (start: number, end: number) => string,
  parse: (text: string) => unknown = JSON.parse,
): unknown[] {
  const values: unknown[] = [];
  forEachLine(bytes, (start, end, lineNumber) => {
    try {
      values.push(parse(decode(start, end)));
    } catch (err) {
      throw new SyntaxError(`line ${lineNumber}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return values;
}

/**
 * A pull page read from NDJSON: its first line (checkpoint and serverTime, see pullResponseSchema)
 * with the documents of the lines after it. Validated by the caller.
 */
export function pullPageFromLines(values: readonly unknown[]): unknown {
  const [head, ...documents] = values;
  return head !== null && typeof head === 'object' ? { ...head, documents } : head;
}
