/**
 * Large JSON between the server and PostgreSQL, kept out of large JavaScript strings.
 *
 * A group commit's rows are megabytes of JSON. Joined into one string, V8 puts that string in its
 * large-object space, fresh memory on every allocation: on our 2-core counters' VMs building and
 * encoding it cost more than checking the rows. So the rows stay small strings, each encoded on its
 * own, and the parameter goes as bytes — PostgreSQL's binary format of jsonb, which is a version
 * byte (1) followed by the JSON text.
 */

const JSONB_BINARY_VERSION = Buffer.of(1);
const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** A `$n::jsonb` parameter holding the JSON array of the given element texts (each valid JSON). */
export function jsonbArrayParam(elements: readonly string[]): Buffer {
  const parts: Buffer[] = [JSONB_BINARY_VERSION, OPEN];
  elements.forEach((text, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(Buffer.from(text, 'utf8'));
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

/** jsonbArrayParam of values (each serialised on its own). */
export function jsonbArrayOf(values: readonly unknown[]): Buffer {
  return jsonbArrayParam(values.map((v) => JSON.stringify(v)));
}
